/**
 * One figure of `npm run bench`. Every figure is compared with a baseline run
 * side by side in the same process or browser (machines here are shared and
 * noisy, so absolute times alone mean little).
 */
export interface BenchRow {
  section: string;
  metric: string;
  sigilo: string;
  baseline: string;
  ratio: string;
  goal: string;
}

export interface Bench {
  name: string;
  run(): Promise<BenchRow[]>;
}

export function formatTable(rows: BenchRow[]): string {
  const header: BenchRow = {
    section: 'section',
    metric: 'metric',
    sigilo: 'sigilo',
    baseline: 'baseline',
    ratio: 'ratio',
    goal: 'goal',
  };
  const keys = Object.keys(header) as (keyof BenchRow)[];
  const widths = keys.map((k) => Math.max(...[header, ...rows].map((r) => r[k].length)));
  const line = (r: BenchRow) => `| ${keys.map((k, i) => r[k].padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

export function ratio(value: number, baseline: number, digits = 2): string {
  if (!Number.isFinite(value) || !Number.isFinite(baseline) || baseline === 0) return 'n/a';
  return `${(value / baseline).toFixed(digits)}x`;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

/** The median of unsorted samples (the lower middle one of an even count). */
export function median(xs: number[]): number {
  return percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );
}
