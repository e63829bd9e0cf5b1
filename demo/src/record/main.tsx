import { render } from 'preact';
import { CUSTOMERS } from '../../data/record';
import { boolParam, intParam } from '../common/params';
import { markReady } from '../common/ready';
import { RecordApp } from './record-app';

const app = document.getElementById('app');
if (!app) throw new Error('record.html: #app is missing');
app.textContent = '';
app.removeAttribute('aria-busy');
render(
  <RecordApp
    initialIndex={intParam('customer', 0, 0, CUSTOMERS.length - 1)}
    live={boolParam('live', true)}
    tickMs={intParam('tick', 3000, 0)}
  />,
  app,
);
markReady();
