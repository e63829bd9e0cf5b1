import { useEffect, useState } from 'preact/hooks';
import type { Outcome } from '../../core/audit/types';
import { type Locale, timeZoneName, translator } from '../../shared/i18n';
import { kindLabel, outcomeLabel } from '../../shared/i18n/labels';
import type { FilterValues } from './filter-values';
import { componentMessages } from './messages';

export interface FilterOptions {
  kinds: string[];
  reasons: { id: string; label: string }[];
  /** Only the collector filters by agent; omit it on the extension's page. */
  agents?: string[];
}

interface Props {
  locale: Locale;
  value: FilterValues;
  options: FilterOptions;
  onApply: (values: FilterValues) => void;
  idPrefix?: string;
}

const OUTCOMES: Outcome[] = ['revealed', 'cancelled', 'refused'];

/** A form: edits stay local until "Apply" (or Enter), so typing a site does not query on every key. */
export function FilterBar({ locale, value, options, onApply, idPrefix = 'filter' }: Props) {
  const t = translator(componentMessages, locale);
  const [draft, setDraft] = useState<FilterValues>(value);
  useEffect(() => setDraft(value), [value]);
  const id = (name: string) => `${idPrefix}-${name}`;
  const zone = timeZoneName(locale);
  const set = (name: keyof FilterValues) => (event: Event) =>
    setDraft({ ...draft, [name]: (event.currentTarget as HTMLInputElement | HTMLSelectElement).value });

  return (
    <form
      class="sg-filters"
      aria-label={t('filters')}
      onSubmit={(event) => {
        event.preventDefault();
        onApply(draft);
      }}
    >
      <div class="sg-field">
        <label for={id('from')}>{t('from', { zone })}</label>
        <input id={id('from')} name="from" type="datetime-local" value={draft.from} onInput={set('from')} />
      </div>
      <div class="sg-field">
        <label for={id('to')}>{t('to', { zone })}</label>
        <input id={id('to')} name="to" type="datetime-local" value={draft.to} onInput={set('to')} />
      </div>
      {options.agents && (
        <div class="sg-field">
          <label for={id('agent')}>{t('agent')}</label>
          <select id={id('agent')} name="agent" value={draft.agent} onChange={set('agent')}>
            <option value="">{t('any')}</option>
            {options.agents.map((a) => (
              <option key={a} value={a}>
                {a || t('noAgent')}
              </option>
            ))}
          </select>
        </div>
      )}
      <div class="sg-field">
        <label for={id('site')}>{t('site')}</label>
        <input
          id={id('site')}
          name="site"
          type="search"
          placeholder={t('sitePlaceholder')}
          value={draft.site}
          onInput={set('site')}
        />
      </div>
      <div class="sg-field">
        <label for={id('kind')}>{t('kind')}</label>
        <select id={id('kind')} name="kind" value={draft.kind} onChange={set('kind')}>
          <option value="">{t('any')}</option>
          {options.kinds.map((k) => (
            <option key={k} value={k}>
              {kindLabel(k, locale)}
            </option>
          ))}
        </select>
      </div>
      <div class="sg-field">
        <label for={id('reason')}>{t('reason')}</label>
        <select id={id('reason')} name="reason" value={draft.reason} onChange={set('reason')}>
          <option value="">{t('any')}</option>
          {options.reasons.map((r) => (
            <option key={r.id} value={r.id}>
              {r.label}
            </option>
          ))}
        </select>
      </div>
      <div class="sg-field">
        <label for={id('outcome')}>{t('outcome')}</label>
        <select id={id('outcome')} name="outcome" value={draft.outcome} onChange={set('outcome')}>
          <option value="">{t('any')}</option>
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {outcomeLabel(o, locale)}
            </option>
          ))}
        </select>
      </div>
      <div class="sg-actions">
        <button type="submit">{t('apply')}</button>
        <button
          type="button"
          onClick={() => {
            const empty: FilterValues = {
              from: '',
              to: '',
              site: '',
              kind: '',
              reason: '',
              outcome: '',
              agent: '',
            };
            setDraft(empty);
            onApply(empty);
          }}
        >
          {t('reset')}
        </button>
      </div>
    </form>
  );
}
