import { useState } from 'preact/hooks';
import { type Locale, translator } from '../../../shared/i18n';
import { EventsTable, foldRemasks } from '../../../ui/components/events-table';
import type { SubjectReportResponse } from '../../api-types';
import { call } from '../api';
import { uiMessages } from '../messages';
import { MainHeading } from './shared';

/**
 * The LGPD "who saw my data?" answer. The value goes to the collector in a POST
 * body (never a URL), is fingerprinted in memory there and dropped; the field
 * is cleared once the answer arrives so it does not linger on screen.
 */
export function SubjectView({ locale, available }: { locale: Locale; available: boolean }) {
  const t = translator(uiMessages, locale);
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<SubjectReportResponse | null>(null);
  // A re-mask record copies its reveal's fingerprint: fold it into the reveal's row.
  const rows = report ? foldRemasks(report.events) : [];
  return (
    <>
      <MainHeading>{t('tabSubject')}</MainHeading>
      <p>{t('subjectIntro')}</p>
      {!available && (
        <p role="alert" class="sg-error">
          {t('subjectUnavailable')}
        </p>
      )}
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          setBusy(true);
          setError(null);
          try {
            setReport(await call('POST /api/v1/subject-report', { body: { value } }));
            setValue('');
          } catch (e) {
            setError(e instanceof Error ? e.message : String(e));
          } finally {
            setBusy(false);
          }
        }}
      >
        <div class="sg-field">
          <label for="subject-value">{t('subjectValue')}</label>
          <input
            id="subject-value"
            name="value"
            autocomplete="off"
            spellcheck={false}
            required
            disabled={!available}
            value={value}
            onInput={(e) => setValue(e.currentTarget.value)}
          />
        </div>
        <p>
          <button type="submit" disabled={busy || !available}>
            {busy ? t('subjectSearching') : t('subjectSearch')}
          </button>
        </p>
      </form>
      {error && (
        <p role="alert" class="sg-error">
          {t('error', { message: error })}
        </p>
      )}
      <div aria-live="polite">
        {report && (
          <>
            <p>{rows.length === 0 ? t('subjectNone') : t('subjectFound', { n: rows.length })}</p>
            {report.truncated && (
              <p role="status">
                {t('subjectTruncated', { shown: report.events.length, total: report.total })}
              </p>
            )}
            {report.unmatchableEvents > 0 && (
              <p>{t('subjectUnmatchable', { n: report.unmatchableEvents })}</p>
            )}
            {rows.length > 0 && <EventsTable locale={locale} rows={rows} total={rows.length} showAgent />}
          </>
        )}
      </div>
    </>
  );
}
