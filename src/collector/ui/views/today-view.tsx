import { formatNumber, type Locale, timeZoneName, translator } from '../../../shared/i18n';
import { EventsTable } from '../../../ui/components/events-table';
import { ScrollRegion } from '../../../ui/components/scroll-region';
import type { ChartSeries } from '../../../ui/components/time-buckets';
import { TimeChart } from '../../../ui/components/time-chart';
import { useLoad } from '../../../ui/components/use-load';
import type { SeriesRow } from '../../api-types';
import { call } from '../api';
import { uiMessages } from '../messages';
import { LoadState, MainHeading, midnightToday } from './shared';

export function seriesFrom(rows: readonly SeriesRow[], name: (key: string) => string): ChartSeries[] {
  const byKey = new Map<string, ChartSeries>();
  for (const row of rows) {
    let s = byKey.get(row.key);
    if (!s) {
      s = { name: name(row.key), points: [] };
      byKey.set(row.key, s);
    }
    s.points.push({ bucket: row.bucket, count: row.count });
  }
  return [...byKey.values()];
}

/** The first screen: today's figures, what needs a look (anomalies first), then each agent's day. */
export function TodayView({ locale, onAgent }: { locale: Locale; onAgent: (agentId: string) => void }) {
  const t = translator(uiMessages, locale);
  const from = midnightToday();
  const query = new URLSearchParams({ from }).toString();
  const data = useLoad(() => call('GET /api/v1/overview', { query }), `overview|${query}`);
  const series = useLoad(
    () => call('GET /api/v1/series', { query: `${query}&group=agent` }),
    `today-series|${query}`,
  );
  const d = data.data;
  const zone = timeZoneName(locale);
  return (
    <>
      <MainHeading>{t('tabToday')}</MainHeading>
      <p>{t('todayIntro', { zone })}</p>
      <button type="button" onClick={data.reload}>
        {t('refresh')}
      </button>
      <LoadState locale={locale} loading={data.loading} error={data.error} />
      {d && (
        <>
          <section>
            <h2 id="figures-heading" class="sg-visually-hidden">
              {t('figures')}
            </h2>
            <ul class="sg-figures">
              <li class={d.anomalies > 0 ? 'sg-figure sg-figure-alert' : 'sg-figure'}>
                <span class="sg-figure-n">{formatNumber(d.anomalies, locale)}</span>{' '}
                {t('figAnomalies', { n: d.anomalies })}
              </li>
              <li class="sg-figure">
                <span class="sg-figure-n">{formatNumber(d.refusals, locale)}</span>{' '}
                {t('figRefusals', { n: d.refusals })}
              </li>
              <li class="sg-figure">
                <span class="sg-figure-n">{formatNumber(d.reveals, locale)}</span>{' '}
                {t('figReveals', { n: d.reveals })}
              </li>
            </ul>
          </section>
          <section>
            <h2 id="attention-heading">{t('attentionHeading')}</h2>
            <p>{t('attentionIntro')}</p>
            {d.attention.length === 0 ? (
              <p class="sg-empty">{t('attentionNone')}</p>
            ) : (
              <>
                <EventsTable
                  locale={locale}
                  rows={d.attention}
                  total={d.attentionTotal}
                  showAgent
                  onAgent={onAgent}
                  caption={t('attentionHeading')}
                />
                {d.attentionTotal > d.attention.length && (
                  <p>{t('attentionMore', { shown: d.attention.length, total: d.attentionTotal })}</p>
                )}
              </>
            )}
          </section>
          <section>
            <h2 id="agents-heading">{t('agentsHeading')}</h2>
            {d.agents.length === 0 ? (
              <p class="sg-empty">{t('agentsNone')}</p>
            ) : (
              <ScrollRegion label={t('agentsHeading')}>
                <table class="sg-table">
                  <caption class="sg-visually-hidden">{t('agentsHeading')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('agent')}</th>
                      <th scope="col">{t('colAnomalies')}</th>
                      <th scope="col">{t('colRefusals')}</th>
                      <th scope="col">{t('colReveals')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.agents.map((a) => (
                      <tr key={a.agentId} data-agent={a.agentId}>
                        <th scope="row">
                          {a.agentId ? (
                            <button type="button" class="sg-link" onClick={() => onAgent(a.agentId)}>
                              {a.agentId}
                            </button>
                          ) : (
                            t('noAgent')
                          )}
                        </th>
                        <td>{formatNumber(a.anomalies, locale)}</td>
                        <td>{formatNumber(a.refusals, locale)}</td>
                        <td>{formatNumber(a.reveals, locale)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
            )}
          </section>
          {series.data && (
            <TimeChart
              locale={locale}
              id="today-chart"
              title={t('todayChart')}
              bucket="hour"
              series={seriesFrom(series.data.rows, (k) => k || t('noAgent'))}
            />
          )}
        </>
      )}
    </>
  );
}
