import { useCallback, useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { send } from '../../shared/messaging';
import type { LogStatus } from '../../shared/protocol/log';
import type { PolicyView } from '../../shared/protocol/policy';
import { VersionFooter } from '../components/version-footer';
import { pickText } from '../i18n';
import { ErrorList } from './error-list';
import { type FormState, formFromPolicy, layerFromForm } from './form-model';
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

export function App() {
  const [view, setView] = useState<PolicyView | null>(null);
  const [initial, setInitial] = useState<FormState | null>(null);
  const [form, setForm] = useState<FormState | null>(null);
  const [status, setStatus] = useState<LogStatus | null>(null);
  const [message, setMessage] = useState('');
  const [loadError, setLoadError] = useState('');

  const adopt = useCallback((next: PolicyView) => {
    setView(next);
    const f = formFromPolicy(next.policy);
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

  if (loadError) return <p role="alert">{loadError}</p>;
  if (!view || !form || !initial) return <p role="status">{t('loading')}</p>;

  const save = async (e: Event) => {
    e.preventDefault();
    const { layer, changed } = layerFromForm(form, initial, view.local, view.locked);
    if (changed.length === 0) {
      setMessage(t('nothingToSave'));
      return;
    }
    try {
      const next = await send('policy/set-local', { layer });
      adopt(next);
      const ignored = next.errors.filter((x) => x.source === 'local').length;
      setMessage(ignored ? t('savedWithErrors', { n: ignored }) : t('saved'));
    } catch (error) {
      setMessage(t('saveFailed', { error: (error as Error).message }));
    }
  };
  const reset = async () => {
    adopt(await send('policy/set-local', { layer: {} }));
    setMessage(t('saved'));
  };

  return (
    <main>
      <h1>{t('title')}</h1>
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
                {pickText(w.message, locale)}
              </li>
            ))}
            {status.pending > 0 && <li>{t('pendingUploads', { n: status.pending })}</li>}
          </ul>
        </section>
      )}

      <section aria-labelledby="errors-title">
        <h2 id="errors-title">{t('errorsTitle')}</h2>
        {view.errors.length === 0 ? (
          <p id="no-errors">{t('noErrors')}</p>
        ) : (
          <ErrorList errors={view.errors} id="policy-errors" />
        )}
      </section>

      <form onSubmit={save} aria-labelledby="policy-title">
        <h2 id="policy-title">{t('policyTitle')}</h2>
        <PolicyForm view={view} form={form} onChange={(patch) => setForm({ ...form, ...patch })} />
        <div class="actions">
          <button type="submit" id="save">
            {t('save')}
          </button>
          <button type="button" id="reset" onClick={() => void reset()}>
            {t('reset')}
          </button>
        </div>
        <p id="save-status" role="status" aria-live="polite">
          {message}
        </p>
        <p class="help">{t('version', { v: view.version })}</p>
      </form>

      <ImportExport view={view} onApplied={adopt} />
      <TryIt policy={view.policy} />
      <VersionFooter version={browser.runtime.getManifest().version} />
    </main>
  );
}
