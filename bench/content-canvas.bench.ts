/**
 * A canvas grid scrolled through 10,000 rows, with vs without Sigilo: Glide Data
 * Grid (demo/compat/glide.html) draws every cell with fillText, so with Sigilo
 * every drawn string goes through the page-world script's detector and mask
 * (src/page-world/main.ts). The page is scrolled one step per frame from the
 * first row to the last; the figures are the main thread's task time per frame
 * (CDP TaskDuration over the scroll / frames) and the frame interval (rAF to rAF).
 * Runs interleave A/B so machine noise hits both alike. Part of the `content`
 * section: `npm run bench -- content` runs it.
 */
import type { Page } from 'playwright-core';
import { type BenchBrowser, withAbPair } from './browser';
import { type Bench, type BenchRow, median, percentile, ratio } from './table';

const RUNS = 3;
/** 10,000 rows of 34 px in 250 steps: 40 rows (more than a screen) per frame. */
const STEPS = 250;

interface ScrollRun {
  /** Main-thread task time per frame, ms. */
  taskPerFrame: number;
  /** rAF-to-rAF intervals, ms, sorted. */
  intervals: number[];
  /** Strings the grid drew during the scroll (shows it really drew every step). */
  draws: number;
}

const DRAW_COUNTER_INIT = `
  window.__draws = 0;
  const proto = CanvasRenderingContext2D.prototype;
  const fill = proto.fillText;
  proto.fillText = function (...args) { window.__draws++; return fill.apply(this, args); };
`;

async function scrollRun(b: BenchBrowser, url: string): Promise<ScrollRun> {
  const page: Page = await b.context.newPage();
  await page.addInitScript(DRAW_COUNTER_INIT);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url);
  await page.waitForSelector('html[data-demo-ready="true"]', { timeout: 60_000 });
  await page.evaluate(() => new Promise((r) => setTimeout(r, 500)));
  const taskMs = async () => {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as {
      metrics: Array<{ name: string; value: number }>;
    };
    return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? Number.NaN) * 1000;
  };
  const before = await taskMs();
  const result = (await page.evaluate(async (steps) => {
    const scroller = document.querySelector('.dvn-scroller') as HTMLElement;
    const w = window as unknown as { __draws: number };
    const drawsBefore = w.__draws;
    const max = scroller.scrollHeight - scroller.clientHeight;
    const intervals: number[] = [];
    let last = await new Promise<number>(requestAnimationFrame);
    for (let i = 1; i <= steps; i++) {
      scroller.scrollTop = (max * i) / steps;
      const now = await new Promise<number>(requestAnimationFrame);
      intervals.push(now - last);
      last = now;
    }
    // The last step's drawing happens in the frame after it.
    await new Promise(requestAnimationFrame);
    return { intervals, draws: w.__draws - drawsBefore };
  }, STEPS)) as { intervals: number[]; draws: number };
  const after = await taskMs();
  await page.close();
  return {
    taskPerFrame: (after - before) / STEPS,
    intervals: result.intervals.sort((a, c) => a - c),
    draws: result.draws,
  };
}

const fmt = (n: number, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');

const bench: Bench = {
  name: 'content (canvas grid)',
  async run(): Promise<BenchRow[]> {
    return withAbPair(async ({ demoUrl, withExt, without }) => {
      const url = new URL('/compat/glide.html', demoUrl).toString();
      await scrollRun(withExt, url);
      await scrollRun(without, url);
      const s: ScrollRun[] = [];
      const base: ScrollRun[] = [];
      for (let i = 0; i < RUNS; i++) {
        s.push(await scrollRun(withExt, url));
        base.push(await scrollRun(without, url));
      }
      const section = 'canvas grid, 10,000 rows scrolled';
      const taskS = median(s.map((r) => r.taskPerFrame));
      const taskB = median(base.map((r) => r.taskPerFrame));
      const p95 = (runs: ScrollRun[]) => median(runs.map((r) => percentile(r.intervals, 95)));
      const mid = (runs: ScrollRun[]) => median(runs.map((r) => percentile(r.intervals, 50)));
      return [
        {
          section,
          metric: 'main-thread task time per frame (ms, median of runs)',
          sigilo: fmt(taskS),
          baseline: fmt(taskB),
          ratio: ratio(taskS, taskB),
          goal: '<= 1.3x',
        },
        {
          section,
          metric: 'frame interval p50 (ms)',
          sigilo: fmt(mid(s)),
          baseline: fmt(mid(base)),
          ratio: ratio(mid(s), mid(base)),
          goal: '<= 1.3x',
        },
        {
          section,
          metric: 'frame interval p95 (ms)',
          sigilo: fmt(p95(s)),
          baseline: fmt(p95(base)),
          ratio: ratio(p95(s), p95(base)),
          goal: '<= 1.3x',
        },
        {
          section,
          metric: 'strings drawn during the scroll',
          sigilo: String(median(s.map((r) => r.draws))),
          baseline: String(median(base.map((r) => r.draws))),
          ratio: ratio(median(s.map((r) => r.draws)), median(base.map((r) => r.draws))),
          goal: '1.00x (same drawing)',
        },
      ];
    });
  },
};

export default bench;
