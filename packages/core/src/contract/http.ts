/** A small recording HTTP client: every error response is kept for the problem+json audit. */
import type { FetchLike } from './types.js';

export interface HttpResponse {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly headers: Headers;
  /** Media type without parameters, lower case ("" when absent). */
  readonly mediaType: string;
  readonly text: string;
  /** The parsed body, or undefined when it is not JSON. */
  readonly json: unknown;
}

export interface HttpRequest {
  readonly headers?: Readonly<Record<string, string>>;
  /** A string is sent as is; FormData as multipart; anything else as JSON. */
  readonly body?: unknown;
}

export interface RecordedError {
  readonly checkId: string;
  readonly response: HttpResponse;
}

export class Http {
  readonly errors: RecordedError[] = [];
  checkId = '';
  private readonly base: string;

  constructor(
    baseUrl: string,
    private readonly fetchFn: FetchLike,
    private readonly timeoutMs: number,
  ) {
    this.base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  }

  /** `path` is relative to the tenant base, e.g. "api/services". */
  url(path: string): string {
    return new URL(path, this.base).href;
  }

  async request(method: string, path: string, request: HttpRequest = {}): Promise<HttpResponse> {
    const headers: Record<string, string> = { ...request.headers };
    let body: string | FormData | undefined;
    if (typeof request.body === 'string' || request.body instanceof FormData) body = request.body;
    else if (request.body !== undefined) {
      body = JSON.stringify(request.body);
      headers['content-type'] ??= 'application/json';
    }
    const url = this.url(path);
    const init: RequestInit = { method, headers, redirect: 'manual', signal: AbortSignal.timeout(this.timeoutMs) };
    if (body !== undefined) init.body = body;
    const response = await this.fetchFn(url, init);
    const text = await response.text();
    const result: HttpResponse = {
      method,
      url,
      status: response.status,
      headers: response.headers,
      mediaType: (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase(),
      text,
      json: parseJson(text),
    };
    if (result.status >= 400) this.errors.push({ checkId: this.checkId, response: result });
    return result;
  }
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
