/**
 * Receipt secrets. The link token and the typed tracking code are derived from the server key
 * and the submission's idempotency key, so a replayed request gets the same receipt although
 * only their hashes are stored; comparisons are constant-time.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { encodeTrackingCode, normalizeTrackingCode } from '@eservice-kit/core';

export const sha256 = (data: string | Buffer): Buffer => createHash('sha256').update(data).digest();

export interface ReceiptSecrets {
  readonly token: string;
  readonly trackingCode: string;
}

export function receiptSecrets(serverKey: Buffer, tenant: string, serviceId: string, idempotencyKey: string): ReceiptSecrets {
  const derive = (label: string) => createHmac('sha256', serverKey).update(`${label}\n${tenant}\n${serviceId}\n${idempotencyKey}`).digest();
  return { token: derive('token').toString('base64url'), trackingCode: encodeTrackingCode(derive('tracking-code')) };
}

const DUMMY = sha256('no case');

/**
 * Whether `secret` (a link token, or a typed code in any spacing or case) opens a case with
 * these hashes. Both comparisons always run, against a dummy when there is no case, so the
 * time taken tells nothing.
 */
export function secretOpens(secret: string, hashes: { tokenHash: Buffer; codeHash: Buffer } | undefined): boolean {
  const code = normalizeTrackingCode(secret);
  const byToken = timingSafeEqual(hashes?.tokenHash ?? DUMMY, sha256(secret));
  const byCode = timingSafeEqual(hashes?.codeHash ?? DUMMY, code === undefined ? DUMMY : sha256(code));
  return hashes !== undefined && (byToken || (byCode && code !== undefined));
}
