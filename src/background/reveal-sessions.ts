import { attemptAllowed, FIVE_MINUTES_MS } from '../core/audit/limits';
import type { Limits } from '../core/policy/types';

/**
 * Reveals the agent started in a page, waiting for a reason in the reveal
 * frame. Kept in the worker's memory only: the raw value is never written to
 * storage, and a worker that stopped meanwhile simply forgets them (the frame
 * then says the request expired; nothing is shown).
 */
export interface RevealSession {
  token: string;
  tabId: number;
  frameId: number;
  /** Where the value is shown, from the browser's sender info (never from the page). */
  url: string;
  kind: string;
  kindLabel: string;
  value: string;
  display: string;
  requestedAt: string;
  expiresAt: number;
  /** Confirmed once already: a token is good for one decision. */
  decided?: boolean;
}

/** A dialog left open longer than this is dropped (the frame keeps it alive while it is open). */
const SESSION_MS = 10 * 60_000;
const MAX_SESSIONS = 50;

const sessions = new Map<string, RevealSession>();

function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_');
}

function prune(now: number): void {
  for (const [token, s] of sessions) if (s.expiresAt <= now) sessions.delete(token);
}

export function openSession(fields: Omit<RevealSession, 'token' | 'expiresAt'>): RevealSession {
  const now = Date.now();
  prune(now);
  // One dialog per frame: a new one replaces what that frame had open.
  for (const [token, s] of sessions)
    if (s.tabId === fields.tabId && s.frameId === fields.frameId) sessions.delete(token);
  if (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.keys().next().value as string);
  const session: RevealSession = { ...fields, token: newToken(), expiresAt: now + SESSION_MS };
  sessions.set(session.token, session);
  return session;
}

/** The session behind `token`, only for a frame in the same tab that prepared it. */
export function findSession(token: unknown, tabId: number | undefined): RevealSession | null {
  if (typeof token !== 'string') return null;
  const s = sessions.get(token);
  if (!s || s.expiresAt <= Date.now() || s.tabId !== tabId) return null;
  return s;
}

export function closeSession(token: string): void {
  sessions.delete(token);
}

/** Times of attempts that revealed nothing (cancelled, refused), this worker's last five minutes. */
const attempts: number[] = [];
let suppressedSinceAnomaly = 0;

/**
 * Counts one attempt; says whether it gets its own record, and whether it is the
 * first one over the limit (which gets the anomaly record instead).
 */
export function countAttempt(limits: Limits, now = Date.now()): 'record' | 'first-over' | 'over' {
  while (attempts.length > 0 && attempts[0]! <= now - FIVE_MINUTES_MS) attempts.shift();
  const allowed = attemptAllowed(attempts, now, limits);
  attempts.push(now);
  if (allowed) {
    suppressedSinceAnomaly = 0;
    return 'record';
  }
  suppressedSinceAnomaly += 1;
  return suppressedSinceAnomaly === 1 ? 'first-over' : 'over';
}
