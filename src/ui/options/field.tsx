import type { ComponentChildren } from 'preact';
import type { ShownError } from './error-text';
import { t } from './t';

export type Lock = 'locked' | 'admin-only' | null;

/**
 * One policy field: its label, why it cannot be edited (organization lock or
 * admin-only), and its errors in words, linked to the input by
 * aria-describedby so a screen reader announces them with the field.
 */
export function Field(props: {
  id: string;
  label: string;
  lock: Lock;
  errors: ShownError[];
  help?: string;
  group?: boolean;
  /** Errors name their field too (a group's errors may be about one of its parts). */
  named?: boolean;
  children: ComponentChildren;
}) {
  const { id, label, lock, errors, help, group, named, children } = props;
  const body = (
    <>
      <LockNote id={id} lock={lock} />
      {help && (
        <p class="help" id={`${id}-help`}>
          {help}
        </p>
      )}
      {children}
      <ErrorsBeside id={`${id}-errors`} errors={errors} named={named} />
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

export function LockNote({ id, lock }: { id: string; lock: Lock }) {
  const note = lock === 'locked' ? t('locked') : lock === 'admin-only' ? t('adminOnly') : null;
  if (!note) return null;
  return (
    <span class={`lock ${lock}`} id={`${id}-lock`} data-lock={lock}>
      {note}
    </span>
  );
}

export function ErrorsBeside({ id, errors, named }: { id: string; errors: ShownError[]; named?: boolean }) {
  if (errors.length === 0) return null;
  return (
    <ul class="field-errors" id={id}>
      {errors.map((e) => (
        <li
          key={`${e.error.source}:${e.error.path}:${e.reason}`}
          data-path={e.error.path}
          data-refused={e.refused ? 'true' : undefined}
        >
          {named ? t('errorLine', { field: e.field, reason: e.reason }) : e.reason}
        </li>
      ))}
    </ul>
  );
}

/** The ids an input should list in aria-describedby. */
export function describedBy(id: string, lock: Lock, errors: unknown[], help?: string): string | undefined {
  const ids = [
    lock ? `${id}-lock` : '',
    help ? `${id}-help` : '',
    errors.length ? `${id}-errors` : '',
  ].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/**
 * A locked control stays in the Tab order (so a keyboard user reaches it and
 * hears why it is locked) but cannot be changed: aria-disabled + readonly
 * instead of `disabled`, which would take it out of the Tab order.
 */
export function lockedProps(lock: Lock): { 'aria-disabled'?: 'true'; readOnly?: boolean } {
  return lock ? { 'aria-disabled': 'true', readOnly: true } : {};
}
