import type { AuditRecord } from '../../core/audit/types';
import { formatDateTime, type Locale, timeZoneName, translator } from '../../shared/i18n';
import {
  eventTypeLabel,
  flagLabel,
  kindLabel,
  outcomeLabel,
  reasonIdLabel,
  recordIntegrityLabel,
} from '../../shared/i18n/labels';
import { componentMessages } from './messages';
import { ScrollRegion } from './scroll-region';

export interface EventRowData {
  record: AuditRecord;
  /** The collector's verdict on the record's own link (absent on the extension's page). */
  integrity?: 'ok' | 'hash-mismatch' | 'link-broken';
  /**
   * The re-mask record that ended this reveal (joined by refId): the row shows
   * how long the value was shown. Undefined when the table does not join them.
   */
  remask?: AuditRecord | null;
}

interface Props {
  locale: Locale;
  rows: EventRowData[];
  total: number;
  /** Show the agent column (collector: many agents; extension: one). */
  showAgent?: boolean;
  /** Rows are reveals with their re-mask joined: show the "shown for" column. */
  reveals?: boolean;
  /** The agent's name becomes a button that opens their events. */
  onAgent?: (agentId: string) => void;
  reasonLabel?: (reasonId: string) => string;
  caption?: string;
}

/** Date and time in the viewer's zone (named once, in the column header). */
export function formatTime(iso: string | null, locale: Locale): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return formatDateTime(date, locale);
}

/**
 * One row per reveal in a list of records: each re-mask record whose reveal is
 * in the list joins that reveal's row (refId); the others stay rows of their own.
 */
export function foldRemasks<R extends EventRowData>(rows: readonly R[]): R[] {
  const reveals = new Set(rows.filter((r) => r.record.type === 'reveal').map((r) => r.record.id));
  const remaskOf = new Map<string, AuditRecord>();
  for (const r of rows)
    if (
      r.record.type === 'remask' &&
      r.record.refId &&
      reveals.has(r.record.refId) &&
      !remaskOf.has(r.record.refId)
    )
      remaskOf.set(r.record.refId, r.record);
  return rows
    .filter(
      (r) => !(r.record.type === 'remask' && r.record.refId && remaskOf.get(r.record.refId) === r.record),
    )
    .map((r) => (r.record.type === 'reveal' ? { ...r, remask: remaskOf.get(r.record.id) ?? null } : r));
}

/** "42 s" / "2 min 5 s". */
export function formatDuration(ms: number, locale: Locale): string {
  const t = translator(componentMessages, locale);
  const total = Math.max(0, Math.round(ms / 1000));
  return total < 60 ? t('seconds', { n: total }) : t('minutes', { m: Math.floor(total / 60), s: total % 60 });
}

/** "shown for 42 s, hidden by the agent" for a reveal and its re-mask record. */
export function shownFor(
  reveal: AuditRecord,
  remask: AuditRecord | null | undefined,
  locale: Locale,
): string {
  const t = translator(componentMessages, locale);
  if (reveal.outcome !== 'revealed') return '—';
  if (!remask) return t('stillShown');
  const start = Date.parse(reveal.revealedAt ?? reveal.requestedAt);
  const end = Date.parse(remask.remaskedAt ?? remask.requestedAt);
  const flag = remask.flags.find((f) => f.startsWith('remask:')) ?? 'remask:hide';
  const cause = flag.slice('remask:'.length);
  return t('shownFor', {
    duration: formatDuration(end - start, locale),
    cause:
      cause === 'timer' ? t('cause_timer') : cause === 'navigation' ? t('cause_navigation') : t('cause_hide'),
  });
}

/** The log as a table. Never shows a value: records hold none, only its kind and fingerprint. */
export function EventsTable({
  locale,
  rows,
  total,
  showAgent = false,
  reveals = false,
  onAgent,
  reasonLabel,
  caption,
}: Props) {
  const t = translator(componentMessages, locale);
  if (rows.length === 0) return <p class="sg-empty">{t('noEvents')}</p>;
  const name = caption ?? t(reveals ? 'revealCaption' : 'tableCaption', { shown: rows.length, total });
  const withIntegrity = rows.some((r) => r.integrity);
  const withShown = reveals || rows.some((r) => r.remask !== undefined);
  const zone = timeZoneName(locale);
  return (
    <ScrollRegion label={name}>
      <table class="sg-table sg-events">
        {/* A caption given by the page repeats the heading above the table: screen readers only. */}
        <caption class={caption ? 'sg-visually-hidden' : undefined}>{name}</caption>
        <thead>
          <tr>
            <th scope="col">{t('time', { zone })}</th>
            {showAgent && <th scope="col">{t('agent')}</th>}
            {!reveals && <th scope="col">{t('event')}</th>}
            <th scope="col">{t('page')}</th>
            <th scope="col">{t('kind')}</th>
            <th scope="col">{t('reason')}</th>
            <th scope="col">{t('outcome')}</th>
            {withShown && <th scope="col">{t('shown')}</th>}
            <th scope="col">{t('flags')}</th>
            {withIntegrity && <th scope="col">{t('integrity')}</th>}
            <th scope="col">{t('seq')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ record: r, integrity, remask }) => (
            <tr
              key={r.id}
              data-event-id={r.id}
              class={integrity && integrity !== 'ok' ? 'sg-row-bad' : undefined}
            >
              <td>
                <time dateTime={r.requestedAt}>{formatTime(r.requestedAt, locale)}</time>
              </td>
              {showAgent && (
                <td>
                  {onAgent && r.agentId ? (
                    <button
                      type="button"
                      class="sg-link"
                      aria-label={t('showAgent', { agent: r.agentId })}
                      onClick={() => onAgent(r.agentId)}
                    >
                      {r.agentId}
                    </button>
                  ) : (
                    r.agentId || t('noAgent')
                  )}
                </td>
              )}
              {!reveals && <td>{eventTypeLabel(r.type, locale)}</td>}
              <td class="sg-url">
                {r.origin}
                {r.path ?? ''}
              </td>
              <td>{kindLabel(r.kind, locale)}</td>
              <td>
                {r.reasonId
                  ? reasonLabel
                    ? reasonLabel(r.reasonId)
                    : reasonIdLabel(r.reasonId, locale)
                  : '—'}
                {r.reasonText ? <span class="sg-reason-text">: {r.reasonText}</span> : null}
              </td>
              <td>
                {outcomeLabel(r.outcome, locale)}
                {r.refusedReason ? ` (${flagLabel(r.refusedReason, locale)})` : ''}
              </td>
              {withShown && <td>{r.type === 'reveal' ? shownFor(r, remask, locale) : '—'}</td>}
              <td>{r.flags.map((f) => flagLabel(f, locale)).join(', ') || '—'}</td>
              {withIntegrity && <td>{integrity ? recordIntegrityLabel(integrity, locale) : ''}</td>}
              <td>{r.seq}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
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
        {t('pageOf', {
          first: total === 0 ? 0 : offset + 1,
          last: Math.min(total, offset + limit),
          total,
        })}
      </span>
      <button type="button" disabled={offset + limit >= total} onClick={() => onPage(offset + limit)}>
        {t('next')}
      </button>
    </div>
  );
}
