import { useState } from 'preact/hooks';
import { EventsTable, Pager } from '../../../ui/components/events-table';
import { ExportButtons } from '../../../ui/components/export-buttons';
import { toSearchParams } from '../../../ui/components/filter-values';
import { useLoad } from '../../../ui/components/use-load';
import { translator } from '../../../ui/i18n';
import { call } from '../api';
import { uiMessages } from '../messages';
import { CollectorFilters, type FilteredViewProps, LoadState } from './shared';

const LIMIT = 50;

export function EventsView(props: FilteredViewProps) {
  const { locale, filters } = props;
  const t = translator(uiMessages, locale);
  const [offset, setOffset] = useState(0);
  const params = toSearchParams(filters);
  const query = params.toString();
  const events = useLoad(() => {
    const p = new URLSearchParams(query);
    p.set('offset', String(offset));
    p.set('limit', String(LIMIT));
    return call('GET /api/v1/events', { query: p.toString() });
  }, `${query}|${offset}`);

  return (
    <section aria-labelledby="events-heading">
      <h2 id="events-heading">{t('tabEvents')}</h2>
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
        <button type="button" onClick={events.reload}>
          {t('refresh')}
        </button>
      </div>
      <LoadState locale={locale} loading={events.loading} error={events.error} />
      {events.data && (
        <>
          <EventsTable locale={locale} rows={events.data.events} total={events.data.total} showAgent />
          <Pager locale={locale} offset={offset} limit={LIMIT} total={events.data.total} onPage={setOffset} />
        </>
      )}
    </section>
  );
}
