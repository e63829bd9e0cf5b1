import { DETECTOR_TYPES, type DetectorType } from '../../core/detect/types';
import { ADMIN_ONLY_KEYS } from '../../core/policy/merge';
import type { PolicyKey } from '../../core/policy/types';
import { pickText } from '../../shared/i18n';
import { kindLabel } from '../../shared/i18n/labels';
import type { PolicyView } from '../../shared/protocol/policy';
import type { ShownError } from './error-text';
import { describedBy, ErrorsBeside, Field, type Lock, lockedProps } from './field';
import type { FormState } from './form-model';
import { locale, t } from './t';

interface Props {
  view: PolicyView;
  form: FormState;
  /** Every error to show, in words (the policy's and those found before saving). */
  errors: ShownError[];
  onChange: (patch: Partial<FormState>) => void;
}

const join = (...ids: (string | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;

export function PolicyForm({ view, form, errors, onChange }: Props) {
  const lockOf = (key: PolicyKey): Lock =>
    view.locked.includes(key) ? 'locked' : ADMIN_ONLY_KEYS.includes(key) ? 'admin-only' : null;
  const under = (path: string) =>
    errors.filter(
      (e) =>
        e.error.path === path || e.error.path.startsWith(`${path}.`) || e.error.path.startsWith(`${path}[`),
    );
  const p = view.policy;

  const text = (
    key: PolicyKey,
    id: string,
    field: keyof FormState,
    label: string,
    opts: {
      help?: string;
      rows?: number;
      type?: 'text' | 'number' | 'url' | 'password';
      errorPath?: string;
    } = {},
  ) => {
    const lock = lockOf(key);
    const fieldErrors = opts.errorPath ? under(opts.errorPath) : under(key);
    const common = {
      id,
      name: id,
      ...lockedProps(lock),
      'aria-invalid': fieldErrors.length > 0 ? ('true' as const) : undefined,
      'aria-describedby': describedBy(id, lock, fieldErrors, opts.help),
      value: form[field] as string,
      onInput: (e: Event) => {
        if (!lock) onChange({ [field]: (e.currentTarget as HTMLInputElement).value });
      },
    };
    return (
      <Field id={id} label={label} lock={lock} errors={fieldErrors} help={opts.help}>
        {opts.rows ? (
          <textarea rows={opts.rows} spellcheck={false} {...common} />
        ) : (
          <input type={(opts.type ?? 'text') as 'text'} {...common} />
        )}
      </Field>
    );
  };

  const select = (
    key: PolicyKey,
    id: string,
    field: keyof FormState,
    label: string,
    options: [string, string][],
    errorPath?: string,
  ) => {
    const lock = lockOf(key);
    const fieldErrors = errorPath ? under(errorPath) : under(key);
    return (
      <Field id={id} label={label} lock={lock} errors={fieldErrors}>
        <select
          id={id}
          name={id}
          aria-disabled={lock ? 'true' : undefined}
          aria-invalid={fieldErrors.length > 0 ? 'true' : undefined}
          aria-describedby={describedBy(id, lock, fieldErrors)}
          value={form[field] as string}
          onChange={(e) => {
            // A select has no readonly: a locked one snaps back to its value.
            if (lock) e.currentTarget.value = form[field] as string;
            else onChange({ [field]: e.currentTarget.value });
          }}
        >
          {options.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </Field>
    );
  };

  const detectorsLock = lockOf('detectors');
  const detectorErrors = under('detectors');
  const toggle = (type: DetectorType, on: boolean) =>
    onChange({ enabled: on ? [...form.enabled, type] : form.enabled.filter((x) => x !== type) });
  const rulesLock = lockOf('fieldRules');
  const setRule = (i: number, patch: Partial<FormState['fieldRules'][number]>) => {
    if (!rulesLock)
      onChange({ fieldRules: form.fieldRules.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  };
  const rowErrors = (i: number) => under(`fieldRules[${i}]`);
  const rulesGroupErrors = under('fieldRules').filter(
    (e) => !form.fieldRules.some((_, i) => rowErrors(i).includes(e)),
  );
  const mc = Object.entries(p.detectors.minConfidence);

  return (
    <div class="policy-form">
      {text('sites', 'sites', 'sites', t('sites'), { rows: 4, help: t('patternsHelp') })}
      {text('excludeSites', 'excludeSites', 'excludeSites', t('excludeSites'), {
        rows: 3,
        help: t('patternsHelp'),
      })}

      <Field id="detectors" label={t('detectors')} lock={detectorsLock} errors={detectorErrors} group named>
        <div class="checkbox-grid">
          {DETECTOR_TYPES.map((type) => (
            <label key={type} class="checkbox">
              <input
                type="checkbox"
                name="detector"
                value={type}
                checked={form.enabled.includes(type)}
                aria-disabled={detectorsLock ? 'true' : undefined}
                aria-describedby={detectorsLock ? 'detectors-lock' : undefined}
                onClick={(e) => {
                  // A checkbox has no readonly: a locked one refuses the click.
                  if (detectorsLock) e.preventDefault();
                }}
                onChange={(e) => {
                  if (!detectorsLock) toggle(type, e.currentTarget.checked);
                }}
              />
              {kindLabel(type, locale())}
            </label>
          ))}
        </div>
        {mc.length > 0 && (
          <p class="help">
            {t('minConfidence', {
              v: mc.map(([k, v]) => t('confidenceItem', { kind: kindLabel(k, locale()), v })).join(', '),
            })}
          </p>
        )}
      </Field>

      <Field
        id="fieldRules"
        label={t('fieldRules')}
        lock={rulesLock}
        errors={rulesGroupErrors}
        help={t('fieldRulesHelp')}
        group
        named
      >
        <ol class="rules">
          {form.fieldRules.map((rule, i) => {
            const n = i + 1;
            const errs = rowErrors(i);
            const errId = errs.length ? `rule-${n}-errors` : undefined;
            const partInvalid = (part: string) =>
              errs.some(
                (e) =>
                  e.error.path === `fieldRules[${i}]` || e.error.path.startsWith(`fieldRules[${i}].${part}`),
              )
                ? ('true' as const)
                : undefined;
            const describe = join(rulesLock ? 'fieldRules-lock' : undefined, errId);
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; a row's index is its identity
              <li key={i} class="rule" data-rule={n}>
                <label>
                  {t('ruleSelector', { n })} <Required />
                  <input
                    value={rule.selector}
                    {...lockedProps(rulesLock)}
                    aria-required="true"
                    aria-invalid={partInvalid('selector')}
                    aria-describedby={describe}
                    spellcheck={false}
                    onInput={(e) => setRule(i, { selector: e.currentTarget.value })}
                  />
                </label>
                <label>
                  {t('ruleKind', { n })} <Required />
                  <input
                    value={rule.kind}
                    {...lockedProps(rulesLock)}
                    aria-required="true"
                    aria-invalid={partInvalid('kind')}
                    aria-describedby={describe}
                    onInput={(e) => setRule(i, { kind: e.currentTarget.value })}
                  />
                </label>
                <label>
                  {t('ruleSites', { n })}
                  <input
                    value={rule.sites}
                    {...lockedProps(rulesLock)}
                    aria-invalid={partInvalid('sites')}
                    aria-describedby={describe}
                    spellcheck={false}
                    onInput={(e) => setRule(i, { sites: e.currentTarget.value })}
                  />
                </label>
                <button
                  type="button"
                  aria-disabled={rulesLock ? 'true' : undefined}
                  aria-describedby={rulesLock ? 'fieldRules-lock' : undefined}
                  onClick={() => {
                    if (!rulesLock) onChange({ fieldRules: form.fieldRules.filter((_, j) => j !== i) });
                  }}
                >
                  {t('removeRule', { n })}
                </button>
                {errId && <ErrorsBeside id={errId} errors={errs} named />}
              </li>
            );
          })}
        </ol>
        <button
          type="button"
          id="add-rule"
          aria-disabled={rulesLock ? 'true' : undefined}
          aria-describedby={rulesLock ? 'fieldRules-lock' : undefined}
          onClick={() => {
            if (!rulesLock)
              onChange({ fieldRules: [...form.fieldRules, { id: '', selector: '', kind: '', sites: '' }] });
          }}
        >
          {t('addRule')}
        </button>
      </Field>

      {text('ignoreSelectors', 'ignoreSelectors', 'ignoreSelectors', t('ignoreSelectors'), {
        rows: 3,
        help: t('selectorsHelp'),
      })}
      {select('maskStyle', 'maskStyle', 'maskStyle', t('maskStyle'), [
        ['full', t('styleFull')],
        ['partial', t('stylePartial')],
        ['chip', t('styleChip')],
      ])}
      {text('keepLast', 'keepLast', 'keepLast', t('keepLast'), { type: 'number' })}
      {text('revealSeconds', 'revealSeconds', 'revealSeconds', t('revealSeconds'), { type: 'number' })}

      <Field
        id="limits"
        label={t('limits')}
        lock={lockOf('limits')}
        errors={errors.filter((e) => e.error.path === 'limits')}
        group
        named
      >
        {text('limits', 'perHour', 'perHour', t('perHour'), { type: 'number', errorPath: 'limits.perHour' })}
        {text('limits', 'perFiveMinutes', 'perFiveMinutes', t('perFiveMinutes'), {
          type: 'number',
          errorPath: 'limits.perFiveMinutes',
        })}
        {select(
          'limits',
          'onExceed',
          'onExceed',
          t('onExceed'),
          [
            ['refuse', t('refuse')],
            ['flag', t('flag')],
          ],
          'limits.onExceed',
        )}
      </Field>

      <Field id="reasons" label={t('reasons')} lock={lockOf('reasons')} errors={under('reasons')} group named>
        <ul class="reasons">
          {p.reasons.map((r) => (
            <li key={r.id}>
              {pickText(r.label, locale())} {r.requiresText ? t('requiresText') : ''}
            </li>
          ))}
        </ul>
      </Field>

      <Field
        id="upload"
        label={t('upload')}
        lock={lockOf('upload')}
        errors={errors.filter((e) => e.error.path === 'upload')}
        group
        named
      >
        {text('upload', 'uploadUrl', 'uploadUrl', t('uploadUrl'), { type: 'url', errorPath: 'upload.url' })}
        {text(
          'upload',
          'uploadToken',
          'uploadToken',
          `${t('uploadToken')} ${view.secrets.uploadToken ? t('tokenSet') : t('tokenUnset')}`,
          {
            type: 'password',
            errorPath: 'upload.token',
          },
        )}
        {text('upload', 'intervalMinutes', 'intervalMinutes', t('intervalMinutes'), {
          type: 'number',
          errorPath: 'upload.intervalMinutes',
        })}
        {select(
          'upload',
          'format',
          'format',
          t('format'),
          [
            ['sigilo', 'Sigilo (JSON)'],
            ['splunk-hec', 'Splunk HEC'],
          ],
          'upload.format',
        )}
      </Field>

      {text('agentId', 'agentId', 'agentId', t('agentId'))}

      <ReadOnlyField
        id="retentionDays"
        label={t('retentionDays')}
        lock={lockOf('retentionDays')}
        errors={under('retentionDays')}
      >
        {(a) => <input id="retentionDays" type="number" value={String(p.retentionDays)} {...a} />}
      </ReadOnlyField>
      <ReadOnlyField id="logUrl" label={t('logUrl')} lock={lockOf('logUrl')} errors={under('logUrl')}>
        {(a) => (
          <input id="logUrl" value={p.logUrl === 'origin' ? t('logUrlOrigin') : t('logUrlPath')} {...a} />
        )}
      </ReadOnlyField>
      <ReadOnlyField
        id="fingerprintKey"
        label={t('fingerprintKey')}
        lock={lockOf('fingerprintKey')}
        errors={under('fingerprintKey')}
      >
        {(a) => (
          <input
            id="fingerprintKey"
            value={view.secrets.fingerprintKey ? t('secretSet') : t('secretUnset')}
            {...a}
          />
        )}
      </ReadOnlyField>
    </div>
  );
}

/** The required-field mark; its meaning is stated once above the form (and aria-required tells screen readers). */
function Required() {
  return (
    <span class="required" aria-hidden="true" title={t('required')}>
      *
    </span>
  );
}

/** An administrator's value shown to the agent: reachable by Tab, read-only, and saying who sets it. */
function ReadOnlyField(props: {
  id: string;
  label: string;
  lock: Lock;
  errors: ShownError[];
  children: (attrs: {
    readOnly: true;
    'aria-disabled': 'true';
    'aria-describedby': string | undefined;
  }) => preact.JSX.Element;
}) {
  const { id, label, lock, errors, children } = props;
  return (
    <Field id={id} label={label} lock={lock ?? 'admin-only'} errors={errors}>
      {children({
        readOnly: true,
        'aria-disabled': 'true',
        'aria-describedby': describedBy(id, lock ?? 'admin-only', errors),
      })}
    </Field>
  );
}
