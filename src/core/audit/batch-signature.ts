import { fromBase64Url, toBase64Url } from './base64url';
import { utf8 } from './hex';
import type { EscrowBox, UploadBatch } from './types';

/**
 * Per-install upload signatures. Each install holds a non-extractable ECDSA
 * P-256 key (made at first run, kept in IndexedDB); the collector pins the
 * public half when the install enrols and from then on refuses any batch for
 * that install that this key did not sign. Whoever holds the organisation's
 * ingest token (every agent machine does) can enrol a new install, but can no
 * longer speak for an existing one.
 *
 * What is signed is a text that binds the batch's identity, the reported chain
 * head and every event's (seq, id, hash). The collector recomputes each event's
 * hash from its content, so the signature covers the content too, without
 * hashing the batch twice.
 */
export const SIGNATURE_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
export const SIGNATURE_PARAMS = { name: 'ECDSA', hash: 'SHA-256' } as const;

export function escrowText(box: EscrowBox | null | undefined): string {
  return box ? [box.alg, box.epk, box.iv, box.ct].join('.') : '';
}

/** The exact text an install signs for one batch. */
export function signedText(batch: UploadBatch, publicKey: string): string {
  const lines = [
    'sigilo.batch-signature/v1',
    batch.schema,
    batch.batchId,
    batch.installId,
    batch.agentId,
    batch.extensionVersion,
    batch.sentAt,
    `${batch.chainHead.seq}:${batch.chainHead.hash}`,
    publicKey,
    escrowText(batch.auth?.escrow),
    String(batch.events.length),
  ];
  for (const e of batch.events) lines.push(`${e.seq}:${e.id}:${e.hash}`);
  return `${lines.join('\n')}\n`;
}

export async function generateSigningKey(): Promise<CryptoKeyPair> {
  // extractable=false applies to the private key; the public key stays exportable.
  return crypto.subtle.generateKey(SIGNATURE_ALGORITHM, false, ['sign', 'verify']);
}

/** SPKI DER of the public key, base64url: the install's identity at the collector. */
export async function exportPublicKey(key: CryptoKey): Promise<string> {
  return toBase64Url(await crypto.subtle.exportKey('spki', key));
}

/** Sign a batch in place: sets `auth` (publicKey + signature, keeping any escrow box). */
export async function signBatch(batch: UploadBatch, keys: CryptoKeyPair): Promise<UploadBatch> {
  const publicKey = await exportPublicKey(keys.publicKey);
  const escrow = batch.auth?.escrow ?? null;
  const withKey: UploadBatch = { ...batch, auth: { publicKey, signature: '', escrow } };
  const signature = await crypto.subtle.sign(
    SIGNATURE_PARAMS,
    keys.privateKey,
    utf8.encode(signedText(withKey, publicKey)),
  );
  // WebCrypto's ECDSA signature is IEEE P1363 (r || s), which node:crypto verifies with dsaEncoding.
  return { ...withKey, auth: { publicKey, signature: toBase64Url(signature), escrow } };
}

/** WebCrypto verification (tests, tools); the collector uses node:crypto's synchronous verify. */
export async function verifyBatch(batch: UploadBatch, publicKey: string): Promise<boolean> {
  if (!batch.auth?.signature) return false;
  const key = await crypto.subtle.importKey('spki', fromBase64Url(publicKey), SIGNATURE_ALGORITHM, false, [
    'verify',
  ]);
  return crypto.subtle.verify(
    SIGNATURE_PARAMS,
    key,
    fromBase64Url(batch.auth.signature),
    utf8.encode(signedText(batch, publicKey)),
  );
}
