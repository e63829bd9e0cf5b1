import { EventsTable } from '../../../ui/components/events-table';
import { toSearchParams } from '../../../ui/components/filter-values';
import { bucketLabel } from '../../../ui/components/time-buckets';
import { useLoad } from '../../../ui/components/use-load';
import { translator } from '../../../ui/i18n';
import { call } from '../api';
import { uiMessages } from '../messages';
import { CollectorFilters, type FilteredViewProps, LoadState } from './shared';

export function AnomaliesView(props: FilteredViewProps) {
  const { locale, filters } = props;
  const t = translator(uiMessages, locale);
  const params = toSearchParams(filters);
  params.set('limit', '500');
  const query = params.toString();
  const anomalies = useLoad(() => call('GET /api/v1/anomalies', { query }), query);
  return (
    <section aria-labelledby="anomalies-heading">
      <h2 id="anomalies-heading">{t('tabAnomalies')}</h2>
      <p>{t('anomaliesIntro')}</p>
      <CollectorFilters {...props} idPrefix="anomalies-filter" />
      <LoadState locale={locale} loading={anomalies.loading} error={anomalies.error} />
      {anomalies.data && (
        <>
          <h3>{t('spikesHeading')}</h3>
          <p>{t('spikesIntro')}</p>
          {anomalies.data.spikes.length === 0 ? (
            <p class="sg-empty">{t('spikesNone')}</p>
          ) : (
            <table class="sg-table" aria-label={t('spikesHeading')}>
              <thead>
                <tr>
                  <th scope="col">{t('agent')}</th>
                  <th scope="col">{t('hourUtc')}</th>
                  <th scope="col">{t('reveals')}</th>
                  <th scope="col">{t('teamMedian')}</th>
                </tr>
              </thead>
              <tbody>
                {anomalies.data.spikes.map((s) => (
                  <tr key={`${s.agentId}|${s.bucket}`}>
                    <th scope="row">{s.agentId || '—'}</th>
                    <td>{bucketLabel(s.bucket, locale)}</td>
                    <td>{s.count}</td>
                    <td>{s.median}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3>{t('flaggedHeading')}</h3>
        </>
      )}
      {anomalies.data && (
        <EventsTable
          locale={locale}
          rows={anomalies.data.events}
          total={anomalies.data.events.length}
          showAgent
        />
      )}
    </section>
  );
}
