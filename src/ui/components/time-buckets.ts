/**
 * Counts per time interval for the chart, from timestamps (the extension's
 * review page has the records themselves; the collector counts in SQL with the
 * same bucket keys: "YYYY-MM-DDTHH" for hours, "YYYY-MM-DD" for days, UTC).
 */
export type Bucket = 'hour' | 'day';

export interface CountPoint {
  bucket: string;
  count: number;
}

export function bucketKey(iso: string, bucket: Bucket): string {
  return new Date(iso).toISOString().slice(0, bucket === 'hour' ? 13 : 10);
}

export function countByBucket(timestamps: readonly string[], bucket: Bucket): CountPoint[] {
  const counts = new Map<string, number>();
  for (const t of timestamps) {
    if (Number.isNaN(Date.parse(t))) continue;
    const key = bucketKey(t, bucket);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, count]) => ({ bucket: key, count }));
}

/** Hours when the span is under three days, days otherwise: keeps the chart readable. */
export function pickBucket(timestamps: readonly string[]): Bucket {
  const times = timestamps.map((t) => Date.parse(t)).filter((t) => !Number.isNaN(t));
  if (times.length === 0) return 'hour';
  return Math.max(...times) - Math.min(...times) > 3 * 86_400_000 ? 'day' : 'hour';
}

/** A bucket key shown to people, in their locale ("28/11 09h" / "11/28 09:00"). */
export function bucketLabel(key: string, locale: 'pt' | 'en' | 'es'): string {
  const [date, hour] = key.split('T');
  const [, month, day] = (date ?? '').split('-');
  const dayPart = locale === 'en' ? `${month}/${day}` : `${day}/${month}`;
  if (hour === undefined) return dayPart;
  return locale === 'en' ? `${dayPart} ${hour}:00 UTC` : `${dayPart} ${hour}h UTC`;
}
