import type { ComponentChildren } from 'preact';
import type { PolicyError } from '../../core/policy/types';
import { pickText } from '../i18n';
import { locale, t } from './t';

export type Lock = 'locked' | 'admin-only' | null;

/**
 * One policy field: its label, why it cannot be edited (organization lock or
 * admin-only), and its errors, linked to the input by aria-describedby so a
 * screen reader announces them with the field.
 */
export function Field(props: {
  id: string;
  label: string;
  lock: Lock;
  errors: PolicyError[];
  help?: string;
  group?: boolean;
  children: ComponentChildren;
}) {
  const { id, label, lock, errors, help, group, children } = props;
  const note = lock === 'locked' ? t('locked') : lock === 'admin-only' ? t('adminOnly') : null;
  const body = (
    <>
      {note && (
        <span class={`lock ${lock}`} id={`${id}-lock`} data-lock={lock}>
          <span aria-hidden="true">🔒 </span>
          {note}
        </span>
      )}
      {help && (
        <p class="help" id={`${id}-help`}>
          {help}
        </p>
      )}
      {children}
      {errors.length > 0 && (
        <ul class="field-errors" id={`${id}-errors`}>
          {errors.map((e) => (
            <li key={`${e.source}:${e.path}:${e.text ? pickText(e.text, locale) : e.message}`}>
              <code>{e.path}</code> {e.text ? pickText(e.text, locale) : e.message}
            </li>
          ))}
        </ul>
      )}
    </>
  );
  if (group) {
    return (
      <fieldset class="field" data-field={id} aria-describedby={describedBy(id, lock, errors, help)}>
        <legend>{label}</legend>
        {body}
      </fieldset>
    );
  }
  return (
    <div class="field" data-field={id}>
      <label for={id}>{label}</label>
      {body}
    </div>
  );
}

/** The ids an input should list in aria-describedby. */
export function describedBy(
  id: string,
  lock: Lock,
  errors: PolicyError[],
  help?: string,
): string | undefined {
  const ids = [
    lock ? `${id}-lock` : '',
    help ? `${id}-help` : '',
    errors.length ? `${id}-errors` : '',
  ].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}
