import type { Handlers } from '../../shared/messaging';
import type { ProtocolMap } from '../../shared/protocol';
import { coreHandlers } from './core';
import { revealHandlers } from './reveal';

/** Every route of the protocol, each handled once: a missing or mistyped handler fails to compile. */
export const handlers = {
  ...coreHandlers,
  ...revealHandlers,
} satisfies Handlers<ProtocolMap>;
