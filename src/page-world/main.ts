/**
 * Sigilo's page-world script: a small classic IIFE registered at document_start
 * in every frame with world: 'MAIN' (see background/content-registration.ts).
 * The content script runs in an isolated world and cannot see what page code
 * passes to the clipboard or draws on a canvas; this script wraps those calls
 * in the page's own world:
 * - clipboard: `DataTransfer.setData` and `DataTransferItemList.add` during copy/cut events,
 *   `navigator.clipboard.writeText`, and the text/plain and text/html entries
 *   of every `ClipboardItem` (what `navigator.clipboard.write` takes) carry the
 *   masked form of every detected value that is not revealed, and of every
 *   value the content script masks on screen (it is asked synchronously);
 * - canvas: `fillText`/`strokeText` of 2D contexts (on a page canvas and on an
 *   OffscreenCanvas of this window) draw the masked form, and `measureText`
 *   measures that same masked form, so an app's layout matches what is drawn;
 * - wake: calls that change what is painted without a DOM mutation (the
 *   highlight registry, style sheets, a field's value, a shadow root) tell the
 *   content script, which then checks its masks before the next paint instead of
 *   polling at every frame (see Watcher.wake in content/watcher.ts).
 *
 * Trust boundary. This world is the page's: page code can read this script's
 * state, call the originals through another frame, send the configuration
 * event itself or switch the wrappers off. That is no loss: everything this
 * script sees is data the page already holds and chose to copy or draw. What it
 * protects against is the page's libraries (a grid's "copy all rows", a canvas
 * grid) putting raw values on the clipboard or on screen without meaning to.
 * So nothing may flow from the extension into this world that the page does not
 * already have: it receives the detector settings, the mask style and the
 * values revealed right now (values the page itself displays, needed so a
 * revealed value copies as shown) — never reasons, records, other pages' data or
 * any way to ask for a reveal. Asked to mask a text for the clipboard, the
 * content script answers with that text masked: only values this page displays
 * are ever put in. What this script reports (values drawn masked on a canvas, for
 * the masked-values list) is checked again by the content script, and can only
 * ever add a list entry that the agent may choose to reveal.
 *
 * The page's behaviour is otherwise unchanged: same return values and promises,
 * same event flow, same arguments apart from the text; any failure here falls
 * back to the page's own call.
 */

import { mayContainSensitive, scan } from '../core/detect/scanner';
import { type DetectorType, isDetectorType } from '../core/detect/types';
import { maskText, type Span } from '../core/mask';
import { DEFAULT_POLICY } from '../core/policy/defaults';
import {
  ANSWER_EVENT,
  ASK_EVENT,
  CONFIG_EVENT,
  DRAWN_EVENT,
  type DrawnValue,
  HELLO_EVENT,
  type PageConfig,
  WAKE_EVENT,
} from './protocol';

declare global {
  interface Window {
    __sigiloPageWorld?: true;
  }
}

interface Settings {
  active: boolean;
  types: DetectorType[];
  minConfidence: Partial<Record<DetectorType, number>>;
  spec: { style: PageConfig['style']; keepLast: number };
  revealed: Set<string>;
}

/** Until the content script answers, the safe defaults apply: everything detectable is masked. */
let settings: Settings = {
  active: true,
  types: [...DEFAULT_POLICY.detectors.enabled],
  minConfidence: { ...DEFAULT_POLICY.detectors.minConfidence },
  spec: { style: DEFAULT_POLICY.maskStyle, keepLast: DEFAULT_POLICY.keepLast },
  revealed: new Set(),
};

const key = (kind: string, value: string) => `${kind}\u0000${value}`;

interface Masked {
  /** The text as it may leave the page (drawn or copied). */
  text: string;
  /** Masked values in it (reported for the list when drawn). */
  values: DrawnValue[];
  /** Revealed values in it (drawn raw: covered again when re-masked). */
  revealed: string[];
}

const PLAIN: Masked = { text: '', values: [], revealed: [] };
/**
 * A canvas grid redraws the same few hundred strings every frame: the result
 * per string is kept until the settings change (bounded, dropped whole).
 */
const cache = new Map<string, Masked>();
const CACHE_MAX = 20_000;
/** Longer texts (a whole table copied) are not drawn again and again: not worth keeping. */
const CACHED_LENGTH_MAX = 512;

function masked(text: string): Masked {
  if (!settings.active || text.length < 4 || !mayContainSensitive(text)) return PLAIN;
  const hit = cache.get(text);
  if (hit) return hit;
  let result = PLAIN;
  const matches = scan(text, { types: settings.types, minConfidence: settings.minConfidence });
  if (matches.length > 0) {
    const spans: Span[] = [];
    const values: DrawnValue[] = [];
    const revealed: string[] = [];
    for (const m of matches) {
      const value = text.slice(m.start, m.end);
      const k = key(m.type, value);
      if (settings.revealed.has(k)) revealed.push(k);
      else {
        spans.push({ start: m.start, end: m.end, label: m.type });
        values.push({ kind: m.type, value });
      }
    }
    result = { text: spans.length > 0 ? maskText(text, spans, settings.spec) : text, values, revealed };
  }
  if (text.length <= CACHED_LENGTH_MAX) {
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(text, result);
  }
  return result;
}

/** The masked form of `text`, or `text` itself; never throws (the page's call must go through). */
function maskedText(text: string): string {
  try {
    const m = masked(text);
    return m === PLAIN ? text : m.text;
  } catch {
    return text;
  }
}

/** Replace `proto[name]` keeping the property's attributes (not enumerable, like the native one). */
function wrap<T extends object, K extends keyof T & string>(
  proto: T | undefined,
  name: K,
  make: (original: T[K]) => T[K],
): void {
  if (!proto) return;
  const desc = Object.getOwnPropertyDescriptor(proto, name);
  if (!desc || typeof desc.value !== 'function') return;
  const replacement = make(desc.value as T[K]);
  // The same name and arity as the browser's own function.
  Object.defineProperty(replacement, 'name', { value: name });
  Object.defineProperty(replacement, 'length', { value: (desc.value as () => void).length });
  Object.defineProperty(proto, name, { ...desc, value: replacement });
}

// ---- clipboard ------------------------------------------------------------------------------

let answer: string | null = null;

/**
 * What may go on the clipboard: the detectors' masking here, then the content
 * script's, which also knows the values masked on screen by a field rule or a
 * label's context (asked synchronously, see ASK_EVENT). Without an answer (no
 * content script in this frame yet) the detectors' masking stands.
 */
function clipboardText(text: string): string {
  const local = maskedText(text);
  if (!settings.active) return local;
  answer = null;
  try {
    document.dispatchEvent(new CustomEvent(ASK_EVENT, { detail: local }));
  } catch {
    return local;
  }
  const got = answer as string | null;
  answer = null;
  return typeof got === 'string' ? got : local;
}

const TEXT_FORMATS = new Set(['text/plain', 'text', 'text/html']);
/** The DataTransfer of each copy/cut event: only those are masked (a drag's data stays the page's). */
const clipboardTransfers = new WeakSet<DataTransfer>();
/**
 * Their item lists (`clipboardData.items.add(text, type)` is the other way to
 * write one). `items` answers a new list object on each read, so each list is
 * noted as it is handed out.
 */
const clipboardItemLists = new WeakSet<DataTransferItemList>();

function installClipboard(): void {
  for (const type of ['copy', 'cut']) {
    // Registered before any page script (document_start), so it runs before the page's handlers.
    window.addEventListener(
      type,
      (e) => {
        const data = (e as ClipboardEvent).clipboardData;
        if (data) clipboardTransfers.add(data);
      },
      { capture: true },
    );
  }
  wrap(
    globalThis.DataTransfer?.prototype,
    'setData',
    (original) =>
      function (this: DataTransfer, format: string, data: string): void {
        const masks = clipboardTransfers.has(this) && TEXT_FORMATS.has(String(format).toLowerCase());
        original.call(this, format, masks ? clipboardText(String(data)) : data);
      },
  );
  const itemsDesc = globalThis.DataTransfer
    ? Object.getOwnPropertyDescriptor(DataTransfer.prototype, 'items')
    : undefined;
  const itemsGet = itemsDesc?.get;
  if (itemsDesc && itemsGet) {
    Object.defineProperty(DataTransfer.prototype, 'items', {
      ...itemsDesc,
      get: function items(this: DataTransfer) {
        const list = itemsGet.call(this) as DataTransferItemList;
        if (clipboardTransfers.has(this)) clipboardItemLists.add(list);
        return list;
      },
    });
  }
  wrap(
    globalThis.DataTransferItemList?.prototype,
    'add',
    (original) =>
      function (this: DataTransferItemList, data: string | File, type?: string): DataTransferItem | null {
        const masks =
          typeof data === 'string' &&
          clipboardItemLists.has(this) &&
          TEXT_FORMATS.has(String(type).toLowerCase());
        // biome-ignore lint/complexity/noArguments: the page's own argument count is passed on
        const args = [...arguments] as [string, string];
        if (masks) args[0] = clipboardText(data);
        return (original as (...a: unknown[]) => DataTransferItem | null).apply(this, args);
      },
  );
  wrap(
    globalThis.Clipboard?.prototype,
    'writeText',
    (original) =>
      function (this: Clipboard, data: string): Promise<void> {
        return original.call(this, clipboardText(String(data)));
      },
  );
  const Item = globalThis.ClipboardItem;
  if (!Item) return;
  // navigator.clipboard.write(items) can only take ClipboardItems: masking their
  // text entries at construction covers every write. Entries may be promises
  // (Chromium resolves them when writing), so masking never delays the call.
  const Masking = new Proxy(Item, {
    construct(target, args: unknown[], newTarget) {
      const [items, ...rest] = args;
      if (items && typeof items === 'object') {
        const copy: Record<string, unknown> = { ...(items as Record<string, unknown>) };
        for (const type of Object.keys(copy)) {
          if (TEXT_FORMATS.has(type.toLowerCase())) copy[type] = maskedEntry(type, copy[type]);
        }
        return Reflect.construct(target, [copy, ...rest], newTarget) as object;
      }
      return Reflect.construct(target, args, newTarget) as object;
    },
  });
  Object.defineProperty(globalThis, 'ClipboardItem', {
    ...Object.getOwnPropertyDescriptor(globalThis, 'ClipboardItem'),
    value: Masking,
  });
}

/** A ClipboardItem entry (string, Blob or a promise of either) with its text masked. */
function maskedEntry(type: string, entry: unknown): unknown {
  return Promise.resolve(entry).then(async (value) => {
    const text = typeof value === 'string' ? value : value instanceof Blob ? await value.text() : null;
    if (text === null) return value;
    const out = clipboardText(text);
    if (out === text) return value;
    return typeof value === 'string' ? out : new Blob([out], { type: (value as Blob).type || type });
  });
}

// ---- canvas ---------------------------------------------------------------------------------

type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** Where a revealed value was drawn raw: painted over when it is masked again. */
interface RawDraw {
  ctx: Context2D;
  transform: DOMMatrix;
  x: number;
  y: number;
  w: number;
  h: number;
}
const rawDraws = new Map<string, RawDraw[]>();
const RAW_DRAWS_MAX = 64;

/** Values drawn masked, waiting to be reported (once per task), and when each was last reported. */
const pending = new Map<string, DrawnValue>();
const reported = new Map<string, number>();
/** A value still on screen is reported again after this long, so the list keeps it among the recent ones. */
const REPORT_AGAIN_MS = 2000;
let flushQueued = false;

function noteDrawn(
  ctx: Context2D,
  drawn: string,
  x: number,
  y: number,
  m: Masked,
  measure: (this: Context2D, text: string) => TextMetrics,
): void {
  if (m === PLAIN) return;
  const now = performance.now();
  for (const v of m.values) {
    const k = key(v.kind, v.value);
    const last = reported.get(k);
    if (last !== undefined && now - last < REPORT_AGAIN_MS) continue;
    reported.set(k, now);
    pending.set(k, v);
  }
  if (reported.size > CACHE_MAX) reported.clear();
  if (pending.size > 0 && !flushQueued) {
    flushQueued = true;
    setTimeout(flushDrawn, 0);
  }
  if (m.revealed.length === 0) return;
  const metrics = measure.call(ctx, drawn);
  const draw: RawDraw = {
    ctx,
    transform: ctx.getTransform(),
    x: x - metrics.actualBoundingBoxLeft,
    y: y - metrics.actualBoundingBoxAscent,
    w: metrics.actualBoundingBoxLeft + metrics.actualBoundingBoxRight,
    h: metrics.actualBoundingBoxAscent + metrics.actualBoundingBoxDescent,
  };
  for (const k of m.revealed) {
    const list = rawDraws.get(k) ?? [];
    if (list.length >= RAW_DRAWS_MAX) list.shift();
    list.push(draw);
    rawDraws.set(k, list);
  }
}

function flushDrawn(): void {
  flushQueued = false;
  if (pending.size === 0) return;
  const detail = JSON.stringify([...pending.values()]);
  pending.clear();
  document.dispatchEvent(new CustomEvent(DRAWN_EVENT, { detail }));
}

/**
 * A value masked again after a reveal: a canvas keeps its pixels until the app
 * redraws, so where it was drawn raw is covered with the mask's colour now; the
 * app's next redraw draws its masked form.
 */
function coverRaw(k: string): void {
  const draws = rawDraws.get(k);
  rawDraws.delete(k);
  for (const d of draws ?? []) {
    try {
      d.ctx.save();
      d.ctx.setTransform(d.transform);
      d.ctx.fillStyle = '#444';
      d.ctx.fillRect(d.x - 1, d.y - 1, d.w + 2, d.h + 2);
      d.ctx.restore();
    } catch {
      // A context lost or a canvas gone: nothing left to cover.
    }
  }
}

function installCanvas(proto: Context2D | undefined): void {
  if (!proto) return;
  const measure = proto.measureText as (this: Context2D, text: string) => TextMetrics;
  for (const name of ['fillText', 'strokeText'] as const) {
    wrap(
      proto,
      name,
      (original) =>
        function (this: Context2D, text: string, x: number, y: number, maxWidth?: number): void {
          let m = PLAIN;
          const s = String(text);
          try {
            m = masked(s);
            if (m !== PLAIN) noteDrawn(this, m.text, x, y, m, measure);
          } catch {
            m = PLAIN;
          }
          const out = m === PLAIN ? text : m.text;
          // The argument count is kept: an explicit undefined maxWidth is not the same call everywhere.
          // biome-ignore lint/complexity/noArguments: the page's own argument count is passed on
          if (arguments.length > 3) original.call(this, out, x, y, maxWidth);
          else original.call(this, out, x, y);
        },
    );
  }
  wrap(
    proto,
    'measureText',
    (original) =>
      function (this: Context2D, text: string): TextMetrics {
        return original.call(this, maskedText(String(text)));
      },
  );
}

// ---- wake -----------------------------------------------------------------------------------

let wakeSent = false;
const queue = globalThis.queueMicrotask.bind(globalThis);

/**
 * Tell the content script, at the first such call of a task (see WAKE_EVENT). At
 * once, not later in the task: its frame callback is then asked for before any the
 * page asks for after its call, and runs first in the next frame.
 */
function wake(): void {
  if (wakeSent) return;
  wakeSent = true;
  queue(() => {
    wakeSent = false;
  });
  try {
    document.dispatchEvent(new CustomEvent(WAKE_EVENT));
  } catch {
    // No document to tell (a frame being torn down): nothing is painted either.
  }
}

/** After each call of these methods or setters of `proto`, wake the content script. */
function wakeAfter(proto: object | undefined, names: readonly string[]): void {
  if (!proto) return;
  for (const name of names) {
    const desc = Object.getOwnPropertyDescriptor(proto, name);
    if (typeof desc?.value === 'function')
      wrap(
        proto as Record<string, (...args: unknown[]) => unknown>,
        name,
        (original) =>
          function (this: unknown, ...args: unknown[]): unknown {
            try {
              return original.apply(this, args);
            } finally {
              wake();
            }
          },
      );
    else if (typeof desc?.set === 'function') {
      const set = desc.set;
      const replacement = function (this: unknown, value: unknown): void {
        try {
          set.call(this, value);
        } finally {
          wake();
        }
      };
      Object.defineProperty(replacement, 'name', { value: `set ${name}` });
      Object.defineProperty(proto, name, { ...desc, set: replacement });
    }
  }
}

/**
 * What a page can change without a mutation the content script would see, and
 * which can uncover a masked value: a cleared or re-ranked highlight, an edited
 * or dropped style sheet, a field's value set by script, a late shadow root.
 * A page calling the originals through another frame goes unheard here; the
 * content script's timer check (IDLE_CHECK_MS in content/watcher.ts) still
 * catches that within a tenth of a second.
 */
function installWake(): void {
  const g = globalThis as unknown as Record<string, { prototype: object } | undefined>;
  wakeAfter(g.HighlightRegistry?.prototype, ['set', 'delete', 'clear']);
  wakeAfter(g.Highlight?.prototype, ['add', 'delete', 'clear', 'priority', 'type']);
  wakeAfter(g.StyleSheet?.prototype, ['disabled']);
  wakeAfter(g.CSSStyleSheet?.prototype, [
    'insertRule',
    'deleteRule',
    'addRule',
    'removeRule',
    'replace',
    'replaceSync',
  ]);
  wakeAfter(g.CSSGroupingRule?.prototype, ['insertRule', 'deleteRule']);
  wakeAfter(g.CSSStyleDeclaration?.prototype, ['setProperty', 'removeProperty', 'cssText']);
  wakeAfter(g.Document?.prototype, ['adoptedStyleSheets']);
  wakeAfter(g.ShadowRoot?.prototype, ['adoptedStyleSheets']);
  wakeAfter(g.HTMLInputElement?.prototype, ['value', 'setRangeText']);
  wakeAfter(g.HTMLTextAreaElement?.prototype, ['value', 'setRangeText']);
  wakeAfter(g.HTMLSelectElement?.prototype, ['value', 'selectedIndex']);
  wakeAfter(g.Element?.prototype, ['attachShadow']);
}

// ---- configuration --------------------------------------------------------------------------

function applyConfig(detail: unknown): void {
  let config: PageConfig;
  try {
    config = JSON.parse(String(detail)) as PageConfig;
  } catch {
    return;
  }
  if (!config || typeof config !== 'object') return;
  const revealed = new Set<string>();
  if (Array.isArray(config.revealed))
    for (const pair of config.revealed) {
      if (Array.isArray(pair) && typeof pair[0] === 'string' && typeof pair[1] === 'string')
        revealed.add(key(pair[0], pair[1]));
    }
  const minConfidence: Partial<Record<DetectorType, number>> = {};
  for (const [type, value] of Object.entries(config.minConfidence ?? {}))
    if (isDetectorType(type) && typeof value === 'number') minConfidence[type] = value;
  const style = ['full', 'partial', 'chip'].includes(config.style) ? config.style : settings.spec.style;
  const previous = settings.revealed;
  settings = {
    active: config.active !== false,
    types: Array.isArray(config.types) ? config.types.filter(isDetectorType) : settings.types,
    minConfidence,
    spec: { style, keepLast: Number.isFinite(config.keepLast) ? config.keepLast : settings.spec.keepLast },
    revealed,
  };
  cache.clear();
  reported.clear();
  for (const k of previous) if (!revealed.has(k)) coverRaw(k);
}

function boot(): void {
  if (window.__sigiloPageWorld) return;
  Object.defineProperty(window, '__sigiloPageWorld', { value: true });
  document.addEventListener(CONFIG_EVENT, (e) => applyConfig((e as CustomEvent).detail));
  document.addEventListener(ANSWER_EVENT, (e) => {
    const detail = (e as CustomEvent).detail;
    if (typeof detail === 'string') answer = detail;
  });
  installClipboard();
  installCanvas(globalThis.CanvasRenderingContext2D?.prototype);
  installCanvas(globalThis.OffscreenCanvasRenderingContext2D?.prototype);
  installWake();
  // The content script may have booted first (its configuration event went unheard): ask again.
  document.dispatchEvent(new CustomEvent(HELLO_EVENT));
}

boot();
