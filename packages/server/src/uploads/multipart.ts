/** One part of a multipart/form-data body. `content` is a view into the body, not a copy. */
export type Part = { name: string; filename?: string; contentType?: string; content: Buffer };

/** The parts, or a refusal; why is not told, since a client sending malformed bodies gets no help. */
export type MultipartResult = { ok: true; parts: Part[] } | { ok: false };

/** More parts than a form of ours sends (answers, a few files) means a malformed or hostile body. */
export const MAX_PARTS = 10;
/** The header block of one part, without its closing blank line. */
export const MAX_PART_HEADER_BYTES = 8 * 1024;
const MAX_FILENAME_LENGTH = 255;

const FAILED: MultipartResult = { ok: false };
const CRLF = '\r\n';
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// RFC 2046 bchars: 1 to 70 of them, not ending in a space.
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;
const HEADER_LINE = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+):[ \t]*(.*?)[ \t]*$/s;
// Control characters, and the bidirectional controls that make "gpj.exe" read as "exe.jpg".
const UNSAFE_IN_FILENAME = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Parses a multipart/form-data body strictly (RFC 7578, RFC 2046): the boundary comes from
 * the Content-Type header, lines end in CRLF, the body starts with the first delimiter and
 * ends with the close delimiter (optionally followed by one CRLF), every part has a
 * `Content-Disposition: form-data; name="…"` header, at most {@link MAX_PARTS} parts and
 * {@link MAX_PART_HEADER_BYTES} of headers per part. Anything else is refused.
 *
 * File names are for display only: their directory part, control characters and
 * bidirectional controls are removed and they are cut to 255 characters.
 */
export function parseMultipart(body: Uint8Array | Buffer, contentTypeHeader: string): MultipartResult {
  const boundary = boundaryOf(contentTypeHeader);
  if (boundary === undefined) return FAILED;
  const buffer = Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const delimiter = `${CRLF}--${boundary}`;
  if (!at(buffer, delimiter.slice(2), 0)) return FAILED;
  const parts: Part[] = [];
  let pos = delimiter.length - 2;
  for (;;) {
    if (at(buffer, '--', pos)) {
      const epilogue = buffer.subarray(pos + 2);
      const closed = epilogue.length === 0 || (epilogue.length === 2 && at(epilogue, CRLF, 0));
      return closed && parts.length > 0 ? { ok: true, parts } : FAILED;
    }
    if (!at(buffer, CRLF, pos) || parts.length === MAX_PARTS) return FAILED;
    const headerStart = pos + 2;
    const headerEnd = buffer.subarray(headerStart, headerStart + MAX_PART_HEADER_BYTES + 4).indexOf(`${CRLF}${CRLF}`);
    if (headerEnd === -1) return FAILED;
    const contentStart = headerStart + headerEnd + 4;
    const contentEnd = buffer.indexOf(delimiter, contentStart);
    if (contentEnd === -1) return FAILED;
    const headerBlock = buffer.subarray(headerStart, headerStart + headerEnd);
    // A part without its blank line would otherwise borrow the next part's headers.
    if (headerBlock.includes(delimiter)) return FAILED;
    const part = partOf(headerBlock, buffer.subarray(contentStart, contentEnd));
    if (!part) return FAILED;
    parts.push(part);
    pos = contentEnd + delimiter.length;
  }
}

const at = (buffer: Buffer, text: string, offset: number): boolean => buffer.subarray(offset, offset + text.length).equals(Buffer.from(text, 'latin1'));

/** The boundary of a `multipart/form-data` Content-Type, quoted or not; undefined for anything else. */
function boundaryOf(contentType: string): string | undefined {
  const parsed = parseHeaderValue(contentType);
  if (!parsed || parsed.value.toLowerCase() !== 'multipart/form-data') return undefined;
  const boundary = parsed.params.get('boundary');
  return boundary !== undefined && BOUNDARY.test(boundary) ? boundary : undefined;
}

function partOf(headerBlock: Buffer, content: Buffer): Part | undefined {
  let text: string;
  try {
    text = utf8.decode(headerBlock);
  } catch {
    return undefined;
  }
  const headers = new Map<string, string>();
  for (const line of text.split(CRLF)) {
    const match = HEADER_LINE.exec(line);
    // A bare CR or LF, a folded line or a line without a name is malformed.
    if (!match || /[\r\n]/.test(line)) return undefined;
    const name = match[1]!.toLowerCase();
    if (headers.has(name)) return undefined;
    headers.set(name, match[2]!);
  }
  const disposition = parseHeaderValue(headers.get('content-disposition') ?? '');
  if (!disposition || disposition.value.toLowerCase() !== 'form-data') return undefined;
  const { params } = disposition;
  const name = params.get('name');
  if (!name || [...params.keys()].some((key) => key !== 'name' && key !== 'filename')) return undefined;
  const filename = params.get('filename');
  const contentType = headers.get('content-type');
  if (contentType !== undefined && (contentType === '' || /\p{Cc}/u.test(contentType))) return undefined;
  return {
    name,
    ...(filename !== undefined ? { filename: safeFilename(filename) } : {}),
    ...(contentType !== undefined ? { contentType } : {}),
    content,
  };
}

/** Keeps only the last path segment, without control characters, at most 255 characters. */
function safeFilename(given: string): string {
  const base = given.slice(Math.max(given.lastIndexOf('/'), given.lastIndexOf('\\')) + 1).replace(UNSAFE_IN_FILENAME, '');
  return base === '.' || base === '..' ? '' : Array.from(base).slice(0, MAX_FILENAME_LENGTH).join('');
}

/**
 * `value *( OWS ";" OWS token "=" ( token / quoted-string ) ) OWS`, as Content-Type and
 * Content-Disposition share it. Parameter names are case-insensitive; a repeated one is malformed.
 * A backslash in a quoted string is taken literally, as browsers send it (they percent-encode
 * `"`, CR and LF instead, per the HTML standard), so `C:\x\y.jpg` stays a Windows path.
 */
function parseHeaderValue(header: string): { value: string; params: Map<string, string> } | undefined {
  const params = new Map<string, string>();
  const semicolon = header.indexOf(';');
  const value = (semicolon === -1 ? header : header.slice(0, semicolon)).trim();
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z/]+$/.test(value)) return undefined;
  let pos = semicolon === -1 ? header.length : semicolon;
  const skipSpace = (): void => {
    while (header[pos] === ' ' || header[pos] === '\t') pos++;
  };
  while (pos < header.length) {
    if (header[pos++] !== ';') return undefined;
    skipSpace();
    const equals = header.indexOf('=', pos);
    if (equals === -1) return undefined;
    const key = header.slice(pos, equals).toLowerCase();
    if (!TOKEN.test(key) || params.has(key)) return undefined;
    pos = equals + 1;
    let param: string;
    if (header[pos] === '"') {
      const close = header.indexOf('"', pos + 1);
      if (close === -1) return undefined;
      param = header.slice(pos + 1, close);
      pos = close + 1;
    } else {
      const end = header.slice(pos).search(/[ \t;]|$/);
      param = header.slice(pos, pos + end);
      if (!TOKEN.test(param)) return undefined;
      pos += end;
    }
    params.set(key, param);
    skipSpace();
  }
  return { value, params };
}
