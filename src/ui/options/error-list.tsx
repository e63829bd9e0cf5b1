import type { PolicyError } from '../../core/policy/types';
import { pickText } from '../i18n';
import { locale, t } from './t';

/** Errors as "field path — reason (source)", the path first so an admin finds the field in their file. */
export function ErrorList({ errors, id }: { errors: PolicyError[]; id: string }) {
  if (errors.length === 0) return null;
  return (
    <ul class="error-list" id={id}>
      {errors.map((e) => (
        <li
          key={`${e.source}:${e.path}:${e.text ? pickText(e.text, locale) : e.message}`}
          data-path={e.path}
          data-source={e.source}
        >
          <code>{e.path || t('wholePolicy')}</code> — {e.text ? pickText(e.text, locale) : e.message}{' '}
          <span class="source">({e.source === 'managed' ? t('sourceManaged') : t('sourceLocal')})</span>
        </li>
      ))}
    </ul>
  );
}
