import type { Outcome } from '../../core/audit/types';
import type { Reason } from '../../core/policy/types';
import type { Route } from './define';

export interface RevealRequest {
  /** Detector type ("CPF") or "rule:<id>". */
  kind: string;
  /** The raw value: used only in memory to compute the fingerprint, never stored or logged. */
  value: string;
  /** Page URL; the background reduces it to origin + path before storing. */
  url: string;
  reasonId: string;
  reasonText: string;
  requestedAt: string;
}

export type RevealDecision =
  | { outcome: Extract<Outcome, 'revealed'>; eventId: string; revealSeconds: number; flags: string[] }
  | { outcome: Extract<Outcome, 'refused'>; eventId: string | null; refusedReason: string; message: string };

/**
 * A reveal the agent started with real input (click, Enter, the list or the
 * popup), waiting for a reason typed in the extension's own reveal frame. The
 * content script hands over the value and gets a one-time token for the frame;
 * the page never sees the reason and cannot confirm anything.
 */
export interface PrepareRequest {
  kind: string;
  value: string;
  /** The masked form the agent sees ("•••.•••.•••-97"): shown in the frame. */
  display: string;
  /** The kind's label for people ("CPF", or an admin rule's label). */
  kindLabel: string;
  requestedAt: string;
}

export type PrepareResult = { ok: true; token: string } | { ok: false; message: string };

/** What the reveal frame needs to ask for a reason (no raw value). */
export interface PendingReveal {
  kindLabel: string;
  display: string;
  reasons: Reason[];
  revealSeconds: number;
}

export interface RevealProtocol {
  /** Content script, after trusted input only: park the value, get a token for the reveal frame. */
  'reveal/prepare': Route<PrepareRequest, PrepareResult, 'content'>;
  /** Reveal frame: what is being revealed (kind, masked form) and the policy's reasons. */
  'reveal/pending': Route<{ token: string }, PendingReveal | null, 'extension'>;
  /** Reveal frame: the agent confirmed with a reason. Logged first; the page is told only on "revealed". */
  'reveal/confirm': Route<
    { token: string; reasonId: string; reasonText: string },
    RevealDecision,
    'extension'
  >;
  /** Reveal frame: the agent cancelled (logged, rate-limited) or closed a refusal (not logged again). */
  'reveal/close': Route<{ token: string; cancelled: boolean }, { eventId: string | null }, 'extension'>;
  /**
   * Extension pages (their own tools, the review page's tests): commit a reveal
   * directly. Never from a content script: a page could script that.
   */
  'reveal/request': Route<RevealRequest, RevealDecision, 'extension'>;
  /** Extension pages: record a cancelled reveal directly (same trust as `reveal/request`). */
  'reveal/cancelled': Route<
    Omit<RevealRequest, 'reasonId' | 'reasonText' | 'value'> & { value: string },
    { eventId: string | null },
    'extension'
  >;
  /** A revealed value was masked again (timer, hide button, navigation). */
  'reveal/remasked': Route<
    { eventId: string; remaskedAt: string; cause: 'timer' | 'hide' | 'navigation' },
    { eventId: string | null },
    'content'
  >;
}
