import type { ComponentChildren } from 'preact';
import { type Locale, translator } from '../../../shared/i18n';
import { kindLabel, reasonIdLabel } from '../../../shared/i18n/labels';
import { FilterBar } from '../../../ui/components/filter-bar';
import type { FilterValues } from '../../../ui/components/filter-values';
import { useLoad } from '../../../ui/components/use-load';
import { call } from '../api';
import { uiMessages } from '../messages';

export interface FilteredViewProps {
  locale: Locale;
  filters: FilterValues;
  onFilters: (values: FilterValues) => void;
  /** Open one agent's events (the drill-down). */
  onAgent: (agentId: string) => void;
}

/** The screen's one h1, focusable from script so the app can move focus to it (tabindex -1). */
export function MainHeading({ children }: { children: ComponentChildren }) {
  return (
    <h1 id="main-heading" tabIndex={-1}>
      {children}
    </h1>
  );
}

/** The filter bar fed with the values seen across all agents, each shown by its name for people. */
export function CollectorFilters({
  locale,
  filters,
  onFilters,
  idPrefix,
}: Omit<FilteredViewProps, 'onAgent'> & { idPrefix: string }) {
  const facets = useLoad(() => call('GET /api/v1/facets'), 'facets');
  const byName = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, locale);
  return (
    <FilterBar
      locale={locale}
      idPrefix={idPrefix}
      value={filters}
      onApply={onFilters}
      options={{
        agents: facets.data?.agents ?? [],
        kinds: [...(facets.data?.kinds ?? [])].sort((a, b) =>
          kindLabel(a, locale).localeCompare(kindLabel(b, locale), locale),
        ),
        reasons: (facets.data?.reasons ?? [])
          .map((id) => ({ id, label: reasonIdLabel(id, locale) }))
          .sort(byName),
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

/** The viewer's midnight today, as an ISO instant (the collector cannot know the viewer's zone). */
export function midnightToday(now = new Date()): string {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate()).toISOString();
}
