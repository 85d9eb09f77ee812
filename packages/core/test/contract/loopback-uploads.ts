/** One multipart file per request; the type is sniffed from the bytes, never trusted from the client. */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { fieldError, json, mediaType, problem, readBody, type Reply } from './loopback-http.js';
import { findService, type State } from './loopback-state.js';

interface Part {
  readonly name: string;
  readonly filename?: string;
  readonly content: Buffer;
}

function parseMultipart(body: Buffer, boundary: string): Part[] | undefined {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let position = body.indexOf(delimiter);
  if (position < 0) return undefined;
  for (;;) {
    position += delimiter.length;
    if (body.subarray(position, position + 2).toString() === '--') return parts;
    if (body.subarray(position, position + 2).toString() !== '\r\n') return undefined;
    const headerEnd = body.indexOf('\r\n\r\n', position);
    const next = headerEnd < 0 ? -1 : body.indexOf(Buffer.from(`\r\n--${boundary}`), headerEnd + 4);
    if (next < 0) return undefined;
    const headers = body.subarray(position + 2, headerEnd).toString('utf8');
    const name = /content-disposition:[^\r\n]*;\s*name="([^"]*)"/i.exec(headers)?.[1];
    const filename = /content-disposition:[^\r\n]*;\s*filename="([^"]*)"/i.exec(headers)?.[1];
    if (name === undefined) return undefined;
    parts.push({ name, content: body.subarray(headerEnd + 4, next), ...(filename === undefined ? {} : { filename }) });
    position = next + 2;
  }
}

const SIGNATURES: readonly [string, (bytes: Buffer) => boolean][] = [
  ['image/png', (bytes) => bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))],
  ['image/jpeg', (bytes) => bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff],
  ['image/webp', (bytes) => bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP'],
  ['application/pdf', (bytes) => bytes.subarray(0, 5).toString('latin1') === '%PDF-'],
];

function sniff(bytes: Buffer): string | undefined {
  return SIGNATURES.find(([, matches]) => matches(bytes))?.[0];
}

export async function postUpload(state: State, request: IncomingMessage): Promise<Reply> {
  const body = await readBody(request, state.limits.uploadBytes + 64 * 1024);
  const boundary = /;\s*boundary="?([^";]+)"?/i.exec(request.headers['content-type'] ?? '')?.[1];
  if (mediaType(request) !== 'multipart/form-data' || boundary === undefined) {
    return problem('unsupported-media-type', 'Send multipart/form-data');
  }
  if (body.tooLarge) return problem('payload-too-large', 'The file is too large');
  const parts = parseMultipart(body.bytes, boundary);
  const files = parts?.filter((part) => part.filename !== undefined) ?? [];
  if (parts === undefined || files.length !== 1 || files[0]!.name !== 'file') {
    const message = { sv: 'Skicka exakt en fil i fältet "file".', en: 'Send exactly one file in the "file" part.' };
    return problem('invalid-request', 'Send one file', undefined, { errors: [fieldError('/file', 'required', message)] });
  }
  const serviceId = parts.find((part) => part.name === 'serviceId')?.content.toString('utf8');
  if (serviceId !== undefined && findService(state, serviceId) === undefined) return problem('service-not-found', 'No such service');
  const file = files[0]!;
  if (file.content.length > state.limits.uploadBytes) return problem('payload-too-large', 'The file is too large');
  const type = sniff(file.content);
  if (type === undefined) return problem('unsupported-media-type', 'Only JPEG, PNG, WebP and PDF files are accepted');
  const uploadId = randomBytes(18).toString('base64url');
  state.uploads.set(uploadId, { mediaType: type, bytes: Buffer.from(file.content) });
  return json(201, { uploadId, mediaType: type, size: file.content.length });
}
