import browser from 'webextension-polyfill';
import type { Handlers } from '../../shared/messaging';
import type { CoreProtocol } from '../../shared/protocol/core';

export const coreHandlers = {
  ping: {
    from: 'content',
    handle: (_req, ctx) => ({
      pong: true,
      version: browser.runtime.getManifest().version,
      sender: ctx.sender,
    }),
  },
} satisfies Handlers<CoreProtocol>;
