import type { ContentPolicy } from '../core/policy/types';
import { send } from '../shared/messaging';
import type { RevealDecision } from '../shared/protocol/reveal';
import { type Lang, t } from './i18n';
import type { Masker, MaskItem } from './masker';
import { FOCUS_ATTR } from './page-styles';
import { policyUrl } from './policy-source';
import { showCountdown } from './ui/countdown';
import type { UiHost } from './ui/host';
import { type ListEntry, openMaskedList } from './ui/masked-list';
import { openRevealDialog } from './ui/reveal-dialog';

interface ActiveReveal {
  eventId: string;
  until: number;
  timer: ReturnType<typeof setTimeout>;
  countdown: { update(): void; remove(): void };
}

/**
 * The reveal flow: click or Enter on a masked value (or the list) -> reason
 * dialog -> `reveal/request` -> the value is shown ONLY on outcome "revealed",
 * with a visible countdown; re-masked on the timer, "hide", or navigation.
 */
export class RevealController {
  private readonly active = new Map<string, ActiveReveal>();
  private modalOpen = false;
  private ticker: ReturnType<typeof setInterval> | null = null;
  private lastHref = location.href;
  contextLost = false;

  constructor(
    private readonly masker: Masker,
    private readonly ui: UiHost,
    private readonly policy: () => ContentPolicy,
    private readonly lang: Lang,
  ) {}

  kindLabel(item: MaskItem): string {
    return item.label;
  }

  /** Mouse: a click that lands on a masked value's characters opens the dialog. */
  onClick(e: MouseEvent): void {
    if (this.modalOpen || e.button !== 0) return;
    const target = e.composedPath()[0];
    if (!(target instanceof Element) || this.ui.contains(target)) return;
    if ((target as HTMLElement).isContentEditable) return; // editing needs the caret; use the list there
    const item = this.itemAtPoint(target, e.clientX, e.clientY);
    if (!item) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    this.start(item, target);
  }

  private itemAtPoint(el: Element, x: number, y: number): MaskItem | null {
    for (const item of this.itemsIn(el)) {
      const range = this.masker.rangeOf(item);
      if (!range) continue;
      for (const r of range.getClientRects()) {
        if (x >= r.left - 1 && x <= r.right + 1 && y >= r.top - 1 && y <= r.bottom + 1) return item;
      }
    }
    return null;
  }

  /** Keyboard: Enter on an element Sigilo made focusable for its masked value. */
  onKeyDown(e: KeyboardEvent): void {
    if (this.modalOpen) return;
    if (e.altKey && e.shiftKey && (e.code === 'KeyM' || e.key.toLowerCase() === 'm')) {
      e.preventDefault();
      e.stopImmediatePropagation();
      this.openList();
      return;
    }
    if (e.key !== 'Enter' || e.altKey || e.ctrlKey || e.metaKey) return;
    const target = e.composedPath()[0];
    if (!(target instanceof Element) || !target.hasAttribute(FOCUS_ATTR)) return;
    const item = this.itemsIn(target)[0];
    if (!item) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    this.start(item, target);
  }

  /** The masked (not revealed) items of el's own text, once each (a run's nodes share theirs). */
  private itemsIn(el: Element): MaskItem[] {
    const out = new Set<MaskItem>();
    for (const child of el.childNodes) {
      const entry = child.nodeType === Node.TEXT_NODE ? this.masker.texts.get(child as Text) : undefined;
      if (entry) for (const i of entry.items) if (!this.masker.revealed.has(i.key)) out.add(i);
    }
    return [...out];
  }

  /** Every distinct masked value on the page (one entry per kind + value). */
  listEntries(): { entries: ListEntry[]; items: Map<string, MaskItem> } {
    const byKey = new Map<string, MaskItem>();
    for (const item of this.masker.allItems()) if (!byKey.has(item.key)) byKey.set(item.key, item);
    const items = new Map<string, MaskItem>();
    const entries: ListEntry[] = [];
    for (const item of byKey.values()) {
      items.set(item.id, item);
      entries.push({
        id: item.id,
        kindLabel: this.kindLabel(item),
        display: item.display,
        revealed: this.masker.revealed.has(item.key),
      });
    }
    return { entries, items };
  }

  openList(): boolean {
    if (this.modalOpen) return false;
    const returnFocus = deepActiveElement();
    const { entries, items } = this.listEntries();
    this.ui.ensureAttached();
    this.modalOpen = true;
    let chosen: MaskItem | undefined;
    openMaskedList(this.ui.root, this.lang, entries, {
      choose: (id) => {
        chosen = items.get(id);
      },
      closed: () => {
        this.modalOpen = false;
        if (chosen) this.start(chosen, returnFocus);
        else restoreFocus(returnFocus);
      },
    });
    return true;
  }

  revealById(id: string): boolean {
    const item = this.masker.allItems().find((i) => i.id === id);
    if (!item || this.modalOpen) return false;
    this.start(item, deepActiveElement());
    return true;
  }

  /** Open the reason dialog for one value. */
  start(item: MaskItem, returnFocus: Element | null): void {
    if (this.modalOpen || this.masker.revealed.has(item.key)) return;
    const policy = this.policy();
    const requestedAt = new Date().toISOString();
    const url = policyUrl();
    this.ui.ensureAttached();
    this.modalOpen = true;
    openRevealDialog(
      this.ui.root,
      { lang: this.lang, kindLabel: this.kindLabel(item), display: item.display, reasons: policy.reasons },
      {
        submit: async ({ reasonId, reasonText }) => {
          if (this.contextLost) return { ok: false, message: t(this.lang, 'contextLost') };
          let decision: RevealDecision;
          try {
            decision = await send('reveal/request', {
              kind: item.kind,
              value: item.value,
              url,
              reasonId,
              reasonText,
              requestedAt,
            });
          } catch (error) {
            if (isContextInvalidated(error)) this.contextLost = true;
            return { ok: false, message: t(this.lang, this.contextLost ? 'contextLost' : 'sendFailed') };
          }
          if (decision.outcome !== 'revealed') return { ok: false, message: decision.message };
          this.reveal(item, decision.eventId, decision.revealSeconds);
          return { ok: true };
        },
        cancel: () => {
          void send('reveal/cancelled', { kind: item.kind, value: item.value, url, requestedAt }).catch(
            () => undefined,
          );
        },
        closed: () => {
          this.modalOpen = false;
          restoreFocus(returnFocus);
        },
      },
    );
  }

  private reveal(item: MaskItem, eventId: string, seconds: number): void {
    const key = item.key;
    const until = Date.now() + Math.max(1, seconds) * 1000;
    this.masker.revealed.add(key);
    this.masker.refreshKey(key);
    const countdown = showCountdown(this.ui.root, this.lang, this.kindLabel(item), until, () =>
      this.remask(key, 'hide'),
    );
    const timer = setTimeout(() => this.remask(key, 'timer'), until - Date.now());
    this.active.set(key, { eventId, until, timer, countdown });
    this.ticker ??= setInterval(() => this.tick(), 1000);
  }

  private tick(): void {
    this.checkNavigation();
    for (const a of this.active.values()) a.countdown.update();
  }

  remask(key: string, cause: 'timer' | 'hide' | 'navigation'): void {
    const a = this.active.get(key);
    if (!a) return;
    this.active.delete(key);
    clearTimeout(a.timer);
    a.countdown.remove();
    this.masker.revealed.delete(key);
    this.masker.refreshKey(key);
    if (this.active.size === 0 && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = null;
    }
    void send('reveal/remasked', { eventId: a.eventId, remaskedAt: new Date().toISOString(), cause }).catch(
      () => undefined,
    );
  }

  remaskAll(cause: 'timer' | 'hide' | 'navigation'): void {
    for (const key of [...this.active.keys()]) this.remask(key, cause);
  }

  /** SPA navigation (pushState) fires no event here: compare the URL on each flush and tick. */
  checkNavigation(): void {
    if (location.href === this.lastHref) return;
    this.lastHref = location.href;
    this.remaskAll('navigation');
  }
}

export function deepActiveElement(): Element | null {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

function restoreFocus(el: Element | null): void {
  if (el?.isConnected && el instanceof HTMLElement) el.focus();
}

export function isContextInvalidated(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /context invalidated/i.test(message) || !globalThis.chrome?.runtime?.id;
}
