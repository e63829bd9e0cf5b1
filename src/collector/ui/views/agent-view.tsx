import { useState } from 'preact/hooks';
import { type Locale, translator } from '../../../shared/i18n';
import { kindLabel } from '../../../shared/i18n/labels';
import { EventsTable, Pager } from '../../../ui/components/events-table';
import { pickBucket } from '../../../ui/components/time-buckets';
import { TimeChart } from '../../../ui/components/time-chart';
import { useLoad } from '../../../ui/components/use-load';
import { call } from '../api';
import { uiMessages } from '../messages';
import { LoadState, MainHeading } from './shared';
import { seriesFrom } from './today-view';

const LIMIT = 50;

/** The drill-down: one agent's anomalies first, then their reveals one row each, and a chart per kind. */
export function AgentView({
  locale,
  agentId,
  onBack,
}: {
  locale: Locale;
  agentId: string;
  onBack: () => void;
}) {
  const t = translator(uiMessages, locale);
  const [offset, setOffset] = useState(0);
  const agent = new URLSearchParams({ agent: agentId }).toString();
  const anomalies = useLoad(
    () => call('GET /api/v1/anomalies', { query: `${agent}&limit=100` }),
    `a|${agent}`,
  );
  const reveals = useLoad(
    () => call('GET /api/v1/reveals', { query: `${agent}&offset=${offset}&limit=${LIMIT}` }),
    `r|${agent}|${offset}`,
  );
  const series = useLoad(() => call('GET /api/v1/series', { query: `${agent}&group=kind` }), `s|${agent}`);
  const chartSeries = seriesFrom(series.data?.rows ?? [], (k) => kindLabel(k, locale));
  return (
    <>
      <MainHeading>{t('agentHeading', { agent: agentId })}</MainHeading>
      <p>
        <button type="button" onClick={onBack}>
          {t('allAgents')}
        </button>
      </p>
      <section>
        <h2 id="agent-anomalies-heading">{t('agentAnomalies', { agent: agentId })}</h2>
        <LoadState locale={locale} loading={anomalies.loading} error={anomalies.error} />
        {anomalies.data && (
          <EventsTable
            locale={locale}
            rows={anomalies.data.events}
            total={anomalies.data.events.length}
            caption={t('agentAnomalies', { agent: agentId })}
          />
        )}
      </section>
      <section>
        <h2 id="agent-reveals-heading">{t('tabEvents')}</h2>
        <p>{t('revealsIntro')}</p>
        <LoadState locale={locale} loading={reveals.loading} error={reveals.error} />
        {reveals.data && (
          <>
            <EventsTable locale={locale} rows={reveals.data.reveals} total={reveals.data.total} reveals />
            <Pager
              locale={locale}
              offset={offset}
              limit={LIMIT}
              total={reveals.data.total}
              onPage={setOffset}
            />
          </>
        )}
      </section>
      {series.data && (
        <TimeChart
          locale={locale}
          id="agent-chart"
          title={t('agentChart', { agent: agentId })}
          bucket={pickBucket(chartSeries)}
          series={chartSeries}
        />
      )}
    </>
  );
}
