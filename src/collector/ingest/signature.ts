import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import { signedText } from '../../core/audit/batch-signature';
import type { UploadBatch } from '../../core/audit/types';

/**
 * node:crypto's synchronous ECDSA check of a batch signature (the planner runs
 * inside a synchronous SQLite transaction). Parsed keys are cached: one per
 * install, reused by every batch it sends.
 */
const keys = new Map<string, KeyObject | null>();

function keyObject(publicKey: string): KeyObject | null {
  let key = keys.get(publicKey);
  if (key === undefined) {
    try {
      key = createPublicKey({ key: Buffer.from(publicKey, 'base64url'), format: 'der', type: 'spki' });
      if (key.asymmetricKeyType !== 'ec') key = null;
    } catch {
      key = null;
    }
    if (keys.size > 20_000) keys.clear();
    keys.set(publicKey, key);
  }
  return key;
}

export function batchSignatureValid(batch: UploadBatch, publicKey: string): boolean {
  const signature = batch.auth?.signature;
  if (!signature) return false;
  const key = keyObject(publicKey);
  if (!key) return false;
  try {
    return verify(
      'sha256',
      Buffer.from(signedText(batch, publicKey)),
      { key, dsaEncoding: 'ieee-p1363' },
      Buffer.from(signature, 'base64url'),
    );
  } catch {
    return false;
  }
}
