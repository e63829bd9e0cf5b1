import type { Envelope } from './index';

/** Pure (no browser APIs) so it is testable in Node. */
export function isEnvelope(message: unknown): message is Envelope {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { sigilo?: unknown }).sigilo === 1 &&
    typeof (message as { type?: unknown }).type === 'string'
  );
}
