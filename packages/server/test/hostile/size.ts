/**
 * Category 3: bodies and files over the limits, with a truthful Content-Length, with chunked
 * encoding (no length to refuse early on), and with a length that lies; plus framing the HTTP
 * parser itself refuses (request smuggling shapes, oversized header blocks).
 */
import { LAMP_CASES, fieldPart, filePart, freshKey, lampSubmission, multipart, type HostileCase, type Target } from './harness.js';

const tooLarge = { status: 413, code: 'payload-too-large' } as const;
const parser = { status: 400, code: 'invalid-request', parserLevel: true } as const;

const MAIN_JSON = 256 * 1024;
const MAIN_UPLOAD = 10 * 1024 * 1024;
/** The smallest JSON limit the server can be configured with (the contract: at least 64 KiB accepted). */
export const SMALL_JSON = 64 * 1024;
export const SMALL_UPLOAD = 65_536;
const BOUNDARY = 'hostile-size-boundary';
const MULTIPART = { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` };

/** A lamp submission whose JSON text is exactly `bytes` long. */
function submissionOfSize(target: Target, bytes: number): string {
  const text = (description: string) => JSON.stringify(lampSubmission(target, { answers: { description, anonymous: false } }));
  const padding = bytes - text('').length;
  if (padding < 0) throw new Error(`a submission cannot be ${bytes} bytes`);
  return text('x'.repeat(padding));
}

/** A JPEG-looking file of `bytes` bytes (SOI, then zeros) in a one-file multipart body. */
const uploadOf = (bytes: number) => multipart(BOUNDARY, [filePart('file', 'big.jpg', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(bytes - 4)]))]);

export function sizeCases(target: Target): HostileCase[] {
  const { main, small } = target;
  const key = () => ({ 'idempotency-key': freshKey() });
  const overMain = submissionOfSize(target, MAIN_JSON + 1);
  const bigFeedback = JSON.stringify({ topic: 'x', rating: 3, comment: 'x'.repeat(MAIN_JSON) });
  const bigEvents = JSON.stringify({ events: Array.from({ length: 3000 }, (_, index) => ({ fillId: `fill-${'x'.repeat(60)}`, type: 'step', serviceId: 'broken-lamp', definitionHash: target.lampHash, step: `s${index}`, at: '2026-03-04T10:15:00Z' })) });
  const bigUpload = uploadOf(MAIN_UPLOAD + 32 * 1024);
  const request = (text: string) => `${text.replace(/\n/g, '\r\n')}`;

  return [
    // The main server: 256 KiB of JSON, 10 MiB per file.
    { name: 'submission one byte over 256 KiB, Content-Length', send: () => main.post(LAMP_CASES, overMain, key()), ...tooLarge },
    { name: 'submission one byte over 256 KiB, chunked', send: () => main.post(LAMP_CASES, overMain, key(), { chunked: true }), ...tooLarge },
    { name: 'feedback over 256 KiB, Content-Length', send: () => main.post('/ostra/api/feedback', bigFeedback), ...tooLarge },
    { name: 'feedback over 256 KiB, chunked', send: () => main.post('/ostra/api/feedback', bigFeedback, {}, { chunked: true }), ...tooLarge },
    { name: 'events over 256 KiB as text/plain, chunked', send: () => main.post('/ostra/api/events', bigEvents, { 'content-type': 'text/plain' }, { chunked: true }), ...tooLarge },
    { name: 'survey response over 256 KiB', send: () => main.post('/ostra/api/surveys/standard/responses', JSON.stringify({ answers: { improve: 'x'.repeat(MAIN_JSON) } })), ...tooLarge },
    { name: 'Content-Length of 1 TB with 20 bytes sent', send: () => main.post(LAMP_CASES, '{"answers":{"descri', { ...key(), 'content-length': String(1e12) }, { incomplete: true }), ...tooLarge },
    { name: 'upload 10 MiB + 32 KiB, Content-Length', send: () => main.post('/ostra/api/uploads', bigUpload, MULTIPART), ...tooLarge },
    { name: 'upload 10 MiB + 32 KiB, chunked', send: () => main.post('/ostra/api/uploads', bigUpload, MULTIPART, { chunked: true }), ...tooLarge },
    { name: 'upload declaring 100 GiB', send: () => main.post('/ostra/api/uploads', bigUpload.subarray(0, 1000), { ...MULTIPART, 'content-length': String(100 * 2 ** 30) }, { incomplete: true }), ...tooLarge },
    // A server with 64 KiB of JSON and 64 KiB per file.
    { name: 'small: submission of exactly 64 KiB + 1 byte', send: () => small.post(LAMP_CASES, submissionOfSize(target, SMALL_JSON + 1), key()), ...tooLarge },
    { name: 'small: submission of 70 000 bytes, chunked', send: () => small.post(LAMP_CASES, submissionOfSize(target, 70_000), key(), { chunked: true }), ...tooLarge },
    { name: 'small: feedback of 80 KiB', send: () => small.post('/ostra/api/feedback', JSON.stringify({ topic: 'x', rating: 3, comment: 'x'.repeat(80 * 1024) })), ...tooLarge },
    { name: 'small: events of 80 KiB on /vastra', send: () => small.post('/vastra/api/events', JSON.stringify({ events: [], pad: 'x'.repeat(80 * 1024) })), ...tooLarge },
    { name: 'small: upload body of 100 KiB, Content-Length', send: () => small.post('/ostra/api/uploads', uploadOf(100 * 1024), MULTIPART), ...tooLarge },
    { name: 'small: upload body of 100 KiB, chunked', send: () => small.post('/ostra/api/uploads', uploadOf(100 * 1024), MULTIPART, { chunked: true }), ...tooLarge },
    {
      // The body fits the allowance for framing, the file itself does not.
      name: 'small: a file of 65 537 bytes inside the framing allowance',
      send: () => small.post('/ostra/api/uploads', multipart(BOUNDARY, [fieldPart('serviceId', 'broken-lamp'), filePart('file', 'edge.jpg', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(SMALL_UPLOAD + 1 - 4)]))]), MULTIPART),
      ...tooLarge,
    },
    // Framing that Node's HTTP parser refuses before any route runs (the server's clientError answer).
    { name: 'Content-Length and Transfer-Encoding together', send: () => main.raw(request('POST /ostra/api/feedback HTTP/1.1\nHost: x\nContent-Type: application/json\nContent-Length: 5\nTransfer-Encoding: chunked\n\n0\n\n')), ...parser },
    { name: 'two different Content-Lengths', send: () => main.raw(request('POST /ostra/api/feedback HTTP/1.1\nHost: x\nContent-Type: application/json\nContent-Length: 2\nContent-Length: 40\n\n{}')), ...parser },
    { name: 'negative Content-Length', send: () => main.raw(request('POST /ostra/api/feedback HTTP/1.1\nHost: x\nContent-Type: application/json\nContent-Length: -1\n\n{}')), ...parser },
    { name: 'chunk size that is not hex', send: () => main.raw(request('POST /ostra/api/feedback HTTP/1.1\nHost: x\nContent-Type: application/json\nTransfer-Encoding: chunked\n\nzz\n{}\n0\n\n')), ...parser },
    { name: 'header block of 20 kB', send: () => main.raw(request(`GET /ostra/api/services HTTP/1.1\nHost: x\nX-Pad: ${'x'.repeat(20_000)}\n\n`)), ...parser },
  ];
}
