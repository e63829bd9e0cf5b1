import { useState } from 'preact/hooks';
import { type Locale, translator } from '../../shared/i18n';
import { componentMessages } from './messages';

export type ExportFormat = 'csv' | 'ndjson';

/** Two buttons that run an export; errors are shown next to them, not swallowed. */
export function ExportButtons({
  locale,
  onExport,
}: {
  locale: Locale;
  onExport: (format: ExportFormat) => Promise<void>;
}) {
  const t = translator(componentMessages, locale);
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (format: ExportFormat) => {
    setBusy(format);
    setError(null);
    try {
      await onExport(format);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <div class="sg-export">
      <button type="button" disabled={busy !== null} onClick={() => run('csv')}>
        {busy === 'csv' ? t('exporting') : t('exportCsv')}
      </button>
      <button type="button" disabled={busy !== null} onClick={() => run('ndjson')}>
        {busy === 'ndjson' ? t('exporting') : t('exportNdjson')}
      </button>
      {error && (
        <p role="alert" class="sg-error">
          {t('exportFailed', { error })}
        </p>
      )}
    </div>
  );
}

/** Save text as a file from a page (extension page: data comes from the background as a string). */
export function downloadText(filename: string, mime: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
