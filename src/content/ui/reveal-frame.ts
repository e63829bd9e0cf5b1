import { h } from './dom';

export interface RevealFrame {
  /** Whether a message event came from this frame (its window and the extension's origin). */
  isFrom(e: MessageEvent): boolean;
  remove(): void;
}

/**
 * Mount the extension's reveal frame over the page, in Sigilo's UI root. The
 * token in its address names the parked reveal; the frame covers the viewport
 * (its own backdrop dims the page), so the page behind takes no clicks while it
 * is open, and the agent's keys go to the frame, where the page cannot read them.
 */
export function openRevealFrame(parent: ShadowRoot, token: string, title: string): RevealFrame {
  const url = chrome.runtime.getURL('src/ui/reveal/index.html');
  const origin = new URL(url).origin;
  const iframe = h('iframe', { src: `${url}#${token}`, title, class: 'reveal-frame' });
  // Focusing the iframe element moves focus into its document with no element
  // focused there (and the frame gets no window focus event): the frame is then
  // asked to put it on its dialog's first control.
  iframe.addEventListener(
    'load',
    () => {
      iframe.focus();
      iframe.contentWindow?.postMessage({ sigiloReveal: 'focus' }, origin);
    },
    { once: true },
  );
  const layer = h('div', { class: 'frame-layer' }, iframe);
  parent.append(layer);
  iframe.focus();
  return {
    isFrom: (e) => e.origin === origin && e.source === iframe.contentWindow,
    remove: () => layer.remove(),
  };
}
