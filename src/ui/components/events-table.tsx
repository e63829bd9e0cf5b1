import type { AuditRecord } from '../../core/audit/types';
import { type Locale, translator } from '../i18n';
import { componentMessages } from './messages';

export interface EventRowData {
  record: AuditRecord;
  /** The collector's verdict on the record's own link (absent on the extension's page). */
  integrity?: 'ok' | 'hash-mismatch' | 'link-broken';
}

interface Props {
  locale: Locale;
  rows: EventRowData[];
  total: number;
  /** Show the agent column (collector: many agents; extension: one). */
  showAgent?: boolean;
  reasonLabel?: (reasonId: string) => string;
  caption?: string;
}

export function formatTime(iso: string | null, locale: Locale): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(locale === 'pt' ? 'pt-BR' : 'en-US', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/** The log as a table. Never shows a value: records hold none, only its kind and fingerprint. */
export function EventsTable({ locale, rows, total, showAgent = false, reasonLabel, caption }: Props) {
  const t = translator(componentMessages, locale);
  if (rows.length === 0) return <p class="sg-empty">{t('noEvents')}</p>;
  return (
    <div class="sg-table-wrap">
      <table class="sg-table">
        <caption>{caption ?? t('tableCaption', { shown: rows.length, total })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('time')}</th>
            {showAgent && <th scope="col">{t('agent')}</th>}
            <th scope="col">{t('event')}</th>
            <th scope="col">{t('page')}</th>
            <th scope="col">{t('kind')}</th>
            <th scope="col">{t('reason')}</th>
            <th scope="col">{t('outcome')}</th>
            <th scope="col">{t('flags')}</th>
            {rows.some((r) => r.integrity) && <th scope="col">{t('integrity')}</th>}
            <th scope="col">{t('seq')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ record: r, integrity }) => (
            <tr
              key={r.id}
              data-event-id={r.id}
              class={integrity && integrity !== 'ok' ? 'sg-row-bad' : undefined}
            >
              <td>
                <time dateTime={r.requestedAt}>{formatTime(r.requestedAt, locale)}</time>
              </td>
              {showAgent && <td>{r.agentId || '—'}</td>}
              <td>{t(`type_${r.type}`)}</td>
              <td class="sg-url">
                {r.origin}
                {r.path ?? ''}
              </td>
              <td>{r.kind}</td>
              <td>
                {r.reasonId ? (reasonLabel ? reasonLabel(r.reasonId) : r.reasonId) : '—'}
                {r.reasonText ? <span class="sg-reason-text">: {r.reasonText}</span> : null}
              </td>
              <td>
                {t(`outcome_${r.outcome}`)}
                {r.refusedReason ? ` (${r.refusedReason})` : ''}
              </td>
              <td>{r.flags.join(', ')}</td>
              {rows.some((x) => x.integrity) && <td>{integrity ?? ''}</td>}
              <td>{r.seq}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface PagerProps {
  locale: Locale;
  offset: number;
  limit: number;
  total: number;
  onPage: (offset: number) => void;
}

export function Pager({ locale, offset, limit, total, onPage }: PagerProps) {
  const t = translator(componentMessages, locale);
  return (
    <div class="sg-pager">
      <button type="button" disabled={offset === 0} onClick={() => onPage(Math.max(0, offset - limit))}>
        {t('previous')}
      </button>
      <span>
        {total === 0 ? 0 : offset + 1}–{Math.min(total, offset + limit)} / {total}
      </span>
      <button type="button" disabled={offset + limit >= total} onClick={() => onPage(offset + limit)}>
        {t('next')}
      </button>
    </div>
  );
}
