import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { PolicyError, PolicyKey } from '../../core/policy/types';
import { validateLayer } from '../../core/policy/validate';
import { htmlLang, type LocaleSetting, pickText } from '../../shared/i18n';
import { saveLocaleSetting } from '../../shared/i18n/locale-setting';
import { send } from '../../shared/messaging';
import type { LogStatus } from '../../shared/protocol/log';
import type { PolicyView } from '../../shared/protocol/policy';
import { VersionFooter } from '../components/version-footer';
import { ConfirmDialog } from './confirm';
import { ErrorList } from './error-list';
import { type ShownError, showError, topKey } from './error-text';
import { type FormState, formFromPolicy, layerFromForm, ruleRowsSent } from './form-model';
import { ImportExport } from './import-export';
import { PolicyForm } from './policy-form';
import { locale, t } from './t';
import { TryIt } from './try-it';

const MANAGED_TEXT = {
  loaded: 'managedLoaded',
  none: 'managedNone',
  pending: 'managedPending',
  unreadable: 'managedUnreadable',
} as const;

/** The form fields that hold each policy key. */
const FORM_FIELDS: Partial<Record<PolicyKey, (keyof FormState)[]>> = {
  sites: ['sites'],
  excludeSites: ['excludeSites'],
  detectors: ['enabled'],
  fieldRules: ['fieldRules'],
  ignoreSelectors: ['ignoreSelectors'],
  maskStyle: ['maskStyle'],
  keepLast: ['keepLast'],
  revealSeconds: ['revealSeconds'],
  limits: ['perHour', 'perFiveMinutes', 'onExceed'],
  upload: ['uploadUrl', 'intervalMinutes', 'format'],
  agentId: ['agentId'],
};

type StatusKind = 'ok' | 'refused' | 'invalid' | 'failed' | '';

export function App({ localeSetting }: { localeSetting: LocaleSetting }) {
  const [view, setView] = useState<PolicyView | null>(null);
  const [initial, setInitial] = useState<FormState | null>(null);
  const [form, setForm] = useState<FormState | null>(null);
  const [status, setStatus] = useState<LogStatus | null>(null);
  const [message, setMessage] = useState<{ text: string; kind: StatusKind }>({ text: '', kind: '' });
  const [loadError, setLoadError] = useState('');
  /** Errors found in the form before saving (paths count the form's rule rows). */
  const [formErrors, setFormErrors] = useState<PolicyError[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [lang, setLang] = useState<LocaleSetting>(localeSetting);
  const focusInvalid = useRef(false);
  // What the agent typed for a key the policy refused: the field keeps showing
  // it (marked refused) rather than snapping back, while the saved settings
  // still hold it. Views can arrive out of order (a storage change reloads the
  // page's view while the background may still answer with its cached policy),
  // so an entry stays until the next save or discard, and is shown whenever the
  // view says it is refused or the saved settings still hold what was sent.
  const refusedTyped = useRef<Map<string, { fields: Partial<FormState>; sent: string }>>(new Map());

  const adopt = useCallback((next: PolicyView) => {
    setView(next);
    const refusedKeys = new Set(next.errors.filter((e) => e.source === 'local').map((e) => topKey(e.path)));
    const kept: Partial<FormState> = {};
    for (const [key, entry] of refusedTyped.current) {
      if (refusedKeys.has(key) || JSON.stringify(next.local[key]) === entry.sent)
        Object.assign(kept, entry.fields);
    }
    const f = { ...formFromPolicy(next.policy), ...kept };
    setInitial(f);
    setForm(f);
  }, []);

  const load = useCallback(async () => {
    try {
      adopt(await send('policy/get', {}));
    } catch (error) {
      setLoadError(t('loadFailed', { error: (error as Error).message }));
    }
    // Warnings come from the log's own route; the page works without them.
    send('log/status', {}).then(setStatus, () => setStatus(null));
  }, [adopt]);

  useEffect(() => {
    void load();
    // A policy change (admin push, another options tab) shows up without a reload.
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'managed' || (area === 'local' && 'policy.local' in changes)) void load();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, [load]);

  useEffect(() => {
    if (!focusInvalid.current) return;
    focusInvalid.current = false;
    document.querySelector<HTMLElement>('.policy-form [aria-invalid="true"]')?.focus();
  });

  // Errors that validating the saved settings alone reports; any other local
  // error is the policy refusing a value (see error-text.ts).
  const validationErrors = useMemo(
    () => (view ? [...validateLayer(view.local, 'local').errors, ...formErrors] : formErrors),
    [view, formErrors],
  );
  const shown: ShownError[] = useMemo(
    () =>
      view ? [...view.errors, ...formErrors].map((e) => showError(e, view.policy, validationErrors)) : [],
    [view, formErrors, validationErrors],
  );

  if (loadError) return <p role="alert">{loadError}</p>;
  if (!view || !form || !initial) return <p role="status">{t('loading')}</p>;

  const save = async (e: Event) => {
    e.preventDefault();
    const { layer, changed } = layerFromForm(form, initial, view.local, view.locked);
    if (changed.length === 0) {
      setFormErrors([]);
      setMessage({ text: t('nothingToSave'), kind: 'ok' });
      return;
    }
    // Invalid input is caught here and stays in its field: saved, the policy
    // would drop it (a bad rule would vanish) and fall back to the default.
    const rows = ruleRowsSent(form);
    const invalid = validateLayer(layer, 'local')
      .errors.filter((x) => (changed as string[]).includes(topKey(x.path)))
      .map((x) => ({
        ...x,
        path: x.path.replace(/^fieldRules\[(\d+)\]/, (_, k: string) => `fieldRules[${rows[Number(k)] ?? k}]`),
      }));
    if (invalid.length > 0) {
      setFormErrors(invalid);
      setMessage({ text: t('notSavedInvalid', { n: invalid.length }), kind: 'invalid' });
      focusInvalid.current = true;
      return;
    }
    setFormErrors([]);
    try {
      const next = await send('policy/set-local', { layer });
      const nextValidation = validateLayer(next.local, 'local').errors;
      const refused = next.errors
        .filter((x) => x.source === 'local' && (changed as string[]).includes(topKey(x.path)))
        .filter((x) => showError(x, next.policy, nextValidation).refused);
      refusedTyped.current = new Map();
      for (const key of new Set(refused.map((x) => topKey(x.path) as PolicyKey))) {
        const fields: Partial<FormState> = {};
        for (const f of FORM_FIELDS[key] ?? []) Object.assign(fields, { [f]: form[f] });
        refusedTyped.current.set(key, { fields, sent: JSON.stringify(layer[key]) });
      }
      adopt(next);
      setMessage(
        refused.length
          ? { text: t('savedWithRefusals', { n: refused.length }), kind: 'refused' }
          : { text: t('saved'), kind: 'ok' },
      );
    } catch (error) {
      setMessage({ text: t('saveFailed', { error: (error as Error).message }), kind: 'failed' });
    }
  };
  const reset = async () => {
    setConfirming(false);
    refusedTyped.current = new Map();
    setFormErrors([]);
    adopt(await send('policy/set-local', { layer: {} }));
    setMessage({ text: t('discarded'), kind: 'ok' });
  };
  const changeLanguage = async (setting: LocaleSetting) => {
    await saveLocaleSetting(setting);
    document.documentElement.lang = htmlLang(locale());
    document.title = t('title');
    setLang(setting);
    // Messages already on screen were formatted in the previous language.
    setMessage({ text: t('languageSaved'), kind: 'ok' });
  };

  return (
    <main>
      <h1>{t('title')}</h1>
      <div class="field language">
        <label for="ui-locale">{t('language')}</label>
        <p class="help" id="ui-locale-help">
          {t('languageHelp')}
        </p>
        <select
          id="ui-locale"
          aria-describedby="ui-locale-help"
          value={lang}
          onChange={(e) => void changeLanguage(e.currentTarget.value as LocaleSetting)}
        >
          <option value="auto">{t('languageAuto')}</option>
          <option value="pt" lang="pt-BR">
            Português (Brasil)
          </option>
          <option value="en" lang="en">
            English
          </option>
          <option value="es" lang="es">
            Español
          </option>
        </select>
      </div>
      <p id="managed-state" data-state={view.managed}>
        {t(MANAGED_TEXT[view.managed])}
      </p>
      <p class="help">{t('tightenOnly')}</p>

      {status && (status.warnings.length > 0 || status.pending > 0) && (
        <section aria-labelledby="warn-title" id="warnings">
          <h2 id="warn-title">{t('warningsTitle')}</h2>
          <ul>
            {status.warnings.map((w) => (
              <li key={w.code} data-code={w.code}>
                {pickText(w.message, locale())}
              </li>
            ))}
            {status.pending > 0 && <li>{t('pendingUploads', { n: status.pending })}</li>}
          </ul>
        </section>
      )}

      <section aria-labelledby="errors-title">
        <h2 id="errors-title">{t('errorsTitle')}</h2>
        {shown.length === 0 ? (
          <p id="no-errors">{t('noErrors')}</p>
        ) : (
          <ErrorList errors={shown} id="policy-errors" />
        )}
      </section>

      <form onSubmit={save} aria-labelledby="policy-title" noValidate>
        <h2 id="policy-title">{t('policyTitle')}</h2>
        <p class="help">{t('requiredNote')}</p>
        <PolicyForm
          view={view}
          form={form}
          errors={shown}
          onChange={(patch) => setForm({ ...form, ...patch })}
        />
        <div class="actions">
          <button type="submit" id="save">
            {t('save')}
          </button>
          <button type="button" id="reset" onClick={() => setConfirming(true)}>
            {t('reset')}
          </button>
        </div>
        <p id="save-status" role="status" aria-live="polite" data-kind={message.kind} class={message.kind}>
          {message.text}
        </p>
        <p class="help">{t('version', { v: view.version })}</p>
      </form>
      {confirming && (
        <ConfirmDialog
          id="confirm-reset"
          title={t('confirmResetTitle')}
          body={t('confirmResetBody')}
          confirm={t('confirmResetYes')}
          onConfirm={() => void reset()}
          onCancel={() => setConfirming(false)}
        />
      )}

      <ImportExport
        view={view}
        onApplied={(next) => {
          // The import replaced the saved settings: what was typed before is gone.
          refusedTyped.current = new Map();
          adopt(next);
        }}
      />
      <TryIt policy={view.policy} />
      <VersionFooter version={browser.runtime.getManifest().version} />
    </main>
  );
}
