/**
 * Sigilo's content script: a classic IIFE registered at document_start in every
 * frame (about:blank/srcdoc too). Order of events:
 * 1. synchronously: Sigilo's styles (mask rules) and a "hide the page" rule are
 *    adopted before anything is painted;
 * 2. the effective policy is fetched (falls back to the safe defaults after a
 *    timeout, so a dead service worker never shows raw values);
 * 3. one full pass masks what is there, then the page is shown; the
 *    MutationObserver keeps masking every later change in the same frame.
 */

import { WAKE_EVENT } from '../page-world/protocol';
import { setLocaleOverride } from '../shared/i18n';
import { spacingRule, TYPED_SPACING } from './a11y';
import { Detector } from './detect';
import { FieldMirror } from './field-mirror';
import { installGuards, installPrintGuard } from './guards';
import { pageLang } from './i18n';
import { Masker } from './masker';
import { PageBridge } from './page-bridge';
import { BOOST, BOOT_HIDE_CSS, LAYER, PAGE_CSS } from './page-styles';
import { type EffectivePolicy, fetchEffectivePolicy, policyUrl, safeDefaults } from './policy-source';
import { listenForPushes } from './push-listener';
import { isContextInvalidated, RevealController } from './reveal-controller';
import { UiHost } from './ui/host';
import { mountListEntry } from './ui/list-entry';
import type { ListEntry } from './ui/masked-list';
import { Watcher } from './watcher';

/**
 * The running instance of this frame, on the content scripts' window (one per
 * extension lifetime: a second injection finds it and stops).
 */
interface RunningInstance {
  /** False once this instance's extension context is gone. */
  alive(): boolean;
  /** Undo everything this instance did to the page and stop. */
  dispose(): void;
  /** This frame's masked values, for the top frame's list (read from the isolated world only). */
  listSummary(): ListEntry[];
  /** Start the reveal of one of them, chosen in the top frame's list. */
  revealFromList(id: string): boolean;
}

declare global {
  interface Window {
    __sigiloContent?: RunningInstance | true;
  }
}

/** Sent by a newly booted instance; see boot(). */
const TAKEOVER_EVENT = 'sigilo:takeover';

class ContentApp {
  private readonly sheet = new CSSStyleSheet();
  private readonly bootSheet = new CSSStyleSheet();
  private readonly styleEl = document.createElement('style');
  private readonly lang = () => pageLang();
  private readonly ui = new UiHost();
  private readonly abort = new AbortController();
  private effective: EffectivePolicy = safeDefaults();
  private readonly masker: Masker;
  private readonly watcher: Watcher;
  private readonly reveals: RevealController;
  /** The page-world script's counterpart, and the registry the reveal flow uses (masker + canvas values). */
  private readonly bridge: PageBridge;
  private booting = true;
  private running = false;
  private disposed = false;
  private fetchSeq = 0;
  /** This instance's own runtime: after an update the global `chrome` may be the new version's. */
  private readonly runtime = globalThis.chrome?.runtime;

  constructor() {
    this.sheet.replaceSync(PAGE_CSS);
    this.bootSheet.replaceSync(BOOT_HIDE_CSS);
    this.styleEl.textContent = PAGE_CSS;
    this.styleEl.setAttribute('data-sigilo', '');
    const url = policyUrl();
    this.masker = new Masker(new Detector(this.effective.policy, url), this.effective.policy, this.lang);
    this.watcher = new Watcher(this.masker, {
      beforeFlush: () => this.guardStyles(),
      frameGuard: () => this.guardDocument(),
      adoptRoot: (root) => this.adoptInto(root),
      isOwnNode: (node) => node === this.ui.host || node === this.styleEl || this.masker.inline.isOwn(node),
      drained: () => this.onDrained(),
      openOrClosedShadowRoot: (el) => openOrClosedShadowRoot(el),
    });
    this.bridge = new PageBridge(this.masker, this.abort.signal);
    this.reveals = new RevealController(this.bridge, this.ui, this.lang);
    this.masker.fields.mirror = new FieldMirror(this.ui);
    this.masker.onSpacing = (value) => this.addSpacingRule(value);
  }

  /**
   * One rule per letter-spacing value in use (a11y.ts), in both copies of our sheet;
   * none where the static typed-attr() rule applies them (see page-styles.ts).
   */
  private readonly spacings = new Set<string>();
  private readonly typedAttr = CSS.supports(TYPED_SPACING);
  private addSpacingRule(value: string): void {
    if (this.typedAttr || this.spacings.has(value)) return;
    const rule = spacingRule(value, BOOST);
    if (!rule) return;
    this.spacings.add(value);
    const layered = `@layer ${LAYER} { ${rule} }`;
    this.sheet.insertRule(layered, this.sheet.cssRules.length);
    // In the text, not the CSSOM: a <style> moved back into place re-parses its text.
    this.styleEl.textContent += `\n${layered}`;
  }

  boot(): void {
    document.adoptedStyleSheets.push(this.sheet, this.bootSheet);
    this.guardStyles();
    // After an update the old version's instance is left in another script world,
    // orphaned: it gives way on this event (DOM events reach every world), in this
    // same task, while our boot style hides the page. A page dispatching the event
    // changes nothing: a live instance ignores it.
    document.dispatchEvent(new CustomEvent(TAKEOVER_EVENT));
    const signal = this.abort.signal;
    window.addEventListener(TAKEOVER_EVENT, () => !this.alive() && this.dispose(), { capture: true, signal });
    installGuards(this.masker, signal);
    installPrintGuard(this.masker, signal);
    window.addEventListener('click', (e) => this.running && this.reveals.onClick(e), {
      capture: true,
      signal,
    });
    window.addEventListener('keydown', (e) => this.running && this.reveals.onKeyDown(e), {
      capture: true,
      signal,
    });
    window.addEventListener('focusout', (e) => this.reveals.onFocusOut(e), { capture: true, signal });
    window.addEventListener('pointermove', (e) => this.running && this.reveals.hover.onPointerMove(e), {
      capture: true,
      passive: true,
      signal,
    });
    for (const [type, pressed] of [
      ['pointerdown', true],
      ['pointerup', false],
      ['pointercancel', false],
    ] as const)
      window.addEventListener(type, () => this.reveals.hover.onPress(pressed), {
        capture: true,
        passive: true,
        signal,
      });
    window.addEventListener('scroll', () => this.reveals.hover.onScroll(), {
      capture: true,
      passive: true,
      signal,
    });
    // One entry point per tab: the top frame's list holds its frames' values too.
    if (window === window.top)
      mountListEntry(
        this.ui.root,
        this.lang,
        () => (this.running ? this.reveals.listEntries().entries.length : 0),
        () => this.running && this.reveals.openList(),
      );
    for (const type of ['input', 'change', 'focusin', 'focusout']) {
      window.addEventListener(
        type,
        (e) => {
          const target = e.composedPath()[0];
          if (!(target instanceof Element)) return;
          // The agent's own keystroke: what they type shows while they type it.
          if (type === 'input' && e.isTrusted) this.masker.fields.noteTyped(target);
          // Leaving the field masks what was typed (focus has moved on once this task ends).
          if (type === 'focusout') queueMicrotask(() => this.watcher.onFieldEvent(target));
          else this.watcher.onFieldEvent(target);
        },
        { capture: true, signal },
      );
    }
    // Navigation re-masks: leaving the page, bfcache restore, SPA history changes.
    window.addEventListener('pagehide', () => this.reveals.remaskAll('navigation'), { signal });
    window.addEventListener('pageshow', (e) => e.persisted && this.reveals.remaskAll('navigation'), {
      signal,
    });
    window.addEventListener('popstate', () => this.reveals.checkNavigation(), { signal });
    window.addEventListener('hashchange', () => this.reveals.checkNavigation(), { signal });
    const nav = (window as { navigation?: EventTarget }).navigation;
    nav?.addEventListener('currententrychange', () => this.reveals.checkNavigation(), { signal });
    window.addEventListener('message', (e) => this.reveals.onFrameMessage(e), { signal });
    window.addEventListener('beforeprint', () => this.watcher.frameCheck(), { signal });
    document.addEventListener(WAKE_EVENT, () => this.running && this.watcher.wake(), { signal });
    document.addEventListener('DOMContentLoaded', () => this.watcher.sweepShadowRoots(), { signal });
    window.addEventListener('load', () => this.watcher.sweepShadowRoots(), { signal });
    listenForPushes(
      {
        'policy/changed': () => {
          void this.refreshPolicy();
          return { ok: true };
        },
        'content/status': () => this.status(),
        'content/list': () => ({ opened: this.running && this.reveals.openList() }),
        'content/reveal-item': ({ id }) => ({ started: this.running && this.reveals.revealById(id) }),
        'reveal/decided': ({ token, eventId, revealSeconds }) => ({
          shown: this.running && this.reveals.onDecided(token, eventId, revealSeconds),
        }),
      },
      signal,
    );
    void this.refreshPolicy();
  }

  /** Whether this instance's extension context still exists (false when orphaned by an update). */
  alive(): boolean {
    try {
      return !this.disposed && Boolean(this.runtime?.id);
    } catch {
      return false;
    }
  }

  /**
   * The one teardown path: listeners (abort), observers and queues, highlights
   * and markers, the reveal UI and timers, Sigilo's styles in the document and
   * every shadow root. The page is left exactly as its own code made it.
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.running = false;
    this.abort.abort();
    this.reveals.dispose();
    const roots = [...this.watcher.roots];
    this.watcher.dispose();
    this.masker.dispose();
    this.bridge.dispose();
    for (const root of roots) {
      const sheets = root.adoptedStyleSheets;
      for (const sheet of [this.sheet, this.bootSheet]) {
        const i = sheets.indexOf(sheet);
        if (i >= 0) sheets.splice(i, 1);
      }
    }
    const sheets = document.adoptedStyleSheets;
    for (const sheet of [this.sheet, this.bootSheet]) {
      const i = sheets.indexOf(sheet);
      if (i >= 0) sheets.splice(i, 1);
    }
    this.styleEl.remove();
    this.ui.remove();
  }

  private async refreshPolicy(): Promise<void> {
    const seq = ++this.fetchSeq;
    let next: EffectivePolicy;
    try {
      next = await fetchEffectivePolicy(policyUrl());
    } catch (error) {
      if (isContextInvalidated(error)) this.reveals.contextLost = true;
      next = safeDefaults();
    }
    if (seq !== this.fetchSeq || this.disposed) return;
    setLocaleOverride(next.locale);
    this.apply(next);
  }

  private apply(next: EffectivePolicy): void {
    this.effective = next;
    if (!next.active) {
      // Excluded site: show everything as the page made it and stop watching.
      this.reveals.remaskAll('navigation');
      this.watcher.stop();
      this.masker.unmaskAll();
      this.bridge.setPolicy(null);
      this.running = false;
      // Nothing of Sigilo's stays in the page's Tab order or accessibility tree.
      this.ui.remove();
      this.showPage();
      return;
    }
    const detector = new Detector(next.policy, policyUrl());
    this.masker.setPolicy(detector, next.policy);
    this.bridge.setPolicy(next.policy);
    this.running = true;
    // The list's entry point is a Tab stop only while Sigilo's UI is in the document.
    this.ui.ensureAttached();
    this.watcher.start(detector.ruleSelector !== null);
  }

  private onDrained(): void {
    if (this.booting) this.showPage();
  }

  private showPage(): void {
    this.booting = false;
    const sheets = document.adoptedStyleSheets;
    const i = sheets.indexOf(this.bootSheet);
    if (i >= 0) sheets.splice(i, 1);
  }

  /** Mask rules must stay in force whatever the page does to its styles and highlights. */
  private guardStyles(): void {
    this.guardDocument();
    // First child of <html>: its layer is then the document's first (see page-styles).
    const root = document.documentElement;
    if (root && root.firstChild !== this.styleEl) root.prepend(this.styleEl);
    for (const r of this.watcher?.roots ?? []) if (r !== document) this.adoptInto(r as ShadowRoot);
    this.reveals?.checkNavigation();
  }

  /** Per frame, cheap: the document's sheets and the highlight, which a page can drop without a mutation. */
  private guardDocument(): void {
    if (!document.adoptedStyleSheets.includes(this.sheet)) document.adoptedStyleSheets.push(this.sheet);
    this.masker?.checkHighlight();
  }

  private adoptInto(root: ShadowRoot): void {
    if (!root.adoptedStyleSheets.includes(this.sheet)) root.adoptedStyleSheets.push(this.sheet);
  }

  listSummary(): ListEntry[] {
    return this.running ? this.reveals.listEntries().entries : [];
  }

  revealFromList(id: string): boolean {
    return this.running && this.reveals.revealById(id);
  }

  /** What the popup shows: the same distinct values the in-page list offers (frames included), so the counts agree. */
  private async status() {
    const entries = this.running
      ? this.reveals.listEntries().entries.concat(await this.reveals.frameEntries())
      : [];
    const byKind: Record<string, number> = {};
    for (const item of entries) byKind[item.kind] = (byKind[item.kind] ?? 0) + 1;
    return {
      active: this.running,
      maskedCount: entries.length,
      byKind,
      items: entries.map((e) => ({ id: e.id, kind: e.kindLabel, display: e.display, revealed: e.revealed })),
    };
  }
}

function openOrClosedShadowRoot(el: Element): ShadowRoot | null {
  try {
    const api = globalThis.chrome?.dom as
      | { openOrClosedShadowRoot?: (e: Element) => ShadowRoot | null }
      | undefined;
    return api?.openOrClosedShadowRoot?.(el) ?? null;
  } catch {
    return null;
  }
}

// One instance per frame, even if the script is injected twice; an orphaned one
// (left by an extension update) gives way in the same task, so nothing is
// painted unmasked in between: the new instance's boot style hides the page
// until its first pass is done.
const previous = window.__sigiloContent;
const stale = previous === true || (previous !== undefined && !previous.alive());
if (previous === undefined || stale) {
  const app = new ContentApp();
  if (previous !== undefined && previous !== true) previous.dispose();
  window.__sigiloContent = app;
  app.boot();
}
