import { useState } from 'preact/hooks';
import { translator } from '../../../shared/i18n';
import { kindLabel, reasonIdLabel } from '../../../shared/i18n/labels';
import { toSearchParams } from '../../../ui/components/filter-values';
import { type Bucket, pickBucket } from '../../../ui/components/time-buckets';
import { TimeChart } from '../../../ui/components/time-chart';
import { useLoad } from '../../../ui/components/use-load';
import type { SeriesGroup } from '../../api-types';
import { call } from '../api';
import { uiMessages } from '../messages';
import { CollectorFilters, type FilteredViewProps, LoadState, MainHeading } from './shared';
import { seriesFrom } from './today-view';

const GROUPS: SeriesGroup[] = ['agent', 'kind', 'reason'];

/** Reveals per agent, kind or reason over a continuous time axis. */
export function VolumeView(props: FilteredViewProps) {
  const { locale, filters } = props;
  const t = translator(uiMessages, locale);
  const [group, setGroup] = useState<SeriesGroup>('agent');
  const [bucket, setBucket] = useState<Bucket | 'auto'>('auto');
  const params = toSearchParams(filters);
  params.set('group', group);
  const query = params.toString();
  const data = useLoad(() => call('GET /api/v1/series', { query }), query);
  const name = (key: string) =>
    group === 'kind'
      ? kindLabel(key, locale)
      : group === 'reason'
        ? key
          ? reasonIdLabel(key, locale)
          : t('noReason')
        : key || t('noAgent');
  const series = seriesFrom(data.data?.rows ?? [], name);
  return (
    <>
      <MainHeading>{t('tabVolume')}</MainHeading>
      <CollectorFilters {...props} idPrefix="volume-filter" />
      <div class="sg-actions">
        <div class="sg-field">
          <label for="volume-group">{t('groupBy')}</label>
          <select
            id="volume-group"
            value={group}
            onChange={(e) => setGroup(GROUPS.find((g) => g === e.currentTarget.value) ?? 'agent')}
          >
            {GROUPS.map((g) => (
              <option key={g} value={g}>
                {t(`group_${g}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="sg-field">
          <label for="volume-bucket">{t('bucket')}</label>
          <select
            id="volume-bucket"
            value={bucket === 'auto' ? pickBucket(series) : bucket}
            onChange={(e) => setBucket(e.currentTarget.value === 'day' ? 'day' : 'hour')}
          >
            <option value="hour">{t('hour')}</option>
            <option value="day">{t('day')}</option>
          </select>
        </div>
      </div>
      <LoadState locale={locale} loading={data.loading} error={data.error} />
      {data.data && (
        <TimeChart
          locale={locale}
          id="volume-chart"
          title={t('volumeTitle', { group: t(`group_${group}`) })}
          bucket={bucket === 'auto' ? pickBucket(series) : bucket}
          series={series}
        />
      )}
    </>
  );
}
