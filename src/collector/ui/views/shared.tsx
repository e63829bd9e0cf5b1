import { FilterBar } from '../../../ui/components/filter-bar';
import type { FilterValues } from '../../../ui/components/filter-values';
import { useLoad } from '../../../ui/components/use-load';
import { type Locale, translator } from '../../../ui/i18n';
import { call } from '../api';
import { uiMessages } from '../messages';

export interface FilteredViewProps {
  locale: Locale;
  filters: FilterValues;
  onFilters: (values: FilterValues) => void;
}

/** The filter bar fed with the values seen across all agents. */
export function CollectorFilters({
  locale,
  filters,
  onFilters,
  idPrefix,
}: FilteredViewProps & { idPrefix: string }) {
  const facets = useLoad(() => call('GET /api/v1/facets'), 'facets');
  return (
    <FilterBar
      locale={locale}
      idPrefix={idPrefix}
      value={filters}
      onApply={onFilters}
      options={{
        agents: facets.data?.agents ?? [],
        kinds: facets.data?.kinds ?? [],
        reasons: (facets.data?.reasons ?? []).map((id) => ({ id, label: id })),
      }}
    />
  );
}

export function LoadState({
  locale,
  loading,
  error,
}: {
  locale: Locale;
  loading: boolean;
  error: string | null;
}) {
  const t = translator(uiMessages, locale);
  if (error)
    return (
      <p role="alert" class="sg-error">
        {t('error', { message: error })}
      </p>
    );
  return loading ? <p aria-live="polite">{t('loading')}</p> : null;
}
