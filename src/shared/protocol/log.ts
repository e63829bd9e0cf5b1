import type { ChainHead } from '../../core/audit/chain';
import type { AuditEventType, AuditRecord, Outcome } from '../../core/audit/types';
import type { Route } from './define';

/** Filters for the review page; every field optional, all given ones must match. */
export interface LogQuery {
  /** ISO-8601 bounds on requestedAt, inclusive. */
  from?: string;
  to?: string;
  /** Substring of the page origin (e.g. "crm.example" or "https://crm.example.com"). */
  site?: string;
  kind?: string;
  reasonId?: string;
  outcome?: Outcome;
  type?: AuditEventType;
  /** Newest first. offset/limit page over the filtered list; limit default 100, max 1000. */
  offset?: number;
  limit?: number;
}

export interface LogQueryResult {
  records: AuditRecord[];
  /** Number of records matching the filters (all pages). */
  total: number;
}

export interface LogVerifyResult {
  ok: boolean;
  /** Records checked (those still stored; older ones were pruned after upload). */
  checked: number;
  head: ChainHead;
  /** Where the stored chain starts after pruning: the last pruned record's seq and hash. */
  anchor: ChainHead;
  firstBroken: { seq: number; id: string; reason: string } | null;
}

export type LogWarningCode =
  | 'storage-failed'
  | 'quota-near'
  | 'upload-url-refused'
  | 'upload-failing'
  | 'chain-broken'
  | 'anomaly';

export interface LogWarning {
  code: LogWarningCode;
  message: { pt: string; en: string };
  /** ISO-8601 time the condition was last seen. */
  at: string;
}

export interface UploadAttempt {
  at: string;
  ok: boolean;
  batchId: string | null;
  events: number;
  /** HTTP status or network error text (never contains event data). */
  error: string | null;
}

export interface LogStatus {
  total: number;
  /** Records not yet acknowledged by the collector. */
  pending: number;
  head: ChainHead;
  uploadConfigured: boolean;
  lastUpload: UploadAttempt | null;
  lastSuccessAt: string | null;
  /** When the next attempt is scheduled (ISO), null when nothing is scheduled. */
  nextAttemptAt: string | null;
  warnings: LogWarning[];
}

export interface LogProtocol {
  'log/query': Route<LogQuery, LogQueryResult, 'extension'>;
  'log/verify': Route<Record<string, never>, LogVerifyResult, 'extension'>;
  /** The filtered log as text, for the review page's download button. */
  'log/export': Route<
    { format: 'csv' | 'ndjson'; query?: Omit<LogQuery, 'offset' | 'limit'> },
    { filename: string; mime: string; content: string },
    'extension'
  >;
  'log/status': Route<Record<string, never>, LogStatus, 'extension'>;
  /** Upload pending records now (options/review page button); resolves after the attempt. */
  'upload/now': Route<
    Record<string, never>,
    { attempted: boolean; result: UploadAttempt | null },
    'extension'
  >;
}
