import type { AuditEventType, Outcome } from '../../core/audit/types';
import type { EventFilter, PageRequest, SeriesGroup, VolumeBucket } from '../store/types';
import { HttpError } from './respond';

/** Query-string filters of the review API: ?from&to&agent&install&site&kind&reason&outcome&type. */
const OUTCOMES: readonly Outcome[] = ['revealed', 'cancelled', 'refused'];
const TYPES: readonly AuditEventType[] = ['reveal', 'remask', 'anomaly'];

function bad(name: string, reason: string): never {
  throw new HttpError(400, 'bad-filter', `${name}: ${reason}`);
}

export function parseFilter(params: URLSearchParams): EventFilter {
  const filter: EventFilter = {};
  const text = (name: string) => {
    const value = params.get(name)?.trim();
    if (value && value.length > 512) bad(name, 'too long');
    return value || undefined;
  };
  for (const name of ['from', 'to'] as const) {
    const value = text(name);
    if (value === undefined) continue;
    const ms = Date.parse(value);
    // Dates (YYYY-MM-DD) or UTC/offset times with a four-digit year: "+275760-…" is not a filter.
    if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(value) || Number.isNaN(ms)) {
      bad(name, 'must be an ISO-8601 date or time (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)');
    }
    filter[name] = value;
  }
  const agentId = text('agent');
  if (agentId) filter.agentId = agentId;
  const installId = text('install');
  if (installId) filter.installId = installId;
  const site = text('site');
  if (site) filter.site = site;
  const kind = text('kind');
  if (kind) filter.kind = kind;
  const reasonId = text('reason');
  if (reasonId) filter.reasonId = reasonId;
  const outcome = text('outcome');
  if (outcome) {
    if (!OUTCOMES.includes(outcome as Outcome)) bad('outcome', `must be one of ${OUTCOMES.join(', ')}`);
    filter.outcome = outcome as Outcome;
  }
  const type = text('type');
  if (type) {
    if (!TYPES.includes(type as AuditEventType)) bad('type', `must be one of ${TYPES.join(', ')}`);
    filter.type = type as AuditEventType;
  }
  return filter;
}

export function parsePage(params: URLSearchParams, maxLimit = 1000): PageRequest {
  const number = (name: string, fallback: number, max: number) => {
    const raw = params.get(name);
    if (raw === null || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0 || value > max)
      bad(name, `must be an integer from 0 to ${max}`);
    return value;
  };
  return { offset: number('offset', 0, Number.MAX_SAFE_INTEGER), limit: number('limit', 100, maxLimit) };
}

export function parseBucket(params: URLSearchParams): VolumeBucket {
  const value = params.get('bucket') ?? 'hour';
  if (value !== 'hour' && value !== 'day') bad('bucket', 'must be hour or day');
  return value;
}

export function parseGroup(params: URLSearchParams): SeriesGroup {
  const value = params.get('group') ?? 'agent';
  if (value !== 'agent' && value !== 'kind' && value !== 'reason')
    bad('group', 'must be agent, kind or reason');
  return value;
}
