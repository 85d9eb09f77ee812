/**
 * POST {tenant}/api/uploads: one file per request (multipart, part "file"), the type sniffed
 * from the bytes and metadata (EXIF, GPS, XMP, text chunks) removed before anything is
 * stored. Uploads are never served back to the public; a case refers to them by id.
 */
import { randomBytes } from 'node:crypto';
import { readBody } from '../http/body.js';
import { clientBucket, type RequestContext } from '../http/context.js';
import { fieldError, invalidRequest, json, problem, type Reply } from '../http/reply.js';
import { isFileField } from '../cases/upload-fields.js';
import { parseMultipart } from './multipart.js';
import { sniffFileType } from './sniff.js';
import { stripMetadata } from './strip-metadata.js';

/** Room for the multipart framing and a service id around the file itself. */
const FRAMING_BYTES = 16 * 1024;

const NOT_A_FILE_FIELD = { sv: 'Fältet tar inte emot filer i den här e-tjänsten.', en: 'This field takes no files in this e-service.' };
const ONE_FILE = { sv: 'Skicka exakt en fil i fältet "file".', en: 'Send exactly one file in the "file" part.' };

export async function postUpload(context: RequestContext): Promise<Reply> {
  const { request, config, tenant, storage, blobs } = context;
  const limit = config.limits.uploadBytes;
  const body = await readBody(request, limit + FRAMING_BYTES);
  const contentType = request.headers['content-type'] ?? '';
  if (!/^multipart\/form-data\s*;/i.test(contentType)) return problem('unsupported-media-type', { detail: 'Send multipart/form-data.' });
  if (body.tooLarge) return problem('payload-too-large', { detail: `A file may be at most ${limit} bytes.` });
  if (await storage.rateLimitHit(clientBucket(context, 'upload'), config.limits.uploadsPerMinute, Date.now())) {
    return problem('rate-limited', { detail: 'Too many uploads from this address; try again in a minute.', headers: { 'retry-after': '60' } });
  }
  const parsed = parseMultipart(body.bytes, contentType);
  const files = parsed.ok ? parsed.parts.filter((part) => part.filename !== undefined) : [];
  if (!parsed.ok || files.length !== 1 || files[0]!.name !== 'file') return invalidRequest([fieldError('/file', 'required', ONE_FILE)]);
  const serviceId = parsed.parts.find((part) => part.name === 'serviceId')?.content.toString('utf8');
  const service = serviceId === undefined ? undefined : tenant.catalog.get(serviceId);
  if (serviceId !== undefined && service === undefined) return problem('service-not-found');
  // A named field must be one the service takes files for (and needs the service to say so).
  const pointer = parsed.parts.find((part) => part.name === 'pointer')?.content.toString('utf8');
  if (pointer !== undefined && (service === undefined || !isFileField(service.definition, pointer))) {
    return invalidRequest([fieldError('/pointer', 'enum', NOT_A_FILE_FIELD)]);
  }
  const file = files[0]!;
  if (file.content.length > limit) return problem('payload-too-large', { detail: `A file may be at most ${limit} bytes.` });
  const mediaType = sniffFileType(file.content);
  if (mediaType === undefined) return problem('unsupported-media-type', { detail: 'Only JPEG, PNG, WebP and PDF files are accepted.' });
  const stripped = stripMetadata(file.content, mediaType);
  if (!stripped.ok) return problem('unsupported-media-type', { detail: `The file is not a valid ${mediaType.split('/')[1]!.toUpperCase()} file.` });
  const blobKey = await blobs.put(stripped.bytes);
  const uploadId = randomBytes(18).toString('base64url');
  try {
    await storage.createUpload({
      tenant: tenant.id,
      id: uploadId,
      ...(serviceId === undefined ? {} : { serviceId }),
      mediaType,
      size: stripped.bytes.length,
      blobKey,
      createdAt: new Date().toISOString(),
    });
  } catch (error) {
    await blobs.delete(blobKey);
    throw error;
  }
  return json(201, { uploadId, mediaType, size: stripped.bytes.length });
}
