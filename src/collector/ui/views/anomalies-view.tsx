import { EventsTable } from '../../../ui/components/events-table';
import { toSearchParams } from '../../../ui/components/filter-values';
import { useLoad } from '../../../ui/components/use-load';
import { translator } from '../../../ui/i18n';
import type { AnomaliesResponse } from '../../api-types';
import { api } from '../api';
import { uiMessages } from '../messages';
import { CollectorFilters, type FilteredViewProps, LoadState } from './shared';

export function AnomaliesView(props: FilteredViewProps) {
  const { locale, filters } = props;
  const t = translator(uiMessages, locale);
  const params = toSearchParams(filters);
  params.set('limit', '500');
  const query = params.toString();
  const anomalies = useLoad(() => api<AnomaliesResponse>(`/api/v1/anomalies?${query}`), query);
  return (
    <section aria-labelledby="anomalies-heading">
      <h2 id="anomalies-heading">{t('tabAnomalies')}</h2>
      <p>{t('anomaliesIntro')}</p>
      <CollectorFilters {...props} idPrefix="anomalies-filter" />
      <LoadState locale={locale} loading={anomalies.loading} error={anomalies.error} />
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
