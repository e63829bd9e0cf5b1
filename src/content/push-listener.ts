import browser from 'webextension-polyfill';
import {
  type ContentPushProtocol,
  type ContentPushType,
  isPushEnvelope,
  type PushResponseOf,
} from '../shared/protocol/content-push';

export type PushHandlers = {
  [K in ContentPushType]: (
    req: ContentPushProtocol[K]['req'],
  ) => PushResponseOf<K> | Promise<PushResponseOf<K>>;
};

/** Top-frame-only messages: sub-frames stay silent so a tab gives exactly one reply. */
const TOP_ONLY: ReadonlySet<ContentPushType> = new Set([
  'content/status',
  'content/list',
  'content/reveal-item',
]);

/**
 * Receive background/popup -> content pushes. Only this extension can message
 * a content script through runtime.onMessage, so no sender check beyond the id.
 */
export function listenForPushes(handlers: PushHandlers, signal: AbortSignal): void {
  const listener = (
    message: unknown,
    sender: browser.Runtime.MessageSender,
  ): Promise<unknown> | undefined => {
    if (sender.id !== browser.runtime.id || !isPushEnvelope(message)) return undefined;
    if (TOP_ONLY.has(message.type) && window.top !== window) return undefined;
    const handler = handlers[message.type] as (req: unknown) => unknown;
    return Promise.resolve().then(() => handler(message.req));
  };
  browser.runtime.onMessage.addListener(listener);
  signal.addEventListener('abort', () => {
    // An orphaned instance (extension updated) has no runtime left to detach from.
    try {
      browser.runtime?.onMessage.removeListener(listener);
    } catch {
      // nothing to detach
    }
  });
}
