import { useState } from 'preact/hooks';
import { translator } from '../../../shared/i18n';
import { EventsTable, Pager } from '../../../ui/components/events-table';
import { ExportButtons } from '../../../ui/components/export-buttons';
import { toSearchParams } from '../../../ui/components/filter-values';
import { useLoad } from '../../../ui/components/use-load';
import { call } from '../api';
import { uiMessages } from '../messages';
import { CollectorFilters, type FilteredViewProps, LoadState, MainHeading } from './shared';

const LIMIT = 50;

/** One row per reveal, its re-mask folded in as "shown for 42 s, hidden by the agent". */
export function EventsView(props: FilteredViewProps) {
  const { locale, filters, onAgent } = props;
  const t = translator(uiMessages, locale);
  const [offset, setOffset] = useState(0);
  const query = toSearchParams(filters).toString();
  const reveals = useLoad(() => {
    const p = new URLSearchParams(query);
    p.set('offset', String(offset));
    p.set('limit', String(LIMIT));
    return call('GET /api/v1/reveals', { query: p.toString() });
  }, `${query}|${offset}`);

  return (
    <>
      <MainHeading>{t('tabEvents')}</MainHeading>
      <p>{t('revealsIntro')}</p>
      <CollectorFilters
        {...props}
        idPrefix="events-filter"
        onFilters={(v) => {
          setOffset(0);
          props.onFilters(v);
        }}
      />
      <div class="sg-actions">
        <ExportButtons
          locale={locale}
          onExport={async (format) => {
            // A navigation, not fetch: the browser streams the file to disk however large.
            const p = new URLSearchParams(query);
            p.set('format', format);
            const a = document.createElement('a');
            a.href = `/api/v1/export?${p}`;
            a.download = '';
            document.body.append(a);
            a.click();
            a.remove();
          }}
        />
        <button type="button" onClick={reveals.reload}>
          {t('refresh')}
        </button>
      </div>
      <LoadState locale={locale} loading={reveals.loading} error={reveals.error} />
      {reveals.data && (
        <>
          <EventsTable
            locale={locale}
            rows={reveals.data.reveals}
            total={reveals.data.total}
            showAgent
            reveals
            onAgent={onAgent}
          />
          <Pager
            locale={locale}
            offset={offset}
            limit={LIMIT}
            total={reveals.data.total}
            onPage={setOffset}
          />
        </>
      )}
    </>
  );
}
