import browser from 'webextension-polyfill';
import type { Handlers } from '../../shared/messaging';
import type { ListEntrySummary, MaskedListProtocol } from '../../shared/protocol/masked-list';

/** How long the list waits for a frame's content script before showing what it has. */
const FRAME_ANSWER_MS = 1500;

/**
 * Runs in each frame's isolated world (the content script's, never the page's):
 * the list entries of that frame's Sigilo instance.
 */
function frameEntries(): ListEntrySummary[] | null {
  const app = (globalThis as { __sigiloContent?: { listSummary?: () => ListEntrySummary[] } })
    .__sigiloContent;
  return typeof app?.listSummary === 'function' ? app.listSummary() : null;
}

function revealInFrame(id: string): boolean {
  const app = (globalThis as { __sigiloContent?: { revealFromList?: (id: string) => boolean } })
    .__sigiloContent;
  return typeof app?.revealFromList === 'function' ? app.revealFromList(id) : false;
}

function withTimeout<T>(p: Promise<T>, fallback: T): Promise<T> {
  return Promise.race([p, new Promise<T>((resolve) => setTimeout(() => resolve(fallback), FRAME_ANSWER_MS))]);
}

/**
 * The masked-values list of a page includes its frames' values (a CRM's
 * embedded customer panel, a helpdesk widget): only the tab's top frame may
 * ask, for its own tab, and a reveal chosen there starts in the frame that
 * holds the value, through that frame's own reveal flow.
 */
export const maskedListHandlers = {
  'list/frames': {
    from: 'content',
    async handle(_req, ctx) {
      if (ctx.tabId === undefined || ctx.frameId !== 0) return { frames: [] };
      const results = await withTimeout(
        browser.scripting
          .executeScript({ target: { tabId: ctx.tabId, allFrames: true }, func: frameEntries })
          .catch(() => []),
        [],
      );
      const frames: { frameId: number; entries: ListEntrySummary[] }[] = [];
      for (const r of results) {
        const entries = r.result as ListEntrySummary[] | null | undefined;
        if (r.frameId !== 0 && Array.isArray(entries) && entries.length > 0)
          frames.push({ frameId: r.frameId, entries });
      }
      return { frames };
    },
  },
  'list/reveal-in-frame': {
    from: 'content',
    async handle({ frameId, id }, ctx) {
      if (ctx.tabId === undefined || ctx.frameId !== 0) return { started: false };
      if (!Number.isInteger(frameId) || frameId <= 0 || typeof id !== 'string') return { started: false };
      const [result] = await browser.scripting
        .executeScript({ target: { tabId: ctx.tabId, frameIds: [frameId] }, func: revealInFrame, args: [id] })
        .catch(() => []);
      return { started: result?.result === true };
    },
  },
} satisfies Handlers<MaskedListProtocol>;
