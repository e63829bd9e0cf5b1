import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const p = await b.newPage();
await p.setContent('<table>' + Array.from({ length: 5000 }, (_, i) => `<tr><td>${String(i).padStart(3, '0')}.190.597-97</td><td>(11) 9${i}-1234</td><td>ana${i}@example.com</td></tr>`).join('') + '</table>');
console.log(await p.evaluate(() => {
  const ctx = new OffscreenCanvas(1, 1).getContext('2d')!;
  const tds = [...document.querySelectorAll('td')];
  const t0 = performance.now();
  const cs = getComputedStyle(tds[0]!); const font = cs.font; ctx.font = font;
  const chars = new Map<string, number>();
  let t1 = performance.now();
  let sum = 0;
  for (const td of tds) { const text = (td.textContent ?? '').replace(/\s+/g, ' ').trim(); for (const c of text) { let w = chars.get(c); if (w === undefined) { w = ctx.measureText(c).width; chars.set(c, w); } sum += w; } }
  const t2 = performance.now();
  for (const td of tds) { td.getAttribute('class'); td.localName; }
  const t3 = performance.now();
  for (const td of tds) getComputedStyle(td).font;
  const t4 = performance.now();
  return { first: t1 - t0, loop: t2 - t1, attrs: t3 - t2, gcsEach: t4 - t3, sum };
}));
await b.close();
