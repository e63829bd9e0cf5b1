import { toHex, utf8 } from './hex';

/**
 * Fingerprints let an auditor see that the same value was revealed twice
 * without storing it: hex HMAC-SHA-256(key, normalizeValue(value)). The key is
 * the policy's `fingerprintKey` (shared by the organisation, so the collector can
 * fingerprint a value a data subject types in) or a per-install random key.
 */

// Separators that formatting adds or drops ("123.456.789-09" vs "12345678909",
// "(11) 98888-7777" vs "11988887777"); kind-agnostic so both sides agree.
const SEPARATORS = /[\s.\-/()]/gu;

export function normalizeValue(value: string): string {
  return value.normalize('NFKC').replace(SEPARATORS, '').toUpperCase();
}

// importKey is the slow part; the same one or two keys are used for every reveal.
const keyCache = new Map<string, Promise<CryptoKey>>();

function hmacKey(key: string): Promise<CryptoKey> {
  let cached = keyCache.get(key);
  if (!cached) {
    cached = crypto.subtle.importKey('raw', utf8.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
    ]);
    if (keyCache.size > 8) keyCache.clear();
    keyCache.set(key, cached);
  }
  return cached;
}

/** hex HMAC-SHA-256 keyed by the UTF-8 bytes of `key`, over the UTF-8 bytes of the normalised value. */
export async function fingerprint(key: string, value: string): Promise<string> {
  if (key.length === 0) throw new Error('fingerprint: empty key');
  const signature = await crypto.subtle.sign('HMAC', await hmacKey(key), utf8.encode(normalizeValue(value)));
  return toHex(signature);
}

/** A fresh per-install key: 32 random bytes as hex (used as the key's UTF-8 text like a policy key). */
export function generateFingerprintKey(): string {
  return toHex(crypto.getRandomValues(new Uint8Array(32)));
}
