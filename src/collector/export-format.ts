import { CSV_COLUMNS as AUDIT_CSV_COLUMNS, csvCell as auditCsvCell } from '../core/audit/log-export';
import type { StoredEvent } from './store/types';

/**
 * SIEM exports. NDJSON carries each record exactly as received (so a SIEM can
 * re-verify the hash chain) plus the collector's own verdict under
 * "_collector". CSV flattens the same for spreadsheets and is hardened against
 * formula injection: agents type reason texts, and a cell starting with = + - @
 * would run as a formula when an analyst opens the file.
 */
/** The audit log's columns (id first, as SIEMs key on it) plus the collector's verdict and arrival time. */
export const CSV_COLUMNS = [
  'id',
  'seq',
  ...AUDIT_CSV_COLUMNS.filter((c) => c !== 'id' && c !== 'seq'),
  'integrity',
  'receivedAt',
] as const;

/** The audit log's hardened cell, with flags joined by spaces as SIEM column values. */
export function csvCell(value: unknown): string {
  return auditCsvCell(value, ' ');
}

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`;
}

export function csvRow(event: StoredEvent): string {
  const source: Record<string, unknown> = {
    ...event.record,
    integrity: event.integrity,
    receivedAt: event.receivedAt,
  };
  return `${CSV_COLUMNS.map((c) => csvCell(source[c])).join(',')}\r\n`;
}

export function ndjsonRow(event: StoredEvent): string {
  return `${JSON.stringify({
    ...event.record,
    _collector: { integrity: event.integrity, receivedAt: event.receivedAt, batchId: event.batchId },
  })}\n`;
}
