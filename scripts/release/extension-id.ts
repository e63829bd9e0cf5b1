import { createHash, createPublicKey } from 'node:crypto';

/**
 * Chromium's extension ID: the first 128 bits of SHA-256 over the DER
 * SubjectPublicKeyInfo, written with the letters a-p for the hex digits 0-f.
 */
export function extensionIdFromDer(spkiDer: Buffer): string {
  return [...createHash('sha256').update(spkiDer).digest('hex').slice(0, 32)]
    .map((c) => String.fromCharCode(97 + Number.parseInt(c, 16)))
    .join('');
}

/** The ID a private (or public) key in PEM form signs for. */
export function extensionIdFromPem(pem: string): string {
  return extensionIdFromDer(publicKeyDer(pem));
}

/** The manifest's `key` (base64 DER SubjectPublicKeyInfo) for a key in PEM form. */
export function manifestKeyFromPem(pem: string): string {
  return publicKeyDer(pem).toString('base64');
}

/** The ID fixed by a manifest's `key`. */
export function extensionIdFromManifestKey(key: string): string {
  return extensionIdFromDer(Buffer.from(key, 'base64'));
}

function publicKeyDer(pem: string): Buffer {
  return createPublicKey(pem).export({ type: 'spki', format: 'der' });
}
