import type { CoreProtocol } from './core';
import type { Route, Sender } from './define';
import type { LogProtocol } from './log';
import type { MaskedListProtocol } from './masked-list';
import type { PolicyProtocol } from './policy';
import type { RevealProtocol } from './reveal';

/**
 * The one message protocol between Sigilo's contexts. Each domain declares its
 * routes in its own file; this intersection is what the background must handle
 * completely (see background/handlers/index.ts, checked with `satisfies`).
 */
export type ProtocolMap = CoreProtocol & RevealProtocol & PolicyProtocol & LogProtocol & MaskedListProtocol;

export type MessageType = keyof ProtocolMap;
export type RequestOf<K extends MessageType> = ProtocolMap[K] extends Route<infer Req, unknown> ? Req : never;
export type ResponseOf<K extends MessageType> =
  ProtocolMap[K] extends Route<unknown, infer Res> ? Res : never;
export type SenderOf<K extends MessageType> =
  ProtocolMap[K] extends Route<unknown, unknown, infer F> ? F : never;

export interface Envelope<K extends MessageType = MessageType> {
  sigilo: 1;
  type: K;
  req: RequestOf<K>;
}

/** What travels back: errors are values, so a failed handler never looks like success. */
export type Reply<K extends MessageType = MessageType> =
  | { ok: true; res: ResponseOf<K> }
  | { ok: false; error: string; code: 'forbidden' | 'unknown-type' | 'handler-error' };

export type { Route, Sender };
