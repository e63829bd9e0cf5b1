/**
 * A long chat: only the values near the viewport are in the highlight (every
 * range in it costs time at each DOM change, see src/content/near-view.ts);
 * the far ones are painted as nothing (transparent text), never raw, and get
 * their highlight back as they come near.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatMessages, queueRows } from '../../demo/data';
import { launchSigilo, type Sigilo } from './harness';
import { expectedShown, maskedForms, occurrences } from './mask-probe';

let sigilo: Sigilo;
beforeAll(async () => {
  sigilo = await launchSigilo();
});
afterAll(async () => {
  await sigilo?.close();
});

const SHOWN = 400;
const CPFS = chatMessages(0, SHOWN)
  .flatMap((m) => m.pii)
  .filter((p) => p.type === 'CPF')
  .map((p) => p.value);

async function open(): Promise<Page> {
  const page = await sigilo.openPage(`/chat.html?initial=${SHOWN}&count=0`);
  await page.waitForSelector('html[data-demo-ready="true"]');
  await expect
    .poll(() => page.evaluate(() => document.querySelectorAll('[data-sigilo-far]').length))
    .toBeGreaterThan(0);
  return page;
}

const highlightSize = (page: Page) =>
  page.evaluate(
    () => (CSS.highlights.get('sigilo-mask') as unknown as Set<AbstractRange> | undefined)?.size ?? 0,
  );

describe('a long chat', () => {
  it('keeps only the values near the viewport in the highlight, and paints no value raw', async () => {
    const page = await open();
    expect(CPFS.length).toBeGreaterThanOrEqual(40);
    // Every message's values together hold many more ranges than the highlight now does.
    const all = chatMessages(0, SHOWN).reduce((n, m) => n + m.pii.length, 0);
    expect(await highlightSize(page)).toBeLessThan(all / 3);
    for (const cpf of CPFS) {
      const found = await occurrences(page, cpf);
      expect(found.length).toBeGreaterThan(0);
      for (const o of found) expect(maskedForms(cpf)).toContain(o.shown);
    }
    // The newest messages are in view: theirs is the highlight's partial form.
    const last = CPFS[CPFS.length - 1]!;
    expect((await occurrences(page, last)).map((o) => o.shown)).toEqual([expectedShown(last, 2)]);
    await page.close();
  });

  it("marks only near text, and far text stays transparent selected, found or linked to, whatever the page's colours", async () => {
    const page = await open();
    const seen = await page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent =
        '::selection, ::search-text, ::target-text { color: rgb(200, 0, 0) !important; -webkit-text-fill-color: rgb(200, 0, 0) !important; }';
      document.head.append(style);
      const far = document.querySelector('[data-sigilo-far]')!;
      const colours = (el: Element) =>
        ['::selection', '::search-text', '::target-text'].map((p) => {
          const cs = getComputedStyle(el, p);
          return `${cs.color} ${cs.getPropertyValue('-webkit-text-fill-color')}`;
        });
      return {
        holders: document.querySelectorAll('[data-sigilo-holds]').length,
        farHolds: document.querySelectorAll('[data-sigilo-far][data-sigilo-holds]').length,
        far: colours(far),
        // Control: the same message's header (no value, not far-marked) takes the page's colour.
        header: colours(far.closest('article')!.querySelector('header')!),
      };
    });
    // Marks cost every later frame in proportion to their number (see holder-marks.ts).
    expect(seen.holders).toBeLessThan(SHOWN / 4);
    expect(seen.farHolds).toBe(0);
    expect(seen.far).toEqual(Array(3).fill('rgba(0, 0, 0, 0) rgba(0, 0, 0, 0)'));
    expect(seen.header).toEqual(Array(3).fill('rgb(200, 0, 0) rgb(200, 0, 0)'));
    await page.close();
  });

  it('a jump to the top shows the first values masked in the very next frame, then by the highlight', async () => {
    const page = await open();
    const first = CPFS[0]!;
    // The first message is far: its whole text transparent.
    expect((await occurrences(page, first)).map((o) => o.shown)).toEqual(['•'.repeat(first.length)]);
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          document.querySelector('[data-testid="chat-log"]')!.scrollTop = 0;
          requestAnimationFrame(() => resolve());
        }),
    );
    for (const o of await occurrences(page, first)) expect(maskedForms(first)).toContain(o.shown);
    await expect
      .poll(async () => (await occurrences(page, first)).map((o) => o.shown))
      .toEqual([expectedShown(first, 2)]);
    // The last ones went far in turn: the highlight stays small.
    const all = chatMessages(0, SHOWN).reduce((n, m) => n + m.pii.length, 0);
    expect(await highlightSize(page)).toBeLessThan(all / 3);
    expect(sigilo.pageErrors).toEqual([]);
    await page.close();
  });
});

describe('a long table', () => {
  it('paints the masked form in the cells near the viewport and only transparent discs far from it, following the scroll', async () => {
    const page = await sigilo.openPage('/queue.html');
    await page.waitForSelector('html[data-demo-ready="true"]');
    const rows = queueRows(1000);
    const first = rows[0]!.cpf;
    const last = rows[999]!.cpf;
    const shown = async (cpf: string) => (await occurrences(page, cpf)).map((o) => o.shown);
    // The first frames of a fresh 1,000-row table take a while on a loaded machine.
    await expect.poll(() => shown(first), { timeout: 5000 }).toEqual([expectedShown(first, 2)]);
    expect(await shown(last)).toEqual(['•'.repeat(last.length)]);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect.poll(() => shown(last)).toEqual([expectedShown(last, 2)]);
    await expect.poll(() => shown(first)).toEqual(['•'.repeat(first.length)]);
    // Back up in one jump: the first rows get their masked form again.
    await page.evaluate(() => window.scrollTo(0, 0));
    await expect.poll(() => shown(first)).toEqual([expectedShown(first, 2)]);
    expect(sigilo.pageErrors).toEqual([]);
    await page.close();
  });
  it('paints the masked form in sight from the first frame that lays out a big fresh table', async () => {
    const page = await sigilo.context.newPage();
    // Page world, before any script: the first time the table body has a size (after the
    // layout of the frame that first paints it, before that paint), read what each CPF
    // cell in sight carries; and note that the table was masked in slices (covered).
    await page.addInitScript(() => {
      const w = window as unknown as { __first?: { covered: boolean; cells: string[] } };
      let covered = false;
      const ro = new ResizeObserver((entries) => {
        const body = entries[0]?.target;
        if (
          !body ||
          body.getBoundingClientRect().height === 0 ||
          document.querySelector('[data-sigilo-pending]')
        )
          return;
        ro.disconnect();
        const cells = [...body.querySelectorAll('td[data-field="cpf"]')].filter(
          (td) => td.getBoundingClientRect().top < innerHeight,
        );
        w.__first = { covered, cells: cells.map((td) => td.getAttribute('data-sigilo-text') ?? '(none)') };
      });
      new MutationObserver(() => {
        if (document.querySelector('[data-sigilo-pending]')) covered = true;
        const body = document.querySelector('table[data-testid="queue-table"] tbody');
        if (body && body.childElementCount > 0 && !w.__first) ro.observe(body);
      }).observe(document, {
        childList: true,
        subtree: true,
        attributes: true,
        attributeFilter: ['data-sigilo-pending'],
      });
    });
    await page.goto(sigilo.demoUrl('/queue.html?rows=5000'));
    await page.waitForSelector('html[data-demo-ready="true"]');
    await expect.poll(() => page.evaluate(() => '__first' in window), { timeout: 30_000 }).toBe(true);
    const first = (await page.evaluate('window.__first')) as { covered: boolean; cells: string[] };
    const rows = queueRows(5000);
    // A pass in slices is the case where the overlays came one frame (and one layout) late.
    expect(first.covered).toBe(true);
    expect(first.cells.length).toBeGreaterThan(10);
    expect(first.cells).toEqual(rows.slice(0, first.cells.length).map((r) => expectedShown(r.cpf, 2)));
    expect(sigilo.pageErrors).toEqual([]);
    await page.close();
  });

  it('gives far rows their masked form when a layout change, not a scroll, brings them into sight', async () => {
    const page = await sigilo.openPage('/queue.html');
    await page.waitForSelector('html[data-demo-ready="true"]');
    const rows = queueRows(1000);
    const last = rows[999]!.cpf;
    const shown = async (cpf: string) => (await occurrences(page, cpf)).map((o) => o.shown);
    await expect.poll(() => shown(rows[0]!.cpf), { timeout: 5000 }).toEqual([expectedShown(rows[0]!.cpf, 2)]);
    // Far: discs only (the control: it changes only when the rows move).
    expect(await shown(last)).toEqual(['•'.repeat(last.length)]);
    // A page stylesheet hides all rows but the last ten: those move to the top, unscrolled.
    await page.addStyleTag({ content: 'tbody tr:nth-child(-n+990) { display: none; }' });
    await expect.poll(() => shown(last), { timeout: 10_000 }).toEqual([expectedShown(last, 2)]);
    expect(sigilo.pageErrors).toEqual([]);
    await page.close();
  });
});

describe('a long log inside a shadow root', () => {
  it('brings far values back into the highlight when its own scroller scrolls (its scroll events never reach the window)', async () => {
    const page = await sigilo.openPage('/shadow.html');
    await page.waitForSelector('html[data-demo-ready="true"]');
    await page.evaluate((cpfs: string[]) => {
      const host = document.createElement('div');
      host.id = 'log-host';
      document.body.prepend(host);
      const root = host.attachShadow({ mode: 'open' });
      const log = document.createElement('div');
      log.id = 'log';
      log.style.cssText = 'height: 300px; overflow-y: auto;';
      for (let i = 0; i < 300; i++) {
        const p = document.createElement('p');
        // The first CPF only in the first message: the others cycle through the rest.
        const cpf = i === 0 ? cpfs[0] : cpfs[1 + (i % (cpfs.length - 1))];
        p.textContent = `Mensagem ${i}: o cliente informou o CPF ${cpf} agora`;
        log.append(p);
      }
      root.append(log);
      log.scrollTop = log.scrollHeight;
    }, CPFS);
    const first = CPFS[0]!;
    const shownFirst = async () => (await occurrences(page, first)).map((o) => o.shown);
    // The first message is far from the bottom of the log: painted blank.
    await expect.poll(shownFirst).toEqual(['•'.repeat(first.length)]);
    await page.evaluate(() => {
      document.querySelector('#log-host')!.shadowRoot!.querySelector('#log')!.scrollTop = 0;
    });
    // Well before the periodic recheck (2 s): the scroll itself brought them back.
    await expect.poll(shownFirst, { timeout: 1000 }).toEqual([expectedShown(first, 2)]);
    expect(sigilo.pageErrors).toEqual([]);
    await page.close();
  });
});
