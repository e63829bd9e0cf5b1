/**
 * One editing session, typed by a user, run twice: in Chromium with Sigilo and
 * in a plain Chromium (the control). What the editor holds and what the form
 * posts must be identical in both, with nothing of Sigilo's in it, while the
 * value typed is masked on screen and on the clipboard only where Sigilo runs.
 */
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD } from '../../../demo/data';
import { launchPlain, launchSigilo, type Sigilo } from '../harness';
import { countReddish, expectedShown, prepare } from '../mask-probe';

export interface EditorCase {
  /** Test title: library and version. */
  name: string;
  /** demo/compat/<page>.html */
  page: string;
  /** The editable root, inside `frame` when given. */
  root: string;
  /** The iframe holding the editable document (TinyMCE). */
  frame?: string;
}

export const LINE_1 = `Cliente informou o CPF ${RECORD.cpf} na ligacao`;
export const LINE_2 = 'Retorno amanha';
/** Typed through an IME composition (dead-key style), committed as one insertion. */
const COMPOSED = ' confirmação';

interface Snapshot {
  html: string;
  model: string;
  /** The editable root's own markup (its attributes too). */
  root: string;
}

interface Session {
  typed: Snapshot;
  composed: Snapshot;
  enter: Snapshot;
  undone: Snapshot;
  posted: string;
}

/** Long enough for the editors' undo grouping (ProseMirror: 500 ms) to close a group. */
const GROUP_PAUSE_MS = 700;

function frames(page: Page): Promise<void> {
  return page.evaluate(
    () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))),
  );
}

async function editorFrame(page: Page, c: EditorCase): Promise<Frame> {
  if (!c.frame) return page.mainFrame();
  const handle = await page.waitForSelector(c.frame);
  const frame = await handle.contentFrame();
  if (!frame) throw new Error(`no frame at ${c.frame}`);
  await frame.waitForSelector(c.root);
  return frame;
}

async function snapshot(page: Page, frame: Frame, c: EditorCase): Promise<Snapshot> {
  await frames(page);
  const { html, model } = await page.evaluate(() => ({
    html: window.compat!.html(),
    model: window.compat!.model(),
  }));
  const root = await frame.evaluate((sel) => document.querySelector(sel)!.outerHTML, c.root);
  return { html, model, root };
}

/** Runs in the editor's document: its text as painted, "•" where a Sigilo highlight covers a character. */
function paintedText(selector: string): string {
  const el = document.querySelector(selector)!;
  const hl = CSS.highlights.get('sigilo-mask') as unknown as Set<AbstractRange> | undefined;
  const ranges = [...(hl ?? [])].map((r) => {
    const range = document.createRange();
    range.setStart(r.startContainer, r.startOffset);
    range.setEnd(r.endContainer, r.endOffset);
    return range;
  });
  let out = '';
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const data = (node as Text).data;
    for (let i = 0; i < data.length; i++) {
      const covered = ranges.some((r) => r.comparePoint(node, i) === 0 && r.comparePoint(node, i + 1) === 0);
      out += covered ? '•' : data[i];
    }
  }
  return out;
}

/**
 * Red pixels on screen over the typed CPF's hidden part (all but its last two characters),
 * with the editor's text made red by a page style: what the screen shows, not what the
 * highlight registry holds (a mask rule that stopped matching editable text would pass that).
 */
async function redOverHiddenPart(page: Page, frame: Frame, c: EditorCase): Promise<number> {
  await frame.addStyleTag({
    content: `${c.root}, ${c.root} * { color: #e00000 !important; -webkit-text-fill-color: #e00000 !important; }`,
  });
  await frames(page);
  const box = await frame.evaluate(
    ({ root, cpf }) => {
      const walker = document.createTreeWalker(document.querySelector(root)!, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
        const at = n.data.indexOf(cpf);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(n, at);
        range.setEnd(n, at + cpf.length - 2);
        const r = range.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      }
      return null;
    },
    { root: c.root, cpf: RECORD.cpf },
  );
  if (!box) throw new Error('the typed CPF is not in the editor');
  const offset = c.frame ? await (await page.waitForSelector(c.frame)).boundingBox() : null;
  const clip = { ...box, x: box.x + (offset?.x ?? 0), y: box.y + (offset?.y ?? 0) };
  return countReddish(page, await page.screenshot({ clip }));
}

async function copySelectionOfEditor(page: Page): Promise<string> {
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+C');
  return page.evaluate(() => navigator.clipboard.readText());
}

/** The session: type, compose, Enter, undo, save. Paint and copy are read after typing. */
async function session(
  page: Page,
  c: EditorCase,
): Promise<{ s: Session; painted: string; red: number; copied: string }> {
  let posted = '';
  await page.route('**/compat-submit', async (route) => {
    posted = route.request().postData() ?? '';
    await route.fulfill({ status: 200, contentType: 'text/plain', body: 'ok' });
  });
  await page.waitForSelector('html[data-demo-ready="true"]', { timeout: 30_000 });
  const frame = await editorFrame(page, c);
  await frame.click(c.root);
  await page.keyboard.type(LINE_1);
  await page.waitForTimeout(GROUP_PAUSE_MS);
  const typed = await snapshot(page, frame, c);
  await prepare(frame);
  const painted = await frame.evaluate(paintedText, c.root);
  const red = await redOverHiddenPart(page, frame, c);
  const cdp = await page.context().newCDPSession(page);
  for (let i = 1; i <= COMPOSED.length; i++) {
    const text = COMPOSED.slice(0, i);
    await cdp.send('Input.imeSetComposition', { text, selectionStart: i, selectionEnd: i });
  }
  await cdp.send('Input.insertText', { text: COMPOSED });
  await cdp.detach();
  await page.waitForTimeout(GROUP_PAUSE_MS);
  const composed = await snapshot(page, frame, c);
  await page.keyboard.press('Enter');
  await page.keyboard.type(LINE_2);
  await page.waitForTimeout(GROUP_PAUSE_MS);
  const enter = await snapshot(page, frame, c);
  await page.keyboard.press('Control+Z');
  await page.waitForTimeout(GROUP_PAUSE_MS);
  const undone = await snapshot(page, frame, c);
  // Copy last: select-all is an edit for nothing, but it moves the caret.
  await frame.click(c.root);
  const copied = await copySelectionOfEditor(page);
  await page.click('#save');
  await expect.poll(() => posted.length > 0).toBe(true);
  return { s: { typed, composed, enter, undone, posted }, painted, red, copied };
}

const MARKER = /sigilo/i;

export function editorCompat(c: EditorCase): void {
  let sigilo: Sigilo;
  let plain: Browser;
  beforeAll(async () => {
    sigilo = await launchSigilo();
    await sigilo.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: sigilo.demoUrl('/'),
    });
    plain = await launchPlain();
  });
  afterAll(async () => {
    await plain?.close();
    await sigilo?.close();
  });

  describe(`${c.name}: typing a note with a CPF`, () => {
    it('holds, saves and submits exactly what it does without Sigilo, with no Sigilo marker; undo and IME work alike; the CPF is painted and copied masked', async () => {
      const ctx = await plain.newContext({ viewport: { width: 1280, height: 900 } });
      await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: sigilo.demoUrl('/') });
      const controlPage = await ctx.newPage();
      await controlPage.goto(sigilo.demoUrl(c.page));
      const control = await session(controlPage, c);
      await ctx.close();

      const page = await sigilo.context.newPage();
      await page.goto(sigilo.demoUrl(c.page));
      const withSigilo = await session(page, c);

      // The session did what a user expects of the editor (so equality below is not vacuous).
      expect(control.s.typed.html).toContain(RECORD.cpf);
      expect(control.s.composed.root).toContain('confirmação');
      expect(control.s.enter.html).toContain(LINE_2);
      expect(control.s.undone.html).not.toContain(LINE_2);
      expect(decodeURIComponent(control.s.posted.replace(/\+/g, ' '))).toContain(RECORD.cpf);

      // Exactly what the editor holds and saves without Sigilo, at every step.
      expect(withSigilo.s).toEqual(control.s);
      for (const snap of [
        withSigilo.s.typed,
        withSigilo.s.composed,
        withSigilo.s.enter,
        withSigilo.s.undone,
      ]) {
        expect(snap.html).not.toMatch(MARKER);
        expect(snap.model).not.toMatch(MARKER);
        expect(snap.root).not.toMatch(MARKER);
      }
      expect(withSigilo.s.posted).not.toMatch(MARKER);

      // Painted: the CPF hidden (last two digits kept), the words around it readable.
      expect(control.painted).toContain(RECORD.cpf); // control: nothing hides it without Sigilo
      expect(withSigilo.painted).toBe(LINE_1.replace(RECORD.cpf, expectedShown(RECORD.cpf, 2)));
      // And on screen: of the hidden part only the separators are drawn (the policy's form keeps
      // them: •••.•••.•••-97), a few pixels against every digit in the control.
      expect(control.red).toBeGreaterThan(50);
      expect(withSigilo.red).toBeLessThan(control.red / 10);

      // Copied: the editor's whole text, the CPF in its masked form.
      expect(control.copied).toContain(RECORD.cpf);
      expect(withSigilo.copied).not.toContain(RECORD.cpf);
      expect(withSigilo.copied).toContain(expectedShown(RECORD.cpf, 2));
      expect(sigilo.pageErrors).toEqual([]);
      // Not closed here: closing a page right after its form posted hung Chromium now
      // and then (the browser is closed after the file).
    });
  });
}
