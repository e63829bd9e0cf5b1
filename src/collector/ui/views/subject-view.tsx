import { useState } from 'preact/hooks';
import { type Locale, translator } from '../../../shared/i18n';
import { EventsTable } from '../../../ui/components/events-table';
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
            <p>
              {report.events.length === 0 ? t('subjectNone') : t('subjectFound', { n: report.events.length })}
            </p>
            {report.truncated && (
              <p role="status">
                {t('subjectTruncated', { shown: report.events.length, total: report.total })}
              </p>
            )}
            {report.unmatchableEvents > 0 && (
              <p>{t('subjectUnmatchable', { n: report.unmatchableEvents })}</p>
            )}
            {report.events.length > 0 && (
              <EventsTable locale={locale} rows={report.events} total={report.events.length} showAgent />
            )}
          </>
        )}
      </div>
    </>
  );
}
