import type { Handlers } from '../../shared/messaging';
import type { ProtocolMap } from '../../shared/protocol';
import { coreHandlers } from './core';
import { logHandlers } from './log';
import { maskedListHandlers } from './masked-list';
import { policyHandlers } from './policy';
import { revealHandlers } from './reveal';

/** Every route of the protocol, each handled once: a missing or mistyped handler fails to compile. */
export const handlers = {
  ...coreHandlers,
  ...revealHandlers,
  ...policyHandlers,
  ...logHandlers,
  ...maskedListHandlers,
} satisfies Handlers<ProtocolMap>;
