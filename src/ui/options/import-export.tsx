import { useState } from 'preact/hooks';
import { validateLayer } from '../../core/policy/validate';
import { send } from '../../shared/messaging';
import type { PolicyView } from '../../shared/protocol/policy';
import { ConfirmDialog } from './confirm';
import { ErrorList } from './error-list';
import { type ShownError, showError } from './error-text';
import { t } from './t';

/** The effective policy as a file an admin can reuse (secrets are never in it: the page never has them). */
export function exportJson(view: PolicyView): string {
  const { fingerprintKey: _f, ...rest } = view.policy;
  const { token: _t, ...upload } = rest.upload;
  return `${JSON.stringify({ ...rest, upload }, null, 2)}\n`;
}

function download(name: string, content: string) {
  const url = URL.createObjectURL(new Blob([content], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function ImportExport({ view, onApplied }: { view: PolicyView; onApplied: (v: PolicyView) => void }) {
  const [json, setJson] = useState('');
  const [as, setAs] = useState<'local' | 'managed'>('local');
  const [result, setResult] = useState<{ errors: ShownError[]; parseError?: string } | null>(null);
  const [confirming, setConfirming] = useState<Record<string, unknown> | null>(null);

  const parse = (): { ok: true; value: unknown } | { ok: false } => {
    try {
      return { ok: true, value: JSON.parse(json) };
    } catch (error) {
      setResult({ errors: [], parseError: t('invalidJson', { error: (error as Error).message }) });
      return { ok: false };
    }
  };
  const check = async () => {
    const parsed = parse();
    if (!parsed.ok) return;
    const r = await send('policy/check', { json: parsed.value, as });
    const validation = validateLayer(parsed.value, as).errors;
    setResult({ errors: r.errors.map((e) => showError(e, r.policy, validation)) });
  };
  // Applying replaces every saved setting of the agent: it asks first.
  const apply = () => {
    const parsed = parse();
    if (!parsed.ok) return;
    if (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
      setResult({ errors: [], parseError: t('invalidJson', { error: t('notAnObject') }) });
      return;
    }
    setConfirming(parsed.value as Record<string, unknown>);
  };
  const applyConfirmed = async (layer: Record<string, unknown>) => {
    setConfirming(null);
    const next = await send('policy/set-local', { layer });
    const validation = validateLayer(layer, 'local').errors;
    setResult({
      errors: next.errors
        .filter((e) => e.source === 'local')
        .map((e) => showError(e, next.policy, validation)),
    });
    onApplied(next);
  };
  const loadFile = async (file: File | undefined) => {
    if (file) setJson(await file.text());
  };

  return (
    <section aria-labelledby="io-title">
      <h2 id="io-title">{t('importExport')}</h2>
      <button type="button" id="export" onClick={() => download('sigilo-policy.json', exportJson(view))}>
        {t('export')}
      </button>
      <div class="field">
        <label for="import-file">{t('importFile')}</label>
        <input
          id="import-file"
          type="file"
          accept="application/json,.json"
          onChange={(e) => void loadFile(e.currentTarget.files?.[0])}
        />
      </div>
      <div class="field">
        <label for="import-text">{t('importText')}</label>
        <textarea
          id="import-text"
          rows={6}
          spellcheck={false}
          aria-invalid={result?.parseError ? 'true' : undefined}
          aria-describedby={result?.parseError ? 'import-parse-error' : undefined}
          value={json}
          onInput={(e) => setJson(e.currentTarget.value)}
        />
      </div>
      <fieldset class="field">
        <legend>{t('checkAs')}</legend>
        <label class="checkbox">
          <input
            type="radio"
            name="check-as"
            value="local"
            checked={as === 'local'}
            onChange={() => setAs('local')}
          />
          {t('asLocal')}
        </label>
        <label class="checkbox">
          <input
            type="radio"
            name="check-as"
            value="managed"
            checked={as === 'managed'}
            onChange={() => setAs('managed')}
          />
          {t('asManaged')}
        </label>
      </fieldset>
      <div class="actions">
        <button type="button" id="import-check" onClick={() => void check()}>
          {t('check')}
        </button>
        <button type="button" id="import-apply" onClick={apply}>
          {t('applyImport')}
        </button>
      </div>
      {confirming && (
        <ConfirmDialog
          id="confirm-import"
          title={t('confirmImportTitle')}
          body={t('confirmImportBody')}
          confirm={t('confirmImportYes')}
          onConfirm={() => void applyConfirmed(confirming)}
          onCancel={() => setConfirming(null)}
        />
      )}
      <div id="import-result" role="status" aria-live="polite">
        {result?.parseError && (
          <p class="error" id="import-parse-error">
            {result.parseError}
          </p>
        )}
        {result && !result.parseError && (
          <>
            <p>{result.errors.length ? t('importErrors', { n: result.errors.length }) : t('importOk')}</p>
            <ErrorList errors={result.errors} id="import-errors" />
          </>
        )}
      </div>
    </section>
  );
}
