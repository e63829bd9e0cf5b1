import { render } from 'preact';
import { QUEUE_DEFAULT_ROWS, QUEUE_MAX_ROWS, queueRows } from '../../data/queue';
import { intParam } from '../common/params';
import { markReady } from '../common/ready';
import { QueueApp } from './queue-app';

/**
 * The table is built by script after the page has loaded (as CRMs fetch their
 * lists), so the whole table arrives as DOM mutations, not in the initial HTML.
 * ?rows=N (default 1000, max 20000), ?delay=ms before rendering, ?tick=ms to
 * keep updating the waiting times (default 0 = off).
 */
function start(): void {
  const app = document.getElementById('app');
  if (!app) throw new Error('queue.html: #app is missing');
  const rows = queueRows(intParam('rows', QUEUE_DEFAULT_ROWS, 0, QUEUE_MAX_ROWS));
  app.textContent = '';
  app.removeAttribute('aria-busy');
  render(<QueueApp rows={rows} tickMs={intParam('tick', 0, 0)} />, app);
  markReady();
}

const delay = intParam('delay', 0, 0);
if (document.readyState === 'complete') setTimeout(start, delay);
else addEventListener('load', () => setTimeout(start, delay), { once: true });
