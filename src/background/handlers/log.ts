import { EMPTY_HEAD, verifyChain } from '../../core/audit/chain';
import { toCsv, toNdjson } from '../../core/audit/log-export';
import { type LogFilter, matchesFilter } from '../../core/audit/log-query';
import type { AuditRecord } from '../../core/audit/types';
import type { Handlers } from '../../shared/messaging';
import type {
  LogProtocol,
  LogQuery,
  LogStatus,
  LogVerifyResult,
  LogWarning,
} from '../../shared/protocol/log';
import { getMeta, openSigiloDB } from '../db';
import { readHead } from '../log-store';
import { clearWarning, listWarnings, raiseWarning } from '../log-warnings';
import { getEffectivePolicy } from '../policy-store';
import { readUploadState } from '../upload';
import { uploadNow } from '../upload-schedule';

/** Review and options pages only ("extension"): content scripts never read the log. */

const MAX_LIMIT = 1000;

async function filtered(filter: LogFilter): Promise<AuditRecord[]> {
  const db = await openSigiloDB();
  const out: AuditRecord[] = [];
  // Newest first: walk the chain backwards.
  let cursor = await db.transaction('records').store.openCursor(null, 'prev');
  while (cursor) {
    if (matchesFilter(cursor.value, filter)) out.push(cursor.value);
    cursor = await cursor.continue();
  }
  return out;
}

function filterOf(query: LogQuery | undefined): LogFilter {
  const { offset: _o, limit: _l, ...filter } = query ?? {};
  return filter;
}

export async function verifyStoredChain(): Promise<LogVerifyResult> {
  const db = await openSigiloDB();
  const [records, anchor, head] = await Promise.all([
    db.getAll('records'),
    getMeta(db, 'anchor'),
    readHead(db),
  ]);
  const start = anchor ?? EMPTY_HEAD;
  const result = await verifyChain(records, {
    expectedStartSeq: start.seq + 1,
    expectedPrevHash: start.hash,
    expectedHead: head,
  });
  if (result.ok) void clearWarning('chain-broken');
  else void raiseWarning('chain-broken', `seq ${result.firstBroken.seq}`);
  return {
    ok: result.ok,
    checked: result.checked,
    head,
    anchor: start,
    firstBroken: result.ok ? null : result.firstBroken,
  };
}

const ANOMALY_WARNING_MS = 60 * 60_000;

export async function logStatus(): Promise<LogStatus> {
  const db = await openSigiloDB();
  const [total, head, through, upload, warnings, effective] = await Promise.all([
    db.count('records'),
    readHead(db),
    getMeta(db, 'uploadedThrough'),
    readUploadState(),
    listWarnings(),
    getEffectivePolicy(),
  ]);
  const pending = await db.count('records', IDBKeyRange.lowerBound(through ?? 0, true));
  const fresh = (w: LogWarning) => w.code !== 'anomaly' || Date.now() - Date.parse(w.at) < ANOMALY_WARNING_MS;
  return {
    total,
    pending,
    head,
    uploadConfigured: effective.policy.upload.url !== '',
    lastUpload: upload.lastAttempt,
    lastSuccessAt: upload.lastSuccessAt,
    nextAttemptAt: upload.nextAttemptAt,
    warnings: warnings.filter(fresh),
  };
}

export const logHandlers = {
  'log/query': {
    from: 'extension',
    handle: async (query) => {
      const all = await filtered(filterOf(query));
      const offset = Math.max(0, Math.floor(query.offset ?? 0));
      const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(query.limit ?? 100)));
      return { records: all.slice(offset, offset + limit), total: all.length };
    },
  },
  'log/verify': { from: 'extension', handle: () => verifyStoredChain() },
  'log/export': {
    from: 'extension',
    handle: async ({ format, query }) => {
      // Exports read oldest first, like the chain.
      const records = (await filtered(filterOf(query))).reverse();
      const stamp = new Date().toISOString().replaceAll(':', '-').slice(0, 19);
      return format === 'csv'
        ? { filename: `sigilo-log-${stamp}.csv`, mime: 'text/csv', content: toCsv(records) }
        : {
            filename: `sigilo-log-${stamp}.ndjson`,
            mime: 'application/x-ndjson',
            content: toNdjson(records),
          };
    },
  },
  'log/status': { from: 'extension', handle: () => logStatus() },
  'upload/now': {
    from: 'extension',
    handle: async () => {
      const result = await uploadNow();
      return { attempted: result !== null, result };
    },
  },
} satisfies Handlers<LogProtocol>;
