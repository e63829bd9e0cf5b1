import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { importEscrowPrivateKey } from '../../core/audit/escrow';

/**
 * The collector's escrow key pair. The private half comes only from the
 * environment (SIGILO_ESCROW_PRIVATE_KEY, PKCS#8 DER as base64url), never from
 * the database, so a copy of the database cannot open the fingerprint keys.
 */
export interface EscrowKeys {
  /** SPKI DER base64url: what extensions seal their fingerprint keys to (the first key's). */
  publicKey: string;
  /** The current key first, then earlier ones kept to open boxes sealed before a rotation. */
  privateKeys: CryptoKey[];
}

export function escrowPublicKeyOf(privatePkcs8: string): string {
  const privateKey = createPrivateKey({
    key: Buffer.from(privatePkcs8, 'base64url'),
    format: 'der',
    type: 'pkcs8',
  });
  if (privateKey.asymmetricKeyType !== 'ec') throw new Error('not an EC key');
  return createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).toString('base64url');
}

/** SIGILO_ESCROW_PRIVATE_KEY: one key, or several comma-separated (current first) after a rotation. */
export async function loadEscrowKeys(value: string): Promise<EscrowKeys> {
  const keys = value
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  return {
    publicKey: escrowPublicKeyOf(keys[0] ?? ''),
    privateKeys: await Promise.all(
      keys.map((k) => importEscrowPrivateKey(new Uint8Array(Buffer.from(k, 'base64url')))),
    ),
  };
}

export function generateEscrowKeyPair(): { privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64url'),
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64url'),
  };
}
