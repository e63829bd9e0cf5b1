import { formatNumber, htmlLang, timeZoneName, translator } from '../../../shared/i18n';
import { EventsTable } from '../../../ui/components/events-table';
import { toSearchParams } from '../../../ui/components/filter-values';
import { ScrollRegion } from '../../../ui/components/scroll-region';
import { hourStart } from '../../../ui/components/time-buckets';
import { useLoad } from '../../../ui/components/use-load';
import { call } from '../api';
import { uiMessages } from '../messages';
import { CollectorFilters, type FilteredViewProps, LoadState, MainHeading } from './shared';

export function AnomaliesView(props: FilteredViewProps) {
  const { locale, filters, onAgent } = props;
  const t = translator(uiMessages, locale);
  const params = toSearchParams(filters);
  params.set('limit', '500');
  const query = params.toString();
  const anomalies = useLoad(() => call('GET /api/v1/anomalies', { query }), query);
  const zone = timeZoneName(locale);
  // The spike's hour (a UTC hour key) shown in the viewer's zone, like every other time here.
  const hour = new Intl.DateTimeFormat(htmlLang(locale), {
    dateStyle: 'short',
    timeStyle: 'short',
  });
  return (
    <>
      <MainHeading>{t('tabAnomalies')}</MainHeading>
      <p>{t('anomaliesIntro')}</p>
      <CollectorFilters {...props} idPrefix="anomalies-filter" />
      <LoadState locale={locale} loading={anomalies.loading} error={anomalies.error} />
      {anomalies.data && (
        <>
          <section>
            <h2 id="flagged-heading">{t('flaggedHeading')}</h2>
            <EventsTable
              locale={locale}
              rows={anomalies.data.events}
              total={anomalies.data.events.length}
              showAgent
              onAgent={onAgent}
            />
          </section>
          <section>
            <h2 id="spikes-heading">{t('spikesHeading')}</h2>
            <p>{t('spikesIntro')}</p>
            {anomalies.data.spikes.length === 0 ? (
              <p class="sg-empty">{t('spikesNone')}</p>
            ) : (
              <ScrollRegion label={t('spikesHeading')}>
                <table class="sg-table">
                  <caption class="sg-visually-hidden">{t('spikesHeading')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('agent')}</th>
                      <th scope="col">{t('hourZone', { zone })}</th>
                      <th scope="col">{t('reveals')}</th>
                      <th scope="col">{t('teamMedian')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {anomalies.data.spikes.map((s) => (
                      <tr key={`${s.agentId}|${s.bucket}`}>
                        <th scope="row">{s.agentId || t('noAgent')}</th>
                        <td>{hour.format(new Date(hourStart(s.bucket)))}</td>
                        <td>{formatNumber(s.count, locale)}</td>
                        <td>{formatNumber(s.median, locale)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
            )}
          </section>
        </>
      )}
    </>
  );
}
