import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomToken, tokenDigest } from '../auth/tokens';
import type { ActiveSession, CollectorStore, SessionRow } from '../store/types';
import { HttpError } from './respond';

/**
 * Supervisor sessions: a random token in an HttpOnly, SameSite=Strict cookie
 * (stored server-side only as its digest), plus a per-session CSRF token that
 * every state-changing request must echo in a header. Strict same-site cookies
 * already keep other sites out; the header and the Origin check are the second
 * lock, for old browsers and same-site subdomains.
 */
export const SESSION_COOKIE = 'sigilo_session';
export const CSRF_HEADER = 'x-csrf-token';
const SESSION_HOURS = 8;

export function readCookie(req: IncomingMessage, name: string): string | null {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=') || null;
  }
  return null;
}

export interface SessionCookieOptions {
  /** SIGILO_COOKIE_SECURE: always Secure (a TLS proxy that does not send X-Forwarded-Proto). */
  forceSecure: boolean;
}

function isHttps(req: IncomingMessage, options: SessionCookieOptions): boolean {
  return (
    options.forceSecure ||
    (req.socket as { encrypted?: boolean }).encrypted === true ||
    (req.headers['x-forwarded-proto'] ?? '').toString().split(',')[0]?.trim() === 'https'
  );
}

export async function startSession(
  store: CollectorStore,
  req: IncomingMessage,
  res: ServerResponse,
  username: string,
  options: SessionCookieOptions = { forceSecure: false },
): Promise<SessionRow> {
  const token = randomToken();
  const session: SessionRow = {
    tokenHash: tokenDigest(token),
    username,
    csrfToken: randomToken(),
    expiresAt: new Date(Date.now() + SESSION_HOURS * 3600_000).toISOString(),
  };
  await store.createSession(session);
  res.setHeader(
    'Set-Cookie',
    `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${SESSION_HOURS * 3600}${isHttps(req, options) ? '; Secure' : ''}`,
  );
  return session;
}

export async function endSession(
  store: CollectorStore,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const token = readCookie(req, SESSION_COOKIE);
  if (token) await store.deleteSession(tokenDigest(token));
  res.setHeader('Set-Cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
}

export async function currentSession(
  store: CollectorStore,
  req: IncomingMessage,
): Promise<ActiveSession | null> {
  const token = readCookie(req, SESSION_COOKIE);
  if (!token || token.length > 200) return null;
  return store.getSession(tokenDigest(token), new Date().toISOString());
}

export async function requireSession(store: CollectorStore, req: IncomingMessage): Promise<ActiveSession> {
  const session = await currentSession(store, req);
  if (!session) throw new HttpError(401, 'login-required', 'log in first');
  return session;
}

/** A browser always sends Origin on POST; when present it must be this collector's own. */
export function checkOrigin(req: IncomingMessage): void {
  const origin = req.headers.origin;
  if (origin === undefined) return;
  const host = req.headers.host;
  const allowed = host ? [`http://${host}`, `https://${host}`] : [];
  if (!allowed.includes(origin))
    throw new HttpError(403, 'cross-origin', 'requests from other origins are refused');
}

export function checkCsrf(req: IncomingMessage, session: SessionRow): void {
  checkOrigin(req);
  const presented = req.headers[CSRF_HEADER];
  const a = Buffer.from(typeof presented === 'string' ? presented : '');
  const b = Buffer.from(session.csrfToken);
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    throw new HttpError(403, 'csrf', `the ${CSRF_HEADER} header is missing or wrong`);
  }
}
