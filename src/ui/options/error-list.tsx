import type { ShownError } from './error-text';
import { t } from './t';

/** Every error as "field: reason (source)", in words, for the summary at the top and the import result. */
export function ErrorList({ errors, id }: { errors: ShownError[]; id: string }) {
  if (errors.length === 0) return null;
  return (
    <ul class="error-list" id={id}>
      {errors.map((e) => (
        <li
          key={`${e.error.source}:${e.error.path}:${e.reason}`}
          data-path={e.error.path}
          data-source={e.error.source}
          data-refused={e.refused ? 'true' : undefined}
        >
          {t('errorLine', { field: e.field, reason: e.reason })}{' '}
          <span class="source">({e.error.source === 'managed' ? t('sourceManaged') : t('sourceLocal')})</span>
        </li>
      ))}
    </ul>
  );
}
