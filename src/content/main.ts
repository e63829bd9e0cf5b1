import { send } from '../shared/messaging';

void send('ping', { from: 'content', href: location.href }).catch(() => undefined);
