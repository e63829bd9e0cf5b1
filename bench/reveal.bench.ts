/**
 * The agent's reveal, end to end in Chromium with the built extension, as the
 * agent does it: click the masked CPF on the record page, pick a reason in the
 * reveal frame, press "Revelar"; the figure is "Revelar" pressed -> value shown
 * (the record committed in the background first, then pushed to the page).
 * Baseline, side by side in the same page: the same driver clicking a page
 * button that shows a value by itself (what the driver and one frame cost).
 * The default policy allows 10 reveals in 5 minutes, so each run is a fresh
 * profile with 9 reveals.
 */
import { rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { startDemoServer } from '../demo/server';
import { launchBench } from './browser';
import { type Bench, type BenchRow, percentile, ratio } from './table';

const RUNS = 4;
const REVEALS_PER_RUN = 9;

const CPF = '[data-field="cpf"]';

async function cpfPoint(page: Page): Promise<{ x: number; y: number }> {
  return page.evaluate((sel) => {
    const node = document.querySelector(sel)!.firstChild!;
    const r = document.createRange();
    r.setStart(node, 0);
    r.setEnd(node, 3);
    const b = r.getBoundingClientRect();
    return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  }, CPF);
}

async function revealOnce(page: Page): Promise<{ open: number; shown: number }> {
  const at = await cpfPoint(page);
  const t0 = performance.now();
  await page.mouse.click(at.x, at.y);
  const dialog = page.frameLocator('sigilo-ui iframe.reveal-frame').getByRole('dialog');
  const reason = dialog.getByRole('radio', { name: 'Atendimento ao titular' });
  await reason.waitFor();
  const open = performance.now() - t0;
  await reason.check();
  const confirm = dialog.getByRole('button', { name: 'Revelar' });
  await confirm.waitFor();
  // Measured in the browser, not the driver: the click's time in the reveal frame, and the
  // first frame painted after the page's value lost its mask (both on the same clock:
  // performance.timeOrigin + now()).
  const frame = page.frames().find((f) => f.url().includes('/src/ui/reveal/'))!;
  await frame.evaluate(() => {
    // The frame is removed once the value is shown: its click time is handed to the page now.
    document.addEventListener(
      'click',
      () => parent.postMessage({ benchClickedAt: performance.timeOrigin + performance.now() }, '*'),
      { capture: true, once: true },
    );
  });
  await page.evaluate((sel) => {
    const el = document.querySelector(sel)!;
    const w = window as unknown as { shownAt: number; clickedAt: number };
    w.shownAt = 0;
    w.clickedAt = Number.NaN;
    window.addEventListener('message', (e) => {
      const t = (e.data as { benchClickedAt?: number } | null)?.benchClickedAt;
      if (typeof t === 'number') w.clickedAt = t;
    });
    const mo = new MutationObserver(() => {
      if (el.hasAttribute('data-sigilo-text')) return;
      mo.disconnect();
      requestAnimationFrame(() => {
        w.shownAt = performance.timeOrigin + performance.now();
      });
    });
    mo.observe(el, { attributes: true });
  }, CPF);
  await confirm.click();
  await page.waitForFunction(() => (window as unknown as { shownAt: number }).shownAt > 0, undefined, {
    polling: 'raf',
  });
  const { shownAt, clickedAt } = await page.evaluate(() => {
    const w = window as unknown as { shownAt: number; clickedAt: number };
    return { shownAt: w.shownAt, clickedAt: w.clickedAt };
  });
  const shown = shownAt - clickedAt;
  await page.getByRole('button', { name: 'Ocultar' }).click();
  await page.waitForFunction((sel) => document.querySelector(sel)!.hasAttribute('data-sigilo-text'), CPF, {
    polling: 'raf',
  });
  return { open, shown };
}

/**
 * Baseline, same clocks: a page button whose click handler shows a value itself
 * (the page alone, no extension in the path): click -> first frame painted after.
 */
async function baselineOnce(page: Page): Promise<number> {
  await page.evaluate(() => {
    let b = document.getElementById('bench-show');
    if (!b) {
      b = document.createElement('button');
      b.id = 'bench-show';
      b.textContent = 'show';
      b.style.cssText = 'position:fixed;right:10px;bottom:10px;z-index:99';
      document.body.append(b);
    }
    const w = window as unknown as { t0: number; t1: number };
    w.t0 = 0;
    w.t1 = 0;
    b.onclick = () => {
      w.t0 = performance.timeOrigin + performance.now();
      document.body.setAttribute('data-bench-shown', String(w.t0));
      requestAnimationFrame(() => {
        w.t1 = performance.timeOrigin + performance.now();
      });
    };
  });
  await page.locator('#bench-show').click();
  await page.waitForFunction(() => (window as unknown as { t1: number }).t1 > 0, undefined, {
    polling: 'raf',
  });
  return page.evaluate(() => {
    const w = window as unknown as { t0: number; t1: number };
    return w.t1 - w.t0;
  });
}

const bench: Bench = {
  name: 'reveal',
  async run(): Promise<BenchRow[]> {
    const demo = await startDemoServer({ port: 0 });
    const shown: number[] = [];
    const open: number[] = [];
    const base: number[] = [];
    try {
      for (let run = 0; run < RUNS; run++) {
        const b = await launchBench(true, { locale: 'pt-BR' });
        try {
          const page = await b.context.newPage();
          await page.goto(new URL('/record.html?live=0', demo.url).toString());
          await page.waitForSelector('html[data-demo-ready="true"]');
          await page.waitForSelector(`${CPF}[data-sigilo-text]`);
          for (let i = 0; i < REVEALS_PER_RUN; i++) {
            const r = await revealOnce(page);
            open.push(r.open);
            shown.push(r.shown);
            base.push(await baselineOnce(page));
          }
        } finally {
          await b.context.close();
          rmSync(b.dir, { recursive: true, force: true });
        }
      }
    } finally {
      await demo.close();
    }
    const n = shown.length;
    for (const list of [shown, open, base]) list.sort((a, b) => a - b);
    const row = (metric: string, values: number[], p: number, goal: string): BenchRow => ({
      section: 'reveal',
      metric,
      sigilo: `${percentile(values, p).toFixed(1)} ms`,
      baseline: `${percentile(base, p).toFixed(1)} ms (page's own click -> paint)`,
      ratio: ratio(percentile(values, p), percentile(base, p)),
      goal,
    });
    return [
      row(`"Revelar" -> value shown p50 (n=${n})`, shown, 50, ''),
      row(`"Revelar" -> value shown p99 (n=${n})`, shown, 99, '< 150 ms'),
      row(`click on value -> reason dialog ready p50 (n=${n})`, open, 50, ''),
      row(`click on value -> reason dialog ready p99 (n=${n})`, open, 99, ''),
    ];
  },
};

export default bench;
