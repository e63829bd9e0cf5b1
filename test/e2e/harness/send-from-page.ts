import type { Page } from 'playwright-core';

/**
 * Send a protocol message from an extension page (popup, options, review) as the
 * page's own code would; throws with the background's error when it refuses.
 */
export function sendFromPage<T>(page: Page, type: string, req: unknown): Promise<T> {
  return page.evaluate(
    async ([t, r]) => {
      const reply = (await chrome.runtime.sendMessage({ sigilo: 1, type: t, req: r })) as {
        ok: boolean;
        res?: unknown;
        error?: string;
      };
      if (!reply?.ok) throw new Error(`${t}: ${reply?.error}`);
      return reply.res;
    },
    [type, req] as const,
  ) as Promise<T>;
}
