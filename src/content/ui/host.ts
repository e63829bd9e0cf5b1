import { UI_CSS } from './ui-styles';

export const UI_HOST_TAG = 'sigilo-ui';

/**
 * Sigilo's own UI lives in one OPEN shadow root on a host element under <html>
 * (not <body>, which the page's framework owns). Open so assistive technology
 * and Playwright's role locators reach it; isolated from host CSS by the shadow
 * boundary plus `all: initial` on the host. It holds no raw value except a
 * revealed one's kind label and masked form.
 */
export class UiHost {
  readonly host: HTMLElement;
  readonly root: ShadowRoot;

  constructor() {
    this.host = document.createElement(UI_HOST_TAG);
    this.host.setAttribute(
      'style',
      'all: initial !important; position: fixed !important; inset: 0 auto auto 0 !important; width: 0 !important; height: 0 !important; z-index: 2147483647 !important; display: block !important; visibility: visible !important; opacity: 1 !important;',
    );
    this.root = this.host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = UI_CSS;
    this.root.append(style);
  }

  /** (Re)attach: the page may replace <html>'s children; the UI must stay reachable. */
  ensureAttached(): void {
    const parent = document.documentElement;
    if (parent && this.host.parentNode !== parent) parent.append(this.host);
  }

  contains(node: Node): boolean {
    return node === this.host || this.host.contains(node) || this.root.contains(node);
  }

  remove(): void {
    this.host.remove();
  }
}
