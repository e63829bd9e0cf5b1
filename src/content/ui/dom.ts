/** Tiny element builder for Sigilo's UI (no framework inside a host page's process). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, string | boolean | number> = {},
  ...children: Array<Node | string | null | undefined>
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === false) continue;
    el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined) el.append(c);
  return el;
}

/**
 * Keep Tab / Shift+Tab inside a modal dialog, wrapping at both ends. A radio
 * group is one stop (its checked radio, else its first), as the browser tabs
 * through it; focus found outside the dialog is brought back to its start.
 */
export function trapFocus(container: HTMLElement, event: KeyboardEvent): void {
  if (event.key !== 'Tab') return;
  const seenGroups = new Set<string>();
  const stops: HTMLElement[] = [];
  for (const el of container.querySelectorAll<HTMLElement>(
    'button, input, textarea, select, a[href], [tabindex="0"]',
  )) {
    if (el.hasAttribute('disabled') || el.getClientRects().length === 0) continue;
    if (el instanceof HTMLInputElement && el.type === 'radio' && el.name) {
      if (seenGroups.has(el.name)) continue;
      seenGroups.add(el.name);
      const group = [...container.querySelectorAll<HTMLInputElement>('input[type="radio"]')].filter(
        (r) => r.name === el.name,
      );
      stops.push(group.find((r) => r.checked) ?? el);
      continue;
    }
    stops.push(el);
  }
  if (stops.length === 0) return;
  const root = container.getRootNode() as Document | ShadowRoot;
  const active = root.activeElement as HTMLElement | null;
  const at = active
    ? stops.findIndex((s) => s === active || (isRadio(s) && isRadio(active) && s.name === active.name))
    : -1;
  let next: HTMLElement | undefined;
  if (at === -1) next = event.shiftKey ? stops[stops.length - 1] : stops[0];
  else if (event.shiftKey && at === 0) next = stops[stops.length - 1];
  else if (!event.shiftKey && at === stops.length - 1) next = stops[0];
  if (!next) return;
  event.preventDefault();
  next.focus();
}

function isRadio(el: Element): el is HTMLInputElement {
  return el instanceof HTMLInputElement && el.type === 'radio';
}
