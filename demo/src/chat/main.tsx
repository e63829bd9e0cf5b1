/** @jsxImportSource react */
// Real React (not preact/compat): see demo/vite.config.ts for why there is no alias.
import { createRoot } from 'react-dom/client';
import { intParam } from '../common/params';
import { markReady } from '../common/ready';
import { ChatApp } from './chat-app';

const app = document.getElementById('app');
if (!app) throw new Error('chat.html: #app is missing');
app.textContent = '';
app.removeAttribute('aria-busy');
createRoot(app).render(
  <ChatApp
    initial={intParam('initial', 6, 0, 5000)}
    intervalMs={intParam('interval', 2500, 0)}
    count={intParam('count', 200, 0, 100000)}
    batch={intParam('batch', 1, 1, 1000)}
    onFirstRender={markReady}
  />,
);
