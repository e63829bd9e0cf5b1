import type { Outcome } from '../../core/audit/types';

/**
 * What the filter bar edits. Times are the browser's local "YYYY-MM-DDTHH:mm"
 * (what <input type="datetime-local"> holds); `toQuery` turns them into ISO
 * UTC for the log and the collector API.
 */
export interface FilterValues {
  from: string;
  to: string;
  site: string;
  kind: string;
  reason: string;
  outcome: '' | Outcome;
  agent: string;
}

export const EMPTY_FILTERS: FilterValues = {
  from: '',
  to: '',
  site: '',
  kind: '',
  reason: '',
  outcome: '',
  agent: '',
};

export interface FilterQuery {
  from?: string;
  to?: string;
  site?: string;
  kind?: string;
  reasonId?: string;
  outcome?: Outcome;
  agentId?: string;
}

function localToIso(value: string, endOfMinute: boolean): string | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  return new Date(ms + (endOfMinute ? 59_999 : 0)).toISOString();
}

export function toQuery(values: FilterValues): FilterQuery {
  const query: FilterQuery = {};
  const from = localToIso(values.from, false);
  const to = localToIso(values.to, true);
  if (from) query.from = from;
  if (to) query.to = to;
  if (values.site.trim()) query.site = values.site.trim();
  if (values.kind) query.kind = values.kind;
  if (values.reason) query.reasonId = values.reason;
  if (values.outcome) query.outcome = values.outcome;
  if (values.agent) query.agentId = values.agent;
  return query;
}

/** The collector API's query-string names for the same filters. */
export function toSearchParams(values: FilterValues): URLSearchParams {
  const q = toQuery(values);
  const params = new URLSearchParams();
  if (q.from) params.set('from', q.from);
  if (q.to) params.set('to', q.to);
  if (q.site) params.set('site', q.site);
  if (q.kind) params.set('kind', q.kind);
  if (q.reasonId) params.set('reason', q.reasonId);
  if (q.outcome) params.set('outcome', q.outcome);
  if (q.agentId) params.set('agent', q.agentId);
  return params;
}
