import { send } from '../shared/messaging';
import { kindName, kindVars, type Lang, t } from './i18n';
import { itemContext } from './item-context';
import type { MaskItem, MaskRegistry } from './mask-registry';
import { RevealHover } from './reveal-hover';
import { announce, showNotice } from './ui/countdown';
import type { UiHost } from './ui/host';
import { type ListEntry, openMaskedList } from './ui/masked-list';
import { openRevealFrame, type RevealFrame } from './ui/reveal-frame';
import { type RevealPill, showRevealPill } from './ui/reveal-pill';

interface ActiveReveal {
  eventId: string;
  item: MaskItem;
  until: number;
  timer: ReturnType<typeof setTimeout>;
  pill: RevealPill;
  /** Where the agent was before the reveal: focus goes back there when it ends. */
  returnFocus: Element | null;
}

/**
 * The reveal flow: the agent's own click or Enter on a masked value (or the
 * list, or the popup) -> `reveal/prepare` parks the value in the background ->
 * the reason is asked in the extension's reveal frame, out of the page's reach
 * -> the background commits the record and pushes `reveal/decided` -> only then
 * is the value shown, with its "hide" control beside it; re-masked on the
 * timer, "hide", or navigation. Synthetic events (a page script's click or key)
 * start nothing.
 *
 * Keyboard: Sigilo adds no Tab stop per value (a 1,000-row queue would get
 * 3,000); masked values are reached through the list (Alt+Shift+M, or the one
 * entry point at the end of the page), masked fields by Enter in them.
 */
export class RevealController {
  private readonly active = new Map<string, ActiveReveal>();
  private modalOpen = false;
  private frame: { token: string; item: MaskItem; view: RevealFrame; returnFocus: Element | null } | null =
    null;
  private ticker: ReturnType<typeof setInterval> | null = null;
  private lastHref = location.href;
  /** The page's <body>, made inert by us while a modal of ours is open. */
  private inerted: HTMLElement | null = null;
  /** A masked field whose reveal the agent just declined: clicking in it again is for editing. */
  private declinedField: Element | null = null;
  readonly hover: RevealHover;
  contextLost = false;

  constructor(
    private readonly masker: MaskRegistry,
    private readonly ui: UiHost,
    private readonly language: () => Lang,
  ) {
    this.hover = new RevealHover(
      masker,
      ui,
      language,
      (item, el) => this.start(item, el),
      (el, x, y) => this.itemAtPoint(el, x, y),
    );
  }

  private get lang(): Lang {
    return this.language();
  }

  kindLabel(item: MaskItem): string {
    return kindName(this.lang, item.label);
  }

  /** Mouse: a click on a masked value's characters, or in a masked field, opens the dialog. */
  onClick(e: MouseEvent): void {
    if (this.modalOpen || e.button !== 0 || !e.isTrusted) return;
    const target = e.composedPath()[0];
    if (!(target instanceof Element) || this.ui.contains(target)) return;
    const field = this.maskedFieldItem(target);
    if (field) {
      if (this.declinedField === target) return;
      this.start(field, target);
      return;
    }
    if ((target as HTMLElement).isContentEditable) return; // editing needs the caret; use the list there
    const item = this.itemAtPoint(target, e.clientX, e.clientY);
    if (!item) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    this.start(item, target);
  }

  /** Focus left a field: a later click in it offers the reveal again. */
  onFocusOut(e: FocusEvent): void {
    if (e.composedPath()[0] === this.declinedField) this.declinedField = null;
  }

  private maskedFieldItem(el: Element): MaskItem | null {
    if (
      !(
        el instanceof HTMLInputElement ||
        el instanceof HTMLTextAreaElement ||
        el instanceof HTMLSelectElement
      )
    )
      return null;
    return this.masker.itemsIn(el)[0] ?? null;
  }

  itemAtPoint(el: Element, x: number, y: number): MaskItem | null {
    for (const item of this.masker.itemsIn(el)) {
      const range = this.masker.rangeOf(item);
      if (!range) continue;
      for (const r of range.getClientRects()) {
        if (x >= r.left - 1 && x <= r.right + 1 && y >= r.top - 1 && y <= r.bottom + 1) return item;
      }
    }
    return null;
  }

  onKeyDown(e: KeyboardEvent): void {
    if (!e.isTrusted) return;
    if (this.frame && e.key === 'Escape') {
      // Focus was left in the page (the frame had not taken it yet): the agent's Escape
      // still closes the dialog. Nothing is recorded from here (the page's side cannot).
      e.preventDefault();
      e.stopImmediatePropagation();
      this.closeFrame();
      return;
    }
    if (this.modalOpen) return;
    if (e.altKey && e.shiftKey && (e.code === 'KeyM' || e.key.toLowerCase() === 'm')) {
      e.preventDefault();
      e.stopImmediatePropagation();
      this.openList();
      return;
    }
    if (e.key !== 'Enter' || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    const target = e.composedPath()[0];
    if (!(target instanceof Element)) return;
    // Enter in a masked field offers its reveal (instead of submitting a form with a value the agent cannot see).
    const item = this.maskedFieldItem(target);
    if (!item) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    this.start(item, target);
  }

  /** Every distinct masked value on the page (one entry per kind + value). */
  listEntries(): { entries: ListEntry[]; items: Map<string, MaskItem> } {
    const detector = this.masker.detector;
    // Text near a value (a row's first cell) may hold another value: it is shown blotted.
    const blot = (text: string) => {
      let out = text;
      for (const span of detector.spans(text, null))
        out = out.slice(0, span.start) + '•'.repeat(span.end - span.start) + out.slice(span.end);
      return out;
    };
    const byKey = new Map<string, MaskItem>();
    for (const item of this.masker.allItems()) if (!byKey.has(item.key)) byKey.set(item.key, item);
    const items = new Map<string, MaskItem>();
    const entries: ListEntry[] = [];
    for (const item of byKey.values()) {
      items.set(item.id, item);
      entries.push({
        id: item.id,
        kind: item.kind,
        kindLabel: this.kindLabel(item),
        gender: kindVars(this.lang, item.label).gender,
        display: item.display,
        context: itemContext(item, this.lang, blot),
        revealed: this.masker.isRevealed(item.key),
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
    this.hover.hide();
    this.setPageInert(true);
    let chosen: MaskItem | undefined;
    let chosenInFrame: string | null = null;
    const list = openMaskedList(this.ui.root, this.lang, entries, {
      choose: (id) => {
        if (isFrameEntry(id)) chosenInFrame = id;
        else chosen = items.get(id);
      },
      closed: () => {
        this.modalOpen = false;
        this.setPageInert(false);
        if (chosen) this.start(chosen, returnFocus);
        else if (chosenInFrame) void this.revealInFrame(chosenInFrame);
        else restoreFocus(returnFocus);
      },
    });
    // The page's frames have their own content scripts: their values join the list as they answer.
    void this.frameEntries().then((more) => list.add(more));
    return true;
  }

  /** Values masked in this tab's other frames (top frame only), ids prefixed with their frame. */
  async frameEntries(): Promise<ListEntry[]> {
    if (window !== window.top) return [];
    try {
      const { frames } = await send('list/frames', {});
      return frames.flatMap(({ frameId, entries }) =>
        entries.map((e) => ({
          ...e,
          id: `f${frameId}:${e.id}`,
          context: [e.context, t(this.lang, 'listInFrame')].filter(Boolean).join(' · '),
        })),
      );
    } catch {
      return [];
    }
  }

  private async revealInFrame(id: string): Promise<boolean> {
    const m = /^f(\d+):(.+)$/.exec(id);
    if (!m) return false;
    try {
      return (await send('list/reveal-in-frame', { frameId: Number(m[1]), id: m[2] ?? '' })).started;
    } catch {
      return false;
    }
  }

  revealById(id: string): boolean {
    if (isFrameEntry(id)) {
      if (this.modalOpen) return false;
      void this.revealInFrame(id);
      return true;
    }
    const item = this.masker.allItems().find((i) => i.id === id);
    if (!item || this.modalOpen) return false;
    this.start(item, deepActiveElement());
    return true;
  }

  /** Ask for a reason in the reveal frame (only ever called on the agent's own input). */
  start(item: MaskItem, returnFocus: Element | null): void {
    if (this.modalOpen || this.masker.isRevealed(item.key)) return;
    this.modalOpen = true;
    void this.prepare(item, returnFocus);
  }

  private async prepare(item: MaskItem, returnFocus: Element | null): Promise<void> {
    let token: string;
    try {
      if (this.contextLost) throw new Error('Extension context invalidated.');
      // A background that does not answer must not leave the page unable to reveal.
      const prepared = await Promise.race([
        send('reveal/prepare', {
          kind: item.kind,
          value: item.value,
          display: item.display,
          kindLabel: this.kindLabel(item),
          requestedAt: new Date().toISOString(),
        }),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer')), PREPARE_MS)),
      ]);
      if (!prepared.ok) throw new NoticeError(prepared.message);
      token = prepared.token;
    } catch (error) {
      if (isContextInvalidated(error)) this.contextLost = true;
      this.modalOpen = false;
      const message =
        error instanceof NoticeError
          ? error.message
          : t(this.lang, this.contextLost ? 'contextLost' : 'sendFailed');
      this.ui.ensureAttached();
      showNotice(this.ui.root, message);
      restoreFocus(returnFocus);
      return;
    }
    this.ui.ensureAttached();
    this.hover.hide();
    // A true modal: the page behind leaves the accessibility tree and takes no focus,
    // so Shift+Tab cannot wander out of the dialog and leave Escape with nothing to close.
    this.setPageInert(true);
    const view = openRevealFrame(this.ui.root, token, t(this.lang, 'frameTitle'));
    this.frame = { token, item, view, returnFocus };
  }

  /** The background committed the record: show the value. False if that frame is not ours (any more). */
  onDecided(token: string, eventId: string, seconds: number): boolean {
    const f = this.frame;
    if (!f || f.token !== token) return false;
    this.closeFrame(false);
    this.reveal(f.item, eventId, seconds, f.returnFocus);
    return true;
  }

  /** The reveal frame says it is done (cancelled, or a refusal was read). */
  onFrameMessage(e: MessageEvent): void {
    const f = this.frame;
    if (!f?.view.isFrom(e)) return;
    const data = e.data as { sigiloReveal?: unknown; token?: unknown } | null;
    if (data?.sigiloReveal === 'closed' && data.token === f.token) this.closeFrame();
  }

  private closeFrame(declined = true): void {
    const f = this.frame;
    if (!f) return;
    this.frame = null;
    f.view.remove();
    this.modalOpen = false;
    this.setPageInert(false);
    const field = f.returnFocus;
    if (declined && field && this.maskedFieldItem(field)) this.declinedField = field;
    restoreFocus(f.returnFocus);
  }

  /**
   * `inert` on the page's <body> while our modal is open (Sigilo's UI is under
   * <html>, outside it). Only ever undone by us if we set it.
   */
  private setPageInert(on: boolean): void {
    if (on) {
      const body = document.body;
      if (!body || body.inert) return;
      body.inert = true;
      this.inerted = body;
    } else if (this.inerted) {
      this.inerted.inert = false;
      this.inerted = null;
    }
  }

  private reveal(item: MaskItem, eventId: string, seconds: number, returnFocus: Element | null): void {
    const key = item.key;
    const s = Math.max(1, seconds);
    const until = Date.now() + s * 1000;
    this.masker.reveal(key);
    // Revealed from the list, the value may be anywhere in the page: it is brought into
    // sight, where the Hide button is shown beside it ('nearest': nothing moves if it is).
    const target = item.target;
    const el = target.type === 'text' ? target.node.parentElement : target.el;
    el?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    const kind = kindVars(this.lang, item.label);
    const pill = showRevealPill(
      this.ui.root,
      this.lang,
      kind,
      until,
      () => this.anchorOf(item),
      () => this.remask(key, 'hide'),
    );
    const timer = setTimeout(() => this.remask(key, 'timer'), until - Date.now());
    this.active.set(key, { eventId, item, until, timer, pill, returnFocus });
    this.ticker ??= setInterval(() => this.tick(), 1000);
    // Said once (the seconds on screen are not a live region), and "Hide" is where focus is.
    announce(this.ui.root, t(this.lang, 'revealedAnnounce', { ...kind, s }));
    pill.focusHide();
  }

  /** Where a revealed value is on screen now (its text, or its field or element). */
  private anchorOf(item: MaskItem): DOMRect | null {
    const target = item.target;
    if (target.type === 'text') {
      if (!target.node.isConnected) return null;
      return this.masker.rangeOf(item)?.getBoundingClientRect() ?? null;
    }
    return target.el.isConnected ? target.el.getBoundingClientRect() : null;
  }

  private tick(): void {
    this.checkNavigation();
    for (const a of this.active.values()) a.pill.update();
  }

  remask(key: string, cause: 'timer' | 'hide' | 'navigation'): void {
    const a = this.active.get(key);
    if (!a) return;
    this.active.delete(key);
    clearTimeout(a.timer);
    const hadFocus = a.pill.hasFocus();
    a.pill.remove();
    this.masker.remask(key);
    if (cause !== 'navigation')
      announce(this.ui.root, t(this.lang, 'hiddenAnnounce', kindVars(this.lang, a.item.label)));
    if (hadFocus) restoreFocus(a.returnFocus);
    if (this.active.size === 0 && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = null;
    }
    void send('reveal/remasked', { eventId: a.eventId, remaskedAt: new Date().toISOString(), cause }).catch(
      () => undefined,
    );
  }

  /** Teardown: timers, countdowns and the reveal frame go; nothing is sent (the context may be gone). */
  dispose(): void {
    for (const a of this.active.values()) {
      clearTimeout(a.timer);
      a.pill.remove();
    }
    this.hover.dispose();
    this.setPageInert(false);
    this.active.clear();
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
    this.frame?.view.remove();
    this.frame = null;
    this.modalOpen = false;
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

class NoticeError extends Error {}

/** Entries of other frames carry their frame: "f<frameId>:<id>" (this frame's ids start with "m"). */
function isFrameEntry(id: string): boolean {
  return /^f\d+:/.test(id);
}

/** How long the background may take to park a value before the agent is told it failed. */
const PREPARE_MS = 8000;

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
