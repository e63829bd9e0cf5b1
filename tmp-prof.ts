import { launchBench } from './bench/browser';
import { startDemoServer } from './demo/server';
const demo = await startDemoServer({ port: 0 });
for (const ext of [true, false]) {
  const b = await launchBench(ext);
  const page = await b.context.newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(new URL('/chat.html?initial=1500&count=60&interval=60&batch=1', demo.url).toString());
  const reach = (n: number) => page.waitForFunction((w) => Number(document.querySelector('[data-testid="chat-log"]')?.getAttribute('data-count')) >= w && !document.querySelector('[data-sigilo-pending]'), n, { timeout: 120000, polling: 'raf' });
  const m = async () => Object.fromEntries(((await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }).metrics.map((x) => [x.name, x.value]));
  await reach(1510);
  const a = await m();
  const c0 = await page.evaluate(() => Number(document.querySelector('[data-testid="chat-log"]')!.getAttribute('data-count')));
  let prof = null;
  if (ext) { await cdp.send('Profiler.enable'); await cdp.send('Profiler.start'); }
  await reach(c0 + 40);
  const z = await m();
  if (ext) prof = (await cdp.send('Profiler.stop')) as { profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }[]; samples: number[]; timeDeltas: number[] } };
  const c1 = await page.evaluate(() => Number(document.querySelector('[data-testid="chat-log"]')!.getAttribute('data-count')));
  const n = c1 - c0;
  const hl = await page.evaluate(() => (CSS.highlights.get('sigilo-mask') as unknown as Set<unknown> | undefined)?.size ?? -1);
  const far = await page.evaluate(() => document.querySelectorAll('[data-sigilo-far]').length);
  console.log(ext ? 'SIGILO' : 'BASE', 'msgs', n, 'hl', hl, 'far', far, Object.fromEntries(['TaskDuration', 'ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration'].map((k) => [k, (((z[k] ?? 0) - (a[k] ?? 0)) * 1000 / n).toFixed(2)])));
  if (prof) {
    const self = new Map<number, number>();
    const dt = prof.profile.timeDeltas;
    prof.profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (dt[i] ?? 0)));
    const byName = new Map<string, number>();
    for (const node of prof.profile.nodes) {
      const k = `${node.callFrame.functionName || '(anon)'} ${node.callFrame.url.split('/').pop()}:${node.callFrame.lineNumber}`;
      byName.set(k, (byName.get(k) ?? 0) + (self.get(node.id) ?? 0));
    }
    console.log([...byName].sort((x, y) => y[1] - x[1]).slice(0, 15).map(([k, v]) => `${(v / 1000).toFixed(1)}ms ${k}`).join('\n'));
  }
  await b.context.close();
}
await demo.close();
