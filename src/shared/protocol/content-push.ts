/**
 * Messages pushed TO content scripts (the opposite direction of ProtocolMap):
 * the background or the popup sends them with `tabs.sendMessage(tabId, envelope)`.
 *
 * Frames: `policy/changed` goes to every frame of a tab (omit frameId) so each
 * frame re-fetches its policy. `content/status`, `content/list` and
 * `content/reveal-item` are answered by the TOP frame only (send with
 * `{ frameId: 0 }`, or without: sub-frames never answer them), so a popup gets
 * exactly one reply per tab.
 *
 * Pure (no browser APIs): senders pass their own `sendMessage`.
 */
import type { Route } from './define';

/** What the popup shows for the current tab. Counts only: a raw value never leaves the page. */
export interface ContentStatus {
  /** false when the site is excluded by policy, or masking is stopped. */
  active: boolean;
  maskedCount: number;
  /** Count per kind ("CPF", "rule:<id>", ...). */
  byKind: Record<string, number>;
}

/** One masked value as the popup may list it: only its masked display form. */
export interface MaskedItemSummary {
  id: string;
  kind: string;
  /** The masked form, e.g. "•••.•••.••9-09". Never the raw value. */
  display: string;
  revealed: boolean;
}

export interface ContentPushProtocol {
  /** The effective policy changed: the content script re-fetches it (`policy/content`) and re-applies. */
  'policy/changed': Route<Record<string, never>, { ok: true }, 'extension'>;
  /** Whether Sigilo is masking this page, and how much. */
  'content/status': Route<Record<string, never>, ContentStatus & { items: MaskedItemSummary[] }, 'extension'>;
  /** Open the in-page list of masked values (keyboard and screen-reader friendly). */
  'content/list': Route<Record<string, never>, { opened: boolean }, 'extension'>;
  /** Start the reveal flow (reason dialog in the page) for one item from `content/status`. */
  'content/reveal-item': Route<{ id: string }, { started: boolean }, 'extension'>;
  /**
   * The agent confirmed a reveal in the reveal frame and its record is committed:
   * show the value (sent to the frame that prepared it, by frameId).
   */
  'reveal/decided': Route<
    { token: string; eventId: string; revealSeconds: number },
    { shown: boolean },
    'extension'
  >;
}

export type ContentPushType = keyof ContentPushProtocol;
export type PushRequestOf<K extends ContentPushType> = ContentPushProtocol[K]['req'];
export type PushResponseOf<K extends ContentPushType> = ContentPushProtocol[K]['res'];

/** A distinct marker from the background protocol's `sigilo: 1`, so neither router mistakes the other's messages. */
export interface PushEnvelope<K extends ContentPushType = ContentPushType> {
  sigiloPush: 1;
  type: K;
  req: PushRequestOf<K>;
}

export function isPushEnvelope(message: unknown): message is PushEnvelope {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { sigiloPush?: unknown }).sigiloPush === 1 &&
    typeof (message as { type?: unknown }).type === 'string'
  );
}

export function pushEnvelope<K extends ContentPushType>(type: K, req: PushRequestOf<K>): PushEnvelope<K> {
  return { sigiloPush: 1, type, req };
}

/** Typed push to one tab, e.g. `pushToTab(browser.tabs.sendMessage, tabId, 'content/status', {}, {frameId: 0})`. */
export async function pushToTab<K extends ContentPushType>(
  sendMessage: (tabId: number, message: unknown, options?: { frameId?: number }) => Promise<unknown>,
  tabId: number,
  type: K,
  req: PushRequestOf<K>,
  options?: { frameId?: number },
): Promise<PushResponseOf<K> | undefined> {
  return (await sendMessage(tabId, pushEnvelope(type, req), options)) as PushResponseOf<K> | undefined;
}

/** The manifest `commands` entry that opens the masked-values list (background forwards it as `content/list`). */
export const OPEN_MASKED_LIST_COMMAND = 'open-masked-list';
