import type { VolumeRow } from '../store/types';

/**
 * "Spot the unusual" across agents: an agent-hour whose reveal count stands
 * far above what the team usually does in an hour. The extension already flags
 * an agent above the policy's fixed limits; this catches the relative outlier a
 * fixed limit misses (an agent at 25/h when colleagues do 3/h, under a 30/h limit).
 *
 * Rule: count >= max(MIN_COUNT, FACTOR x the median agent-hour count). The median,
 * not the mean, so the spikes being looked for do not raise the bar themselves.
 */
export const SPIKE_FACTOR = 3;
export const SPIKE_MIN_COUNT = 10;

export interface VolumeSpike extends VolumeRow {
  median: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function volumeSpikes(rows: readonly VolumeRow[]): VolumeSpike[] {
  const m = median(rows.map((r) => r.count));
  const threshold = Math.max(SPIKE_MIN_COUNT, SPIKE_FACTOR * m);
  return rows
    .filter((r) => r.count >= threshold)
    .map((r) => ({ ...r, median: m }))
    .sort((a, b) => b.count - a.count || (a.bucket < b.bucket ? -1 : 1));
}
