import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_PART_HEADER_BYTES, MAX_PARTS, parseMultipart, type Part } from '../../src/uploads/multipart.js';
import { field, file, multipartBody, pngFile } from './fixtures.js';

const BOUNDARY = '----WebKitFormBoundary7MA4YWxkTrZu0gW';
const CONTENT_TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

const parts = (body: Uint8Array, contentType = CONTENT_TYPE): Part[] => {
  const result = parseMultipart(body, contentType);
  assert.ok(result.ok, 'parsed');
  return result.parts;
};
const refused = (body: Uint8Array, contentType = CONTENT_TYPE): void => assert.deepEqual(parseMultipart(body, contentType), { ok: false });
const filenameOf = (filename: string): string | undefined => parts(multipartBody(BOUNDARY, [file('photo', filename, Uint8Array.of(1))]))[0]!.filename;

describe('parseMultipart', () => {
  it('reads fields and a file, with the file content byte for byte', () => {
    const image = pngFile({ metadata: false });
    const [answers, photo] = parts(multipartBody(BOUNDARY, [field('answers', '{"place":"Storgatan 1"}'), file('photo', 'IMG_0001.png', image, 'image/png')]));
    assert.deepEqual({ ...answers, content: answers!.content.toString() }, { name: 'answers', content: '{"place":"Storgatan 1"}' });
    assert.equal(photo!.name, 'photo');
    assert.equal(photo!.filename, 'IMG_0001.png');
    assert.equal(photo!.contentType, 'image/png');
    assert.deepEqual(new Uint8Array(photo!.content), image);
  });

  it('keeps content that holds CRLF, dashes and a prefix of the boundary', () => {
    const tricky = `line 1\r\n--${BOUNDARY.slice(0, -1)}\r\n--\r\n\r\n`;
    assert.equal(parts(multipartBody(BOUNDARY, [field('text', tricky)]))[0]!.content.toString(), tricky);
  });

  it('reads an empty field and an empty file input', () => {
    const [empty, noFile] = parts(multipartBody(BOUNDARY, [field('empty', ''), file('photo', '', new Uint8Array())]));
    assert.equal(empty!.content.length, 0);
    assert.equal(noFile!.filename, '');
  });

  it('accepts a quoted boundary with characters a token cannot hold, and any header case', () => {
    const boundary = "gc0p4Jq0M:2Yt08j(U534)c0p?=/,'";
    const body = multipartBody(boundary, [{ headers: ['content-disposition: FORM-DATA;name=a; FILENAME="x.txt"', 'CONTENT-TYPE: text/plain'], content: 'A' }]);
    const [part] = parts(body, `Multipart/Form-Data; charset=utf-8; Boundary="${boundary}"`);
    assert.deepEqual({ ...part, content: part!.content.toString() }, { name: 'a', filename: 'x.txt', contentType: 'text/plain', content: 'A' });
  });

  it('accepts a body from a plain Uint8Array and without the CRLF after the close delimiter', () => {
    const body = multipartBody(BOUNDARY, [field('a', '1')]);
    assert.equal(parts(new Uint8Array(body.subarray(0, -2))).length, 1);
  });

  it('keeps only the last segment of a file name, without control characters, at most 255 characters', () => {
    assert.equal(filenameOf('../../etc/passwd'), 'passwd');
    assert.equal(filenameOf('C:\\x\\y.jpg'), 'y.jpg');
    assert.equal(filenameOf('..\\..\\windows\\win.ini'), 'win.ini');
    assert.equal(filenameOf('..'), '');
    assert.equal(filenameOf('a\tb\u0007c\u007f.jpg'), 'abc.jpg');
    assert.equal(filenameOf('invoice\u202Egpj.exe'), 'invoicegpj.exe');
    assert.equal(filenameOf('bröllop – Karlstad.jpg'), 'bröllop – Karlstad.jpg');
    assert.equal(filenameOf(`${'å'.repeat(300)}.jpg`), 'å'.repeat(255));
  });

  it(`refuses more than ${MAX_PARTS} parts`, () => {
    const fields = Array.from({ length: MAX_PARTS + 1 }, (_, i) => field(`f${i}`, 'x'));
    assert.equal(parts(multipartBody(BOUNDARY, fields.slice(0, MAX_PARTS))).length, MAX_PARTS);
    refused(multipartBody(BOUNDARY, fields));
  });

  it(`refuses a part header block over ${MAX_PART_HEADER_BYTES} bytes`, () => {
    const header = (length: number): string => `X-Padding: ${'a'.repeat(length)}`;
    const disposition = 'Content-Disposition: form-data; name="a"';
    const fits = MAX_PART_HEADER_BYTES - disposition.length - 2 - 'X-Padding: '.length;
    assert.equal(parts(multipartBody(BOUNDARY, [{ headers: [disposition, header(fits)], content: 'x' }])).length, 1);
    refused(multipartBody(BOUNDARY, [{ headers: [disposition, header(fits + 1)], content: 'x' }]));
  });

  const body = multipartBody(BOUNDARY, [field('a', '1')]);
  const badBodies: [string, Uint8Array][] = [
    ['a missing close delimiter', multipartBody(BOUNDARY, [field('a', '1')], { close: false })],
    ['a body cut inside a part', body.subarray(0, body.length - 20)],
    ['LF-only line endings', multipartBody(BOUNDARY, [field('a', '1')], { newline: '\n' })],
    ['a bare LF in the headers', Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="a"\nX: y\r\n\r\n1\r\n--${BOUNDARY}--`)],
    ['a preamble', Buffer.concat([Buffer.from('preamble\r\n'), body])],
    ['an epilogue', Buffer.concat([body, Buffer.from('epilogue')])],
    ['no parts', Buffer.from(`--${BOUNDARY}--\r\n`)],
    ['an empty body', new Uint8Array()],
    ['a different boundary', multipartBody('other', [field('a', '1')])],
    ['a delimiter followed by other text', Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--${BOUNDARY}x\r\n`)],
    ['a part without a blank line after its headers', Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="a"\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="b"\r\n\r\n1\r\n--${BOUNDARY}--`)],
    ['a part without Content-Disposition', multipartBody(BOUNDARY, [{ headers: ['Content-Type: text/plain'], content: '1' }])],
    ['a disposition other than form-data', multipartBody(BOUNDARY, [{ headers: ['Content-Disposition: attachment; name="a"'], content: '1' }])],
    ['a part without a name', multipartBody(BOUNDARY, [{ headers: ['Content-Disposition: form-data; filename="a.jpg"'], content: '1' }])],
    ['an empty name', multipartBody(BOUNDARY, [{ headers: ['Content-Disposition: form-data; name=""'], content: '1' }])],
    ['a repeated parameter', multipartBody(BOUNDARY, [{ headers: ['Content-Disposition: form-data; name="a"; name="b"'], content: '1' }])],
    ['an unknown parameter (filename*)', multipartBody(BOUNDARY, [{ headers: ["Content-Disposition: form-data; name=\"a\"; filename*=UTF-8''x.jpg"], content: '1' }])],
    ['an unterminated quoted string', multipartBody(BOUNDARY, [{ headers: ['Content-Disposition: form-data; name="a'], content: '1' }])],
    ['a repeated header', multipartBody(BOUNDARY, [{ headers: ['Content-Disposition: form-data; name="a"', 'Content-Disposition: form-data; name="b"'], content: '1' }])],
    ['a folded header line', multipartBody(BOUNDARY, [{ headers: ['Content-Disposition: form-data;', ' name="a"'], content: '1' }])],
    ['a header line without a colon', multipartBody(BOUNDARY, [{ headers: ['Content-Disposition: form-data; name="a"', 'garbage'], content: '1' }])],
    ['an empty part Content-Type', multipartBody(BOUNDARY, [{ headers: ['Content-Disposition: form-data; name="a"', 'Content-Type:'], content: '1' }])],
    ['headers that are not UTF-8', Buffer.concat([Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="`), Buffer.from([0xff, 0xfe]), Buffer.from(`"\r\n\r\n1\r\n--${BOUNDARY}--`)])],
  ];
  for (const [what, bytes] of badBodies) {
    it(`refuses ${what}`, () => refused(bytes));
  }

  const badHeaders: [string, string][] = [
    ['a missing boundary', 'multipart/form-data'],
    ['an empty boundary', 'multipart/form-data; boundary=""'],
    ['a boundary over 70 characters', `multipart/form-data; boundary=${'a'.repeat(71)}`],
    ['a boundary ending in a space', 'multipart/form-data; boundary="abc "'],
    ['a boundary with characters outside RFC 2046', 'multipart/form-data; boundary="a\\b"'],
    ['two boundaries', `multipart/form-data; boundary=${BOUNDARY}; boundary=${BOUNDARY}`],
    ['another media type', `multipart/mixed; boundary=${BOUNDARY}`],
    ['a URL-encoded form', 'application/x-www-form-urlencoded'],
    ['a malformed parameter list', `multipart/form-data; boundary ${BOUNDARY}`],
  ];
  for (const [what, header] of badHeaders) {
    it(`refuses a Content-Type with ${what}`, () => refused(body, header));
  }

  it('accepts a boundary of exactly 70 characters', () => {
    const boundary = 'b'.repeat(70);
    assert.equal(parts(multipartBody(boundary, [field('a', '1')]), `multipart/form-data; boundary=${boundary}`).length, 1);
  });
});
