import type { ServerResponse } from 'node:http';
import { PROBLEM_STATUS, problemType, type Problem, type ProblemCode } from '@eservice-kit/core';

/** Titles are for people reading logs; clients branch on `type`. */
const TITLES: Partial<Record<ProblemCode, string>> = {
  'not-found': 'Not found',
  'service-not-found': 'Service not found',
  'method-not-allowed': 'Method not allowed',
};

/** An RFC 9457 problem of the contract: the only error body the server sends (no stack traces, SQL or paths). */
export function problem(code: ProblemCode, detail?: string): Problem {
  return { type: problemType(code), title: TITLES[code] ?? code, status: PROBLEM_STATUS[code], ...(detail ? { detail } : {}) };
}

export function sendProblem(response: ServerResponse, body: Problem, headers: Record<string, string> = {}): void {
  response.writeHead(body.status, { 'Content-Type': 'application/problem+json', 'Cache-Control': 'no-store', ...headers });
  response.end(JSON.stringify(body));
}
