import type { AuditEventType, AuditRecord, Outcome } from './types';

/** Review-page filters (the protocol's LogQuery minus paging). All given fields must match. */
export interface LogFilter {
  from?: string;
  to?: string;
  site?: string;
  kind?: string;
  reasonId?: string;
  outcome?: Outcome;
  type?: AuditEventType;
}

export function matchesFilter(record: AuditRecord, filter: LogFilter): boolean {
  if (filter.from && record.requestedAt < normalizeIso(filter.from)) return false;
  if (filter.to && record.requestedAt > normalizeIso(filter.to)) return false;
  if (filter.site && !record.origin.toLowerCase().includes(filter.site.toLowerCase())) return false;
  if (filter.kind && record.kind !== filter.kind) return false;
  if (filter.reasonId && record.reasonId !== filter.reasonId) return false;
  if (filter.outcome && record.outcome !== filter.outcome) return false;
  if (filter.type && record.type !== filter.type) return false;
  return true;
}

/** Dates from <input type=date> ("2026-01-31") compare as the whole day; full ISO as given. */
function normalizeIso(value: string): string {
  const t = Date.parse(value);
  return Number.isFinite(t) ? new Date(t).toISOString() : value;
}
