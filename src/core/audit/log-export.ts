import type { AuditRecord } from './types';

/** Column order of the CSV export: every record field, hash chain last. */
export const CSV_COLUMNS = [
  'seq',
  'id',
  'type',
  'requestedAt',
  'revealedAt',
  'remaskedAt',
  'agentId',
  'agentSource',
  'installId',
  'extensionVersion',
  'policyVersion',
  'origin',
  'path',
  'kind',
  'fingerprint',
  'fingerprintKeyId',
  'reasonId',
  'reasonText',
  'outcome',
  'refusedReason',
  'flags',
  'refId',
  'prevHash',
  'hash',
] as const satisfies readonly (keyof AuditRecord)[];

/**
 * RFC 4180 quoting, plus a leading apostrophe for cells a spreadsheet would run
 * as a formula (=, +, -, @): reason text is typed by agents ("CSV injection").
 * Shared with the collector's SIEM export.
 */
export function csvCell(value: unknown, listSeparator = ';'): string {
  let text =
    value === null || value === undefined
      ? ''
      : Array.isArray(value)
        ? value.join(listSeparator)
        : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(records: readonly AuditRecord[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of records) lines.push(CSV_COLUMNS.map((c) => csvCell(r[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function toNdjson(records: readonly AuditRecord[]): string {
  return records.map((r) => `${JSON.stringify(r)}\n`).join('');
}
