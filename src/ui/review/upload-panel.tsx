import { useEffect, useState } from 'preact/hooks';
import { type Locale, pickText, timeZoneName, translator } from '../../shared/i18n';
import { send } from '../../shared/messaging';
import { formatTime } from '../components/events-table';
import { useLoad } from '../components/use-load';
import { reviewMessages } from './messages';

/** Upload state from the background, and the "upload now" button (issue 7, item 1). */
export function UploadPanel({ locale, onUploaded }: { locale: Locale; onUploaded: () => void }) {
  const t = translator(reviewMessages, locale);
  const status = useLoad(() => send('log/status', {}), 'status');
  // The background's state moves on its own (new reveals, scheduled uploads, a
  // managed policy that arrives after the page opened): keep the panel current.
  const { reload } = status;
  useEffect(() => {
    const timer = setInterval(reload, 5_000);
    return () => clearInterval(timer);
  }, [reload]);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const s = status.data;
  // Every time on the page is in the viewer's zone, named (as in the table's header).
  const zone = timeZoneName(locale);
  const when = (iso: string | null) => (iso ? `${formatTime(iso, locale)} (${zone})` : t('never'));

  return (
    <section aria-labelledby="upload-heading">
      <h2 id="upload-heading">{t('uploadHeading')}</h2>
      {status.error && (
        <p role="alert" class="sg-error">
          {t('error', { message: status.error })}
        </p>
      )}
      {s && (
        <>
          {!s.uploadConfigured && <p>{t('uploadNotConfigured')}</p>}
          <p data-testid="upload-pending">{t('pending', { pending: s.pending, total: s.total })}</p>
          {s.lastUpload && (
            <p>
              {t('lastAttempt', {
                when: when(s.lastUpload.at),
                result: s.lastUpload.ok
                  ? t('attemptOk', { n: s.lastUpload.events })
                  : t('attemptFailed', { error: s.lastUpload.error ?? '?' }),
              })}
            </p>
          )}
          <p>{t('lastSuccess', { when: when(s.lastSuccessAt) })}</p>
          {s.nextAttemptAt && <p>{t('nextAttempt', { when: when(s.nextAttemptAt) })}</p>}
          {s.warnings.length > 0 && (
            <div role="alert">
              <h3>{t('warnings')}</h3>
              <ul>
                {s.warnings.map((w) => (
                  <li key={w.code}>{pickText(w.message, locale)}</li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
      <button
        type="button"
        disabled={busy || !s?.uploadConfigured}
        onClick={async () => {
          setBusy(true);
          setMessage(null);
          try {
            const result = await send('upload/now', {});
            if (!result.attempted || !result.result) setMessage(t('uploadNothing'));
            else if (result.result.ok) setMessage(t('uploadDone', { n: result.result.events }));
            else setMessage(t('uploadFailed', { error: result.result.error ?? '?' }));
          } catch (error) {
            setMessage(t('uploadFailed', { error: error instanceof Error ? error.message : String(error) }));
          } finally {
            setBusy(false);
            status.reload();
            onUploaded();
          }
        }}
      >
        {busy ? t('uploading') : t('uploadNow')}
      </button>
      <p role="status" data-testid="upload-message">
        {message ?? ''}
      </p>
    </section>
  );
}
