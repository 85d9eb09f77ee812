/** Request bodies: read with a size limit, media type checked, JSON parsed and bounded. */
import type { IncomingMessage } from 'node:http';
import { problem, type Reply } from './reply.js';

export interface Body {
  readonly bytes: Buffer;
  readonly tooLarge: boolean;
}

/**
 * Reads the body, keeping at most `limit` bytes. A declared Content-Length over the limit is
 * refused at once; a body that grows past it is drained without being kept, so the client
 * still reads the 413 instead of a reset connection.
 */
export async function readBody(request: IncomingMessage, limit: number): Promise<Body> {
  const declared = Number(request.headers['content-length'] ?? NaN);
  const chunks: Buffer[] = [];
  let size = 0;
  if (declared > limit) {
    request.resume();
    return { bytes: Buffer.alloc(0), tooLarge: true };
  }
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
  }
  return { bytes: Buffer.concat(chunks), tooLarge: size > limit };
}

export function mediaType(request: IncomingMessage): string {
  return (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Deeper than any form needs, shallow enough that no recursion over it can overflow the stack. */
const MAX_DEPTH = 32;
const MAX_NODES = 20_000;

/** True when a parsed value nests deeper or holds more values than a request can honestly need. */
function tooComplex(value: unknown): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  let nodes = 0;
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (++nodes > MAX_NODES || depth > MAX_DEPTH) return true;
    if (typeof current === 'object' && current !== null) for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}

/** The raw body of a request of one of `types`, or the transport-level problem (415, 413). */
export async function readTypedBody(request: IncomingMessage, limit: number, types: readonly string[] = ['application/json']): Promise<{ bytes: Buffer } | Reply> {
  const body = await readBody(request, limit);
  if (!types.includes(mediaType(request))) return problem('unsupported-media-type', { detail: `Send ${types.join(' or ')}.` });
  if (body.tooLarge) return problem('payload-too-large', { detail: `At most ${limit} bytes.` });
  return { bytes: body.bytes };
}

/** Keeps a byte-order mark, which JSON.parse then refuses as it must. */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Parses JSON, refusing what no honest request holds (400 malformed-json or invalid-request). */
export function parseJson(bytes: Buffer): { value: unknown } | Reply {
  let value: unknown;
  try {
    // Invalid UTF-8 is malformed JSON (RFC 8259 §8.1), not text to be patched with U+FFFD.
    value = JSON.parse(UTF8.decode(bytes));
  } catch {
    return problem('malformed-json', { detail: 'The body could not be read as JSON.' });
  }
  if (tooComplex(value)) return problem('invalid-request', { detail: `JSON may nest at most ${MAX_DEPTH} levels and hold at most ${MAX_NODES} values.` });
  return { value };
}

/** The JSON body of a request of one of `types`, or the problem (415, 413, 400). */
export async function readJson(request: IncomingMessage, limit: number, types: readonly string[] = ['application/json']): Promise<{ value: unknown } | Reply> {
  const body = await readTypedBody(request, limit, types);
  return 'bytes' in body ? parseJson(body.bytes) : body;
}
