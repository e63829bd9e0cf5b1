import type { Handlers } from '../../shared/messaging';
import type { RevealProtocol } from '../../shared/protocol/reveal';

// Until the reveal log exists nothing can be recorded, so every reveal is refused:
// a reveal without its record must never happen.
export const revealHandlers = {
  'reveal/request': {
    from: 'content',
    handle: () => ({
      outcome: 'refused',
      eventId: null,
      refusedReason: 'storage-unavailable',
      message: 'The reveal log is not available.',
    }),
  },
  'reveal/cancelled': { from: 'content', handle: () => ({ eventId: null }) },
  'reveal/remasked': { from: 'content', handle: () => ({ eventId: null }) },
} satisfies Handlers<RevealProtocol>;
