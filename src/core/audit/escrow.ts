import { fromBase64Url, toBase64Url } from './base64url';
import { utf8 } from './hex';
import type { EscrowBox } from './types';

/**
 * Fingerprint-key escrow. Each install fingerprints values with its own random
 * key, so a guessed value can only be tested against one install's records with
 * that install's key. The key is sent to the collector once, at enrolment,
 * sealed to the collector's escrow public key (ECDH-ES on P-256, HKDF-SHA-256,
 * AES-256-GCM with the install id as associated data, so a box cannot be moved
 * to another install). The private half lives only in the collector's
 * environment: a copy of the database (backup, replica, DBA) holds boxes nobody
 * can open, and an agent machine holds one install's key only.
 */
export const ESCROW_ALG = 'ECDH-ES+A256GCM' as const;
const CURVE = { name: 'ECDH', namedCurve: 'P-256' } as const;
const INFO = utf8.encode('sigilo.escrow/v1');

async function aesKey(shared: ArrayBuffer, usage: 'encrypt' | 'decrypt'): Promise<CryptoKey> {
  const hkdf = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: INFO },
    hkdf,
    { name: 'AES-GCM', length: 256 },
    false,
    [usage],
  );
}

export async function importEscrowPublicKey(spkiBase64Url: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('spki', fromBase64Url(spkiBase64Url), CURVE, false, []);
}

export async function importEscrowPrivateKey(pkcs8: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return crypto.subtle.importKey('pkcs8', pkcs8, CURVE, false, ['deriveBits']);
}

export async function sealEscrow(
  secret: string,
  recipient: CryptoKey,
  installId: string,
): Promise<EscrowBox> {
  const ephemeral = (await crypto.subtle.generateKey(CURVE, true, ['deriveBits'])) as CryptoKeyPair;
  const shared = await crypto.subtle.deriveBits(
    { name: 'ECDH', public: recipient },
    ephemeral.privateKey,
    256,
  );
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: utf8.encode(installId) },
    await aesKey(shared, 'encrypt'),
    utf8.encode(secret),
  );
  return {
    alg: ESCROW_ALG,
    epk: toBase64Url(await crypto.subtle.exportKey('raw', ephemeral.publicKey)),
    iv: toBase64Url(iv),
    ct: toBase64Url(ct),
  };
}

/** Open a box in memory; throws when the box was not sealed to this key for this install. */
export async function openEscrow(box: EscrowBox, privateKey: CryptoKey, installId: string): Promise<string> {
  if (box.alg !== ESCROW_ALG) throw new Error('escrow: unknown algorithm');
  const epk = await crypto.subtle.importKey('raw', fromBase64Url(box.epk), CURVE, false, []);
  const shared = await crypto.subtle.deriveBits({ name: 'ECDH', public: epk }, privateKey, 256);
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64Url(box.iv), additionalData: utf8.encode(installId) },
    await aesKey(shared, 'decrypt'),
    fromBase64Url(box.ct),
  );
  return new TextDecoder().decode(plain);
}
