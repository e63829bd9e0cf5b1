import type { Route } from './define';

export interface CoreProtocol {
  /** Health check: proves the content script <-> service worker channel works. */
  ping: Route<
    { from: 'content' | 'ui'; href: string },
    { pong: true; version: string; sender: 'content' | 'extension' },
    'content'
  >;
}
