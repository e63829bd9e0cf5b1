/**
 * Counts per hour for the charts. The log and the collector count in UTC
 * hours ("YYYY-MM-DDTHH"); the chart lays them on a continuous axis in the
 * viewer's own zone: every hour (or day) between the first and the last one
 * is a point, the empty ones zero, so the axis never jumps from one busy hour
 * to the next.
 */
export type Bucket = 'hour' | 'day';

export interface CountPoint {
  /** "YYYY-MM-DDTHH", UTC. */
  bucket: string;
  count: number;
}

export interface ChartSeries {
  name: string;
  points: CountPoint[];
}

export const HOUR_MS = 3_600_000;

export function hourKey(iso: string): string {
  return new Date(iso).toISOString().slice(0, 13);
}

export function countByHour(timestamps: readonly string[]): CountPoint[] {
  const counts = new Map<string, number>();
  for (const t of timestamps) {
    if (Number.isNaN(Date.parse(t))) continue;
    const key = hourKey(t);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, count]) => ({ bucket: key, count }));
}

/** Hours when the span is under three days, days otherwise: keeps the chart readable. */
export function pickBucket(series: readonly ChartSeries[]): Bucket {
  const times = series.flatMap((s) => s.points.map((p) => hourStart(p.bucket)));
  if (times.length === 0) return 'hour';
  return Math.max(...times) - Math.min(...times) > 3 * 86_400_000 ? 'day' : 'hour';
}

export function hourStart(key: string): number {
  return Date.parse(`${key}:00:00.000Z`);
}

/** Midnight of the instant's day in the viewer's zone (the runtime's local zone). */
export function localDayStart(ms: number): number {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

function nextLocalDay(ms: number): number {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime();
}

export interface ContinuousData {
  /** The interval used: hours that would not fit in MAX_POINTS become days. */
  bucket: Bucket;
  /** Start of each interval, epoch ms, ascending, without gaps. */
  times: number[];
  /** One array per series, aligned with `times`; 0 where nothing happened. */
  values: number[][];
}

/** At most this many intervals: a year of days, or about two months of hours. */
export const MAX_POINTS = 1500;

export function continuous(series: readonly ChartSeries[], bucket: Bucket): ContinuousData {
  const start = (key: string) => (bucket === 'hour' ? hourStart(key) : localDayStart(hourStart(key)));
  const all = series.flatMap((s) => s.points.map((p) => start(p.bucket))).filter((t) => !Number.isNaN(t));
  if (all.length === 0) return { bucket, times: [], values: series.map(() => []) };
  const first = Math.min(...all);
  const last = Math.max(...all);
  if (bucket === 'hour' && (last - first) / HOUR_MS >= MAX_POINTS) return continuous(series, 'day');
  const times: number[] = [];
  for (
    let t = first;
    t <= last && times.length < MAX_POINTS;
    t = bucket === 'hour' ? t + HOUR_MS : nextLocalDay(t)
  )
    times.push(t);
  const index = new Map(times.map((t, i) => [t, i]));
  const values = series.map((s) => {
    const row = times.map(() => 0);
    for (const p of s.points) {
      const i = index.get(start(p.bucket));
      if (i !== undefined) row[i] = (row[i] ?? 0) + p.count;
    }
    return row;
  });
  return { bucket, times, values };
}
