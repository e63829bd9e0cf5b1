/**
 * Marks a page as rendered: `<html data-demo-ready="true">` plus a
 * `demo:ready` event. Tests and `npm start` wait for it instead of sleeping.
 */
export function markReady(): void {
  document.documentElement.dataset.demoReady = 'true';
  document.dispatchEvent(new CustomEvent('demo:ready'));
}
