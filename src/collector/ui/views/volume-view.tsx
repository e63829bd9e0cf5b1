import { useState } from 'preact/hooks';
import { type ChartSeries, CountsChart } from '../../../ui/components/counts-chart';
import { toSearchParams } from '../../../ui/components/filter-values';
import { useLoad } from '../../../ui/components/use-load';
import { translator } from '../../../ui/i18n';
import { call } from '../api';
import { uiMessages } from '../messages';
import { CollectorFilters, type FilteredViewProps, LoadState } from './shared';

export function VolumeView(props: FilteredViewProps) {
  const { locale, filters } = props;
  const t = translator(uiMessages, locale);
  const [bucket, setBucket] = useState<'hour' | 'day'>('hour');
  const params = toSearchParams(filters);
  params.set('bucket', bucket);
  const query = params.toString();
  const volume = useLoad(() => call('GET /api/v1/volume', { query }), query);
  const series: ChartSeries[] = [];
  for (const row of volume.data?.rows ?? []) {
    let s = series.find((x) => x.name === row.agentId);
    if (!s) {
      s = { name: row.agentId, points: [] };
      series.push(s);
    }
    s.points.push({ bucket: row.bucket, count: row.count });
  }
  return (
    <section aria-labelledby="volume-heading">
      <h2 id="volume-heading">{t('tabVolume')}</h2>
      <CollectorFilters {...props} idPrefix="volume-filter" />
      <div class="sg-field">
        <label for="volume-bucket">{t('bucket')}</label>
        <select
          id="volume-bucket"
          value={bucket}
          onChange={(e) => setBucket(e.currentTarget.value === 'day' ? 'day' : 'hour')}
        >
          <option value="hour">{t('hour')}</option>
          <option value="day">{t('day')}</option>
        </select>
      </div>
      <LoadState locale={locale} loading={volume.loading} error={volume.error} />
      {volume.data && (
        <CountsChart locale={locale} id="volume-chart" title={t('volumeTitle')} series={series} />
      )}
    </section>
  );
}
