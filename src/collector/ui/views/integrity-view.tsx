import { formatTime } from '../../../ui/components/events-table';
import { IntegrityBadge } from '../../../ui/components/integrity-badge';
import { useLoad } from '../../../ui/components/use-load';
import { type Locale, translator } from '../../../ui/i18n';
import type { IntegrityResponse } from '../../api-types';
import { api } from '../api';
import { uiMessages } from '../messages';
import { LoadState } from './shared';

export function IntegrityView({ locale }: { locale: Locale }) {
  const t = translator(uiMessages, locale);
  const data = useLoad(() => api<IntegrityResponse>('/api/v1/integrity'), 'integrity');
  return (
    <section aria-labelledby="integrity-heading">
      <h2 id="integrity-heading">{t('tabIntegrity')}</h2>
      <button type="button" onClick={data.reload}>
        {t('refresh')}
      </button>
      <LoadState locale={locale} loading={data.loading} error={data.error} />
      {data.data && (
        <>
          <h3>{t('installs')}</h3>
          {data.data.installs.length === 0 ? (
            <p class="sg-empty">{t('noInstalls')}</p>
          ) : (
            <div class="sg-table-wrap">
              <table class="sg-table">
                <thead>
                  <tr>
                    <th scope="col">{t('install')}</th>
                    <th scope="col">{t('agent')}</th>
                    <th scope="col">{t('status')}</th>
                    <th scope="col">{t('received')}</th>
                    <th scope="col">{t('lastSeq')}</th>
                    <th scope="col">{t('reportedHead')}</th>
                    <th scope="col">{t('openGaps')}</th>
                    <th scope="col">{t('lastSeen')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.data.installs.map((i) => (
                    <tr key={i.installId} data-install-id={i.installId}>
                      <th scope="row">{i.installId}</th>
                      <td>{i.agentId || '—'}</td>
                      <td>
                        <IntegrityBadge locale={locale} status={i.status} />
                      </td>
                      <td>{i.events}</td>
                      <td>{i.maxSeq}</td>
                      <td>{i.reportedHead.seq}</td>
                      <td>
                        {i.openGaps
                          .map((g) => (g.from === g.to ? `${g.from}` : `${g.from}–${g.to}`))
                          .join(', ') || '—'}
                      </td>
                      <td>{formatTime(i.lastSeenAt, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h3>{t('findings')}</h3>
          {data.data.findings.length === 0 ? (
            <p class="sg-empty">{t('noFindings')}</p>
          ) : (
            <div class="sg-table-wrap">
              <table class="sg-table">
                <thead>
                  <tr>
                    <th scope="col">{t('detectedAt')}</th>
                    <th scope="col">{t('install')}</th>
                    <th scope="col">{t('finding')}</th>
                    <th scope="col">{t('seqRange')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.data.findings.map((f) => (
                    <tr key={f.id}>
                      <td>{formatTime(f.detectedAt, locale)}</td>
                      <td>{f.installId}</td>
                      <td>{t(`finding_${f.kind}`)}</td>
                      <td>{f.seq === f.toSeq ? f.seq : `${f.seq}–${f.toSeq}`}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
