/**
 * Policy model, pure core in Node:
 * - resolve: validate + merge a large managed policy (500 site patterns, 200
 *   field rules) with a local layer — runs once per policy change. Baseline: a
 *   bare structuredClone of the same JSON (the cost of merely copying it).
 * - isActiveFor: decide whether a URL is covered by 500 site patterns and 100
 *   exclusions — runs once per page/frame boot and per open tab on a change.
 *   Baseline: the cheapest conceivable check, `url.startsWith(prefix)` over
 *   the same number of literal prefixes.
 */
import { isActiveFor } from '../src/core/policy/active';
import { resolvePolicy } from '../src/core/policy/merge';
import { type Bench, type BenchRow, ratio } from './table';

function bigPolicy() {
  const sites = Array.from({ length: 500 }, (_, i) => `https://app${i}.crm.example.com/*`);
  return {
    sites,
    excludeSites: Array.from({ length: 100 }, (_, i) => `https://app${i}.crm.example.com/help/*`),
    fieldRules: Array.from({ length: 200 }, (_, i) => ({
      id: `r${i}`,
      selector: `[data-field="f${i}"] > .value`,
      kind: 'PROTOCOLO',
      sites: [sites[i % sites.length]],
    })),
    revealSeconds: 60,
    limits: { perHour: 50, perFiveMinutes: 10, onExceed: 'refuse' },
  };
}

function time(n: number, fn: (i: number) => unknown): number {
  for (let i = 0; i < Math.min(50, n); i++) fn(i); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  return (performance.now() - t0) / n;
}

const us = (v: number) => `${(v * 1000).toFixed(1)} µs`;

const bench: Bench = {
  name: 'policy',
  async run(): Promise<BenchRow[]> {
    const managed = bigPolicy();
    const local = { revealSeconds: 20, maskStyle: 'full' };
    const resolve = time(300, () => resolvePolicy(managed, local));
    const clone = time(300, () => structuredClone(managed));

    const { policy } = resolvePolicy(managed, local);
    const urls = Array.from({ length: 2000 }, (_, i) =>
      i % 2 ? `https://app${i % 600}.crm.example.com/clientes/${i}?q=1` : `https://other${i}.example.org/`,
    );
    const active = time(urls.length, (i) => isActiveFor(urls[i] as string, policy));
    const prefixes = [...managed.sites, ...managed.excludeSites].map((p) => p.replace(/\*$/, ''));
    const naive = time(urls.length, (i) => prefixes.some((p) => (urls[i] as string).startsWith(p)));
    return [
      {
        section: 'policy',
        metric: 'resolve 500 sites + 200 rules (per change)',
        sigilo: us(resolve),
        baseline: `${us(clone)} (structuredClone)`,
        ratio: ratio(resolve, clone),
        goal: '< 10 ms',
      },
      {
        section: 'policy',
        metric: 'isActiveFor, 600 patterns (per page boot)',
        sigilo: us(active),
        baseline: `${us(naive)} (startsWith x600)`,
        ratio: ratio(active, naive),
        goal: '< 1 ms',
      },
    ];
  },
};

export default bench;
