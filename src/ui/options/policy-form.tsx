import { DETECTOR_TYPES, type DetectorType } from '../../core/detect/types';
import { ADMIN_ONLY_KEYS } from '../../core/policy/merge';
import type { PolicyError, PolicyKey } from '../../core/policy/types';
import type { PolicyView } from '../../shared/protocol/policy';
import { pickText } from '../i18n';
import { describedBy, Field, type Lock } from './field';
import { errorsFor, type FormState } from './form-model';
import { locale, t } from './t';

interface Props {
  view: PolicyView;
  form: FormState;
  onChange: (patch: Partial<FormState>) => void;
}

export function PolicyForm({ view, form, onChange }: Props) {
  const lockOf = (key: PolicyKey): Lock =>
    view.locked.includes(key) ? 'locked' : ADMIN_ONLY_KEYS.includes(key) ? 'admin-only' : null;
  const errs = (key: string): PolicyError[] => errorsFor(view.errors, key);
  // Errors of one sub-field ("limits.perHour"), and of a group itself ("limits").
  const subErrors = (path: string) =>
    view.errors.filter((e) => e.path === path || e.path.startsWith(`${path}.`));
  const groupErrors = (key: string) => view.errors.filter((e) => e.path === key);
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
    const errors = opts.errorPath ? subErrors(opts.errorPath) : errs(key);
    const common = {
      id,
      name: id,
      disabled: lock !== null,
      'aria-invalid': errors.length > 0 ? ('true' as const) : undefined,
      'aria-describedby': describedBy(id, lock, errors, opts.help),
      value: form[field] as string,
      onInput: (e: Event) => onChange({ [field]: (e.currentTarget as HTMLInputElement).value }),
    };
    return (
      <Field id={id} label={label} lock={lock} errors={errors} help={opts.help}>
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
    const errors = errorPath ? subErrors(errorPath) : errs(key);
    return (
      <Field id={id} label={label} lock={lock} errors={errors}>
        <select
          id={id}
          name={id}
          disabled={lock !== null}
          aria-describedby={describedBy(id, lock, errors)}
          value={form[field] as string}
          onChange={(e) => onChange({ [field]: e.currentTarget.value })}
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
  const toggle = (type: DetectorType, on: boolean) =>
    onChange({ enabled: on ? [...form.enabled, type] : form.enabled.filter((x) => x !== type) });
  const rulesLock = lockOf('fieldRules');
  const setRule = (i: number, patch: Partial<FormState['fieldRules'][number]>) =>
    onChange({ fieldRules: form.fieldRules.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  const mc = Object.entries(p.detectors.minConfidence);

  return (
    <div class="policy-form">
      {text('sites', 'sites', 'sites', t('sites'), { rows: 4, help: t('patternsHelp') })}
      {text('excludeSites', 'excludeSites', 'excludeSites', t('excludeSites'), {
        rows: 3,
        help: t('patternsHelp'),
      })}

      <Field id="detectors" label={t('detectors')} lock={detectorsLock} errors={errs('detectors')} group>
        <div class="checkbox-grid">
          {DETECTOR_TYPES.map((type) => (
            <label key={type} class="checkbox">
              <input
                type="checkbox"
                name="detector"
                value={type}
                checked={form.enabled.includes(type)}
                disabled={detectorsLock !== null}
                onChange={(e) => toggle(type, e.currentTarget.checked)}
              />
              {type}
            </label>
          ))}
        </div>
        {mc.length > 0 && (
          <p class="help">{t('minConfidence', { v: mc.map(([k, v]) => `${k} ≥ ${v}`).join(', ') })}</p>
        )}
      </Field>

      <Field
        id="fieldRules"
        label={t('fieldRules')}
        lock={rulesLock}
        errors={errs('fieldRules')}
        help={t('fieldRulesHelp')}
        group
      >
        <ol class="rules">
          {form.fieldRules.map((rule, i) => {
            const n = i + 1;
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; a row's index is its identity
              <li key={`${i}:${rule.id}`} class="rule">
                <label>
                  {t('ruleSelector', { n })}
                  <input
                    value={rule.selector}
                    disabled={rulesLock !== null}
                    spellcheck={false}
                    onInput={(e) => setRule(i, { selector: e.currentTarget.value })}
                  />
                </label>
                <label>
                  {t('ruleKind', { n })}
                  <input
                    value={rule.kind}
                    disabled={rulesLock !== null}
                    onInput={(e) => setRule(i, { kind: e.currentTarget.value })}
                  />
                </label>
                <label>
                  {t('ruleSites', { n })}
                  <input
                    value={rule.sites}
                    disabled={rulesLock !== null}
                    spellcheck={false}
                    onInput={(e) => setRule(i, { sites: e.currentTarget.value })}
                  />
                </label>
                <button
                  type="button"
                  disabled={rulesLock !== null}
                  onClick={() => onChange({ fieldRules: form.fieldRules.filter((_, j) => j !== i) })}
                >
                  {t('removeRule', { n })}
                </button>
              </li>
            );
          })}
        </ol>
        <button
          type="button"
          disabled={rulesLock !== null}
          onClick={() =>
            onChange({ fieldRules: [...form.fieldRules, { id: '', selector: '', kind: '', sites: '' }] })
          }
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

      <Field id="limits" label={t('limits')} lock={lockOf('limits')} errors={groupErrors('limits')} group>
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

      <Field id="reasons" label={t('reasons')} lock={lockOf('reasons')} errors={errs('reasons')} group>
        <ul class="reasons">
          {p.reasons.map((r) => (
            <li key={r.id}>
              {pickText(r.label, locale)} <code>{r.id}</code> {r.requiresText ? t('requiresText') : ''}
            </li>
          ))}
        </ul>
      </Field>

      <Field id="upload" label={t('upload')} lock={lockOf('upload')} errors={groupErrors('upload')} group>
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

      <Field
        id="retentionDays"
        label={t('retentionDays')}
        lock={lockOf('retentionDays')}
        errors={errs('retentionDays')}
      >
        <input
          id="retentionDays"
          type="number"
          value={String(p.retentionDays)}
          disabled
          aria-describedby="retentionDays-lock"
        />
      </Field>
      <Field id="logUrl" label={t('logUrl')} lock={lockOf('logUrl')} errors={errs('logUrl')}>
        <select id="logUrl" value={p.logUrl} disabled aria-describedby="logUrl-lock">
          <option value="path">{t('logUrlPath')}</option>
          <option value="origin">{t('logUrlOrigin')}</option>
        </select>
      </Field>
      <Field
        id="fingerprintKey"
        label={t('fingerprintKey')}
        lock={lockOf('fingerprintKey')}
        errors={errs('fingerprintKey')}
      >
        <input
          id="fingerprintKey"
          value={view.secrets.fingerprintKey ? t('secretSet') : t('secretUnset')}
          disabled
          aria-describedby="fingerprintKey-lock"
        />
      </Field>
    </div>
  );
}
