import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** Constant-time check of a bearer token against the configured ones (digests, so lengths never leak). */
export function tokenAllowed(presented: string, allowed: readonly string[]): boolean {
  const digest = sha256(presented);
  let ok = false;
  for (const token of allowed) ok = timingSafeEqual(digest, sha256(token)) || ok;
  return ok;
}

export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Sessions are looked up by the token's digest: a leaked database does not yield live cookies. */
export function tokenDigest(token: string): string {
  return sha256(token).toString('hex');
}
