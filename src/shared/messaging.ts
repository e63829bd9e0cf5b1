import browser from 'webextension-polyfill';
import type { Envelope, MessageType, ProtocolMap, Reply, RequestOf, ResponseOf, Sender } from './protocol';
import { isEnvelope } from './protocol/envelope';

export { isEnvelope };

export class MessageError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'MessageError';
  }
}

/** Send a typed request to the background and await its typed response. */
export async function send<K extends MessageType>(type: K, req: RequestOf<K>): Promise<ResponseOf<K>> {
  const envelope: Envelope<K> = { sigilo: 1, type, req };
  const reply = (await browser.runtime.sendMessage(envelope)) as Reply<K> | undefined;
  if (!reply) throw new MessageError(`no reply to ${type}`, 'no-reply');
  if (!reply.ok) throw new MessageError(reply.error, reply.code);
  return reply.res;
}

export interface HandlerContext {
  sender: Sender;
  tabId: number | undefined;
  frameId: number | undefined;
  /** URL of the sending document, as the browser reports it (page or frame URL for content scripts). */
  url: string | undefined;
  /** URL of the sender's tab (its top document), as the browser reports it. */
  tabUrl: string | undefined;
}

export type Handlers<M> = {
  [K in keyof M]: M[K] extends { req: infer Req; res: infer Res; from: infer F }
    ? { from: F; handle: (req: Req, ctx: HandlerContext) => Promise<Res> | Res }
    : never;
};

/**
 * Classify a sender: only documents of this extension's own origin are
 * "extension"; everything else (content scripts in web pages) is "content".
 */
export function senderKind(sender: browser.Runtime.MessageSender, extensionOrigin: string): Sender {
  const url = sender.url ?? '';
  return sender.id === browser.runtime.id && url.startsWith(extensionOrigin) ? 'extension' : 'content';
}

type AnyHandler = { from: Sender; handle: (req: unknown, ctx: HandlerContext) => unknown };

/** Build the runtime.onMessage listener that dispatches envelopes to handlers, enforcing `from`. */
export function createRouter(handlers: Handlers<ProtocolMap>) {
  const extensionOrigin = browser.runtime.getURL('');
  const table = handlers as unknown as Record<string, AnyHandler>;
  return (message: unknown, sender: browser.Runtime.MessageSender): Promise<Reply> | undefined => {
    if (!isEnvelope(message)) return undefined;
    const kind = senderKind(sender, extensionOrigin);
    const ctx: HandlerContext = {
      sender: kind,
      tabId: sender.tab?.id,
      frameId: sender.frameId,
      url: sender.url,
      tabUrl: sender.tab?.url,
    };
    const handler = table[message.type];
    if (!handler)
      return Promise.resolve({ ok: false, error: `unknown message ${message.type}`, code: 'unknown-type' });
    if (handler.from === 'extension' && kind !== 'extension') {
      return Promise.resolve({
        ok: false,
        error: `${message.type} is for extension pages only`,
        code: 'forbidden',
      });
    }
    return Promise.resolve()
      .then(() => handler.handle(message.req, ctx))
      .then(
        (res) => ({ ok: true, res }) as Reply,
        // Error messages may not carry sensitive values: handlers throw our own messages only.
        (error: unknown) =>
          ({
            ok: false,
            error: error instanceof Error ? error.message : String(error),
            code: 'handler-error',
          }) as Reply,
      );
  };
}
