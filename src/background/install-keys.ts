import { generateSigningKey, signBatch } from '../core/audit/batch-signature';
import { importEscrowPublicKey, sealEscrow } from '../core/audit/escrow';
import { generateFingerprintKey } from '../core/audit/fingerprint';
import type { UploadBatch } from '../core/audit/types';
import { getMeta, type MetaKey, type MetaMap, openSigiloDB, putMeta } from './db';

/**
 * The install's own keys, made once at first use and kept in IndexedDB:
 * - a signing key pair (ECDSA P-256, private half non-extractable: script in
 *   this profile can use it but nobody can copy it elsewhere) that signs every
 *   upload, so the collector can tell this install's batches from forgeries
 *   made with the organisation's token;
 * - a fingerprint key (HMAC), so fingerprints of one install open nothing in
 *   another; it reaches the collector only sealed to the collector's escrow key.
 */
async function oncePerInstall<K extends Extract<MetaKey, 'installSigningKey' | 'installFingerprintKey'>>(
  key: K,
  create: () => Promise<MetaMap[K]>,
): Promise<MetaMap[K]> {
  const db = await openSigiloDB();
  const existing = await getMeta(db, key);
  if (existing !== undefined) return existing;
  // Created outside the transaction (WebCrypto is async and would let it auto-commit), then
  // written only if no other context won the race: first writer wins, everyone uses its key.
  const made = await create();
  const tx = db.transaction('meta', 'readwrite', { durability: 'strict' });
  const again = await getMeta(tx, key);
  if (again !== undefined) {
    await tx.done;
    return again;
  }
  await putMeta(tx, key, made);
  await tx.done;
  return made;
}

let signingKeys: Promise<CryptoKeyPair> | null = null;
export function installSigningKeys(): Promise<CryptoKeyPair> {
  signingKeys ??= oncePerInstall('installSigningKey', generateSigningKey).catch((error: unknown) => {
    signingKeys = null;
    throw error;
  });
  return signingKeys;
}

let fingerprintKey: Promise<string> | null = null;
export function installFingerprintKey(): Promise<string> {
  fingerprintKey ??= oncePerInstall('installFingerprintKey', async () => generateFingerprintKey()).catch(
    (error: unknown) => {
      fingerprintKey = null;
      throw error;
    },
  );
  return fingerprintKey;
}

/**
 * Sign a batch with the install key; with the collector's escrow key, also
 * carry the fingerprint key sealed to it (the collector keeps the first one it
 * sees, at enrolment, and ignores later copies).
 */
export async function signUpload(batch: UploadBatch, escrowPublicKey: string | null): Promise<UploadBatch> {
  let withEscrow = batch;
  if (escrowPublicKey) {
    const escrow = await sealEscrow(
      await installFingerprintKey(),
      await importEscrowPublicKey(escrowPublicKey),
      batch.installId,
    );
    withEscrow = { ...batch, auth: { publicKey: '', signature: '', escrow } };
  }
  return signBatch(withEscrow, await installSigningKeys());
}
