import { SHADOW } from '../../data/pages';
import { intParam } from '../common/params';
import { markReady } from '../common/ready';

const WIDGET_CSS = `
  :host { display: block; font: inherit; }
  .box { border: 1px solid #e1e5ec; border-radius: 8px; padding: 12px 14px; background: #f8fafc; }
  .label { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: #5d6778; }
  .value { font-weight: 600; margin-top: 2px; overflow-wrap: anywhere; }
`;

function widget(root: ShadowRoot, rows: Array<[label: string, value: string, id: string]>): void {
  const style = document.createElement('style');
  style.textContent = WIDGET_CSS;
  const box = document.createElement('div');
  box.className = 'box';
  for (const [label, value, id] of rows) {
    const l = document.createElement('div');
    l.className = 'label';
    l.textContent = label;
    const v = document.createElement('div');
    v.className = 'value';
    v.id = id;
    v.textContent = value;
    box.append(l, v);
  }
  root.append(style, box);
}

/** Open shadow root attached in the constructor, i.e. as soon as the element is upgraded. */
class CustomerBadge extends HTMLElement {
  constructor() {
    super();
    widget(this.attachShadow({ mode: 'open' }), [
      ['Nome', this.dataset.name ?? '', 'badge-name'],
      ['CPF', this.dataset.cpf ?? '', 'badge-cpf'],
    ]);
  }
}

/** Open shadow root on an element that only appears after load (?delay=ms). */
class ContactCard extends HTMLElement {
  connectedCallback(): void {
    if (this.shadowRoot) return;
    widget(this.attachShadow({ mode: 'open' }), [['E-mail de contato', SHADOW.lateEmail, 'contact-email']]);
  }
}

/**
 * CLOSED shadow root: page scripts (and content scripts without
 * chrome.dom.openOrClosedShadowRoot) cannot reach it through element.shadowRoot.
 */
class Softphone extends HTMLElement {
  constructor() {
    super();
    widget(this.attachShadow({ mode: 'closed' }), [
      ['Chamada em curso', this.dataset.phone ?? '', 'softphone-number'],
    ]);
  }
}

customElements.define('demo-customer-badge', CustomerBadge);
customElements.define('demo-contact-card', ContactCard);
customElements.define('demo-softphone', Softphone);

setTimeout(
  () => {
    const slot = document.getElementById('late-slot') as HTMLElement;
    slot.textContent = '';
    const card = document.createElement('demo-contact-card');
    card.id = 'late-host';
    slot.append(card);
    document.documentElement.dataset.lateShadow = 'attached';
    markReady();
  },
  intParam('delay', 800, 0),
);
