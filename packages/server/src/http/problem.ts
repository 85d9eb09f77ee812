import type { ServerResponse } from 'node:http';

/** An RFC 9457 problem, the only error body the server sends: no stack traces, SQL or paths. */
export interface ProblemBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly [extension: string]: unknown;
}

export function sendProblem(response: ServerResponse, problem: ProblemBody, headers: Record<string, string> = {}): void {
  response.writeHead(problem.status, { 'Content-Type': 'application/problem+json', 'Cache-Control': 'no-store', ...headers });
  response.end(JSON.stringify(problem));
}

export const notFound = (detail: string): ProblemBody => ({ type: 'about:blank', title: 'Not Found', status: 404, detail });
