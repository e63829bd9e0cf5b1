import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { importEscrowPrivateKey } from '../../core/audit/escrow';

/**
 * The collector's escrow key pair. The private half comes only from the
 * environment (SIGILO_ESCROW_PRIVATE_KEY, PKCS#8 DER as base64url), never from
 * the database, so a copy of the database cannot open the fingerprint keys.
 */
export interface EscrowKeys {
  /** SPKI DER base64url: what extensions seal their fingerprint keys to. */
  publicKey: string;
  privateKey: CryptoKey;
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

export async function loadEscrowKeys(privatePkcs8: string): Promise<EscrowKeys> {
  return {
    publicKey: escrowPublicKeyOf(privatePkcs8),
    privateKey: await importEscrowPrivateKey(new Uint8Array(Buffer.from(privatePkcs8, 'base64url'))),
  };
}

export function generateEscrowKeyPair(): { privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64url'),
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64url'),
  };
}
