import { formatTime } from '../../../ui/components/events-table';
import { useLoad } from '../../../ui/components/use-load';
import { type Locale, translator } from '../../../ui/i18n';
import { call } from '../api';
import { uiMessages } from '../messages';
import { LoadState } from './shared';

/** The audit of the auditors: the collector's own hash-chained access log, checked on every load. */
export function AccessView({ locale }: { locale: Locale }) {
  const t = translator(uiMessages, locale);
  const data = useLoad(() => call('GET /api/v1/access-log', { query: 'limit=1000' }), 'access');
  return (
    <section aria-labelledby="access-heading">
      <h2 id="access-heading">{t('tabAccess')}</h2>
      <p>
        <button type="button" onClick={data.reload}>
          {t('refresh')}
        </button>{' '}
        <a href="/api/v1/access-log/export" download>
          {t('exportAccess')}
        </a>
      </p>
      <LoadState locale={locale} loading={data.loading} error={data.error} />
      {data.data && (
        <>
          <p role="status">
            {data.data.verification.ok
              ? t('accessChainOk', { n: data.data.verification.entries })
              : t('accessChainBroken', { seq: data.data.verification.brokenAt ?? 0 })}
          </p>
          <div class="sg-table-wrap">
            <table class="sg-table" aria-labelledby="access-heading">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">{t('detectedAt')}</th>
                  <th scope="col">{t('actor')}</th>
                  <th scope="col">{t('action')}</th>
                  <th scope="col">{t('detail')}</th>
                </tr>
              </thead>
              <tbody>
                {data.data.entries.map((e) => (
                  <tr key={e.seq}>
                    <td>{e.seq}</td>
                    <td>{formatTime(e.at, locale)}</td>
                    <td>{e.actor}</td>
                    <td>{e.action}</td>
                    <td>
                      <code>{e.detail}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
