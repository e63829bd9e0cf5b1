/**
 * DOM grids scrolled, with vs without Sigilo: AG Grid and Tabulator (virtualised
 * rows, each cell a div) and a TanStack Virtual list (each row a flex line of
 * spans) from the compatibility matrix (demo/compat), on 10,000 customers. The
 * agent scrolls one step per frame; rows enter and leave the DOM at nearly every
 * frame, and each new cell is masked. The figure is the main thread's task time
 * over the scroll (CDP TaskDuration). Runs interleave A/B so machine noise hits
 * both alike. Part of the `content` section: `npm run bench -- content` runs it.
 */
import { type BenchBrowser, withAbPair } from './browser';
import { type Bench, type BenchRow, median, ratio } from './table';

const RUNS = 3;
const FRAMES = 150;
const STEP = 40;

/** Each grid's page and the element that scrolls its rows. */
const GRIDS = [
  { name: 'AG Grid 36', page: 'ag-grid', scroller: '.ag-body-vertical-scroll-viewport' },
  { name: 'Tabulator 6', page: 'tabulator', scroller: '.tabulator-tableholder' },
  { name: 'TanStack Virtual list', page: 'react-virtual', scroller: '#list' },
];

async function scrollRun(b: BenchBrowser, url: string, scroller: string): Promise<number> {
  const page = await b.context.newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url);
  await page.waitForSelector('html[data-demo-ready="true"]', { timeout: 60_000 });
  await page.waitForTimeout(1000);
  const taskMs = async () => {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as {
      metrics: Array<{ name: string; value: number }>;
    };
    return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? Number.NaN) * 1000;
  };
  const before = await taskMs();
  // A string, not a function: the bench runs through tsx, whose helpers a serialised function would miss.
  const moved = (await page.evaluate(`new Promise((done) => {
    const el = document.querySelector(${JSON.stringify(scroller)});
    const start = el.scrollTop;
    let i = 0;
    const next = () => {
      el.scrollTop += ${STEP};
      if (++i < ${FRAMES}) requestAnimationFrame(next);
      else done(el.scrollTop - start);
    };
    requestAnimationFrame(next);
  })`)) as number;
  await page.waitForTimeout(300);
  const ms = (await taskMs()) - before;
  await page.close();
  // A scroller that did not move would time nothing: fail loudly instead.
  if (moved < (FRAMES * STEP) / 2) throw new Error(`${url}: ${scroller} scrolled ${moved} px only`);
  return ms;
}

const bench: Bench = {
  name: 'content: DOM grids scrolled',
  async run(): Promise<BenchRow[]> {
    return withAbPair(async ({ demoUrl, withExt, without }) => {
      const rows: BenchRow[] = [];
      for (const grid of GRIDS) {
        const url = new URL(`/compat/${grid.page}.html`, demoUrl).toString();
        await scrollRun(withExt, url, grid.scroller);
        await scrollRun(without, url, grid.scroller);
        const s: number[] = [];
        const base: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          s.push(await scrollRun(withExt, url, grid.scroller));
          base.push(await scrollRun(without, url, grid.scroller));
        }
        rows.push({
          section: `content: ${grid.name} scrolled`,
          metric: `task time, ${FRAMES} frames of ${STEP} px (ms, median of ${RUNS})`,
          sigilo: median(s).toFixed(0),
          baseline: median(base).toFixed(0),
          ratio: ratio(median(s), median(base)),
          goal: '-',
        });
      }
      return rows;
    });
  },
};

export default bench;
