import { useState } from 'preact/hooks';
import { DETECTOR_TYPES } from '../../core/detect/types';
import { type Locale, pickText, translator } from '../../shared/i18n';
import { reasonIdLabel } from '../../shared/i18n/labels';
import { send } from '../../shared/messaging';
import { EventsTable, Pager } from '../components/events-table';
import { downloadText, ExportButtons } from '../components/export-buttons';
import { FilterBar } from '../components/filter-bar';
import { EMPTY_FILTERS, type FilterValues, toQuery } from '../components/filter-values';
import { IntegrityBadge } from '../components/integrity-badge';
import { countByHour, pickBucket } from '../components/time-buckets';
import { TimeChart } from '../components/time-chart';
import { useLoad } from '../components/use-load';
import { reviewMessages } from './messages';
import { UploadPanel } from './upload-panel';

const PAGE = 50;
const CHART_RECORDS = 1000;

/** The extension's review page: this browser's reveal log (issue 7, item 1). */
export function ReviewApp({ locale }: { locale: Locale }) {
  const t = translator(reviewMessages, locale);
  const [filters, setFilters] = useState<FilterValues>(EMPTY_FILTERS);
  const [offset, setOffset] = useState(0);
  const [tick, setTick] = useState(0);
  const { agentId: _agent, ...query } = toQuery(filters);
  const key = `${JSON.stringify(query)}|${tick}`;

  const page = useLoad(() => send('log/query', { ...query, offset, limit: PAGE }), `${key}|${offset}`);
  const recent = useLoad(() => send('log/query', { ...query, offset: 0, limit: CHART_RECORDS }), key);
  const verify = useLoad(() => send('log/verify', {}), `verify|${tick}`);
  const policy = useLoad(() => send('policy/get', {}), 'policy');

  const reasons = new Map<string, string>();
  for (const r of policy.data?.policy.reasons ?? []) reasons.set(r.id, pickText(r.label, locale));
  for (const r of recent.data?.records ?? [])
    if (r.reasonId && !reasons.has(r.reasonId)) reasons.set(r.reasonId, reasonIdLabel(r.reasonId, locale));
  const kinds = [...new Set([...DETECTOR_TYPES, ...(recent.data?.records ?? []).map((r) => r.kind)])].sort();
  const times = (recent.data?.records ?? []).filter((r) => r.type === 'reveal').map((r) => r.requestedAt);
  const chartSeries = [{ name: t('chartHeading'), points: countByHour(times) }];
  const breakReason = (reason: string) => {
    const key = `break_${reason}`;
    return key in reviewMessages ? t(key as keyof typeof reviewMessages) : t('break_other');
  };

  const v = verify.data;
  return (
    <main>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>

      <section aria-labelledby="integrity-heading">
        <h2 id="integrity-heading">{t('integrityHeading')}</h2>
        <IntegrityBadge
          locale={locale}
          status={verify.loading ? 'checking' : v ? (v.ok ? 'ok' : 'broken') : 'unknown'}
          detail={
            v
              ? v.ok || !v.firstBroken
                ? t('integrityChecked', { n: v.checked })
                : t('integrityBrokenAt', {
                    seq: v.firstBroken.seq,
                    reason: breakReason(v.firstBroken.reason),
                  })
              : (verify.error ?? undefined)
          }
        />{' '}
        <button type="button" onClick={verify.reload}>
          {t('verifyAgain')}
        </button>
      </section>

      <UploadPanel locale={locale} onUploaded={() => setTick((n) => n + 1)} />

      <section aria-labelledby="log-heading">
        <h2 id="log-heading">{t('logHeading')}</h2>
        <FilterBar
          locale={locale}
          idPrefix="review-filter"
          value={filters}
          options={{ kinds, reasons: [...reasons].map(([id, label]) => ({ id, label })) }}
          onApply={(values) => {
            setOffset(0);
            setFilters(values);
          }}
        />
        <TimeChart
          locale={locale}
          id="reveals-chart"
          title={t('chartHeading')}
          bucket={pickBucket(chartSeries)}
          series={chartSeries}
        />
        {recent.data && recent.data.total > CHART_RECORDS && <p>{t('chartNote', { n: CHART_RECORDS })}</p>}
        <h3>{t('exportHeading')}</h3>
        <ExportButtons
          locale={locale}
          onExport={async (format) => {
            const file = await send('log/export', { format, query });
            downloadText(file.filename, file.mime, file.content);
          }}
        />
        {(page.error || policy.error) && (
          <p role="alert" class="sg-error">
            {t('error', { message: page.error ?? policy.error ?? '' })}
          </p>
        )}
        {page.loading && !page.data && <p aria-live="polite">{t('loading')}</p>}
        {page.data && (
          <>
            <EventsTable
              locale={locale}
              rows={page.data.records.map((record) => ({ record }))}
              total={page.data.total}
              reasonLabel={(id) => reasons.get(id) ?? id}
            />
            <Pager locale={locale} offset={offset} limit={PAGE} total={page.data.total} onPage={setOffset} />
          </>
        )}
      </section>
    </main>
  );
}
