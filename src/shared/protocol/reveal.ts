import type { Outcome } from '../../core/audit/types';
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

export interface RevealProtocol {
  /** Commit a reveal record; the content script shows the value only on outcome "revealed". */
  'reveal/request': Route<RevealRequest, RevealDecision, 'content'>;
  /** The agent opened the dialog and cancelled: logged, nothing shown. */
  'reveal/cancelled': Route<
    Omit<RevealRequest, 'reasonId' | 'reasonText' | 'value'> & { value: string },
    { eventId: string | null },
    'content'
  >;
  /** A revealed value was masked again (timer, hide button, navigation). */
  'reveal/remasked': Route<
    { eventId: string; remaskedAt: string; cause: 'timer' | 'hide' | 'navigation' },
    { eventId: string | null },
    'content'
  >;
}
