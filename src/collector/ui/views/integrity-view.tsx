import { useState } from 'preact/hooks';
import { formatTime } from '../../../ui/components/events-table';
import { IntegrityBadge } from '../../../ui/components/integrity-badge';
import { useLoad } from '../../../ui/components/use-load';
import { type Locale, translator } from '../../../ui/i18n';
import type { FindingsResponse } from '../../api-types';
import { call } from '../api';
import { uiMessages } from '../messages';
import { LoadState } from './shared';

export function IntegrityView({ locale }: { locale: Locale }) {
  const t = translator(uiMessages, locale);
  const data = useLoad(() => call('GET /api/v1/integrity'), 'integrity');
  const [focus, setFocus] = useState<{ install: string; page: FindingsResponse; offset: number } | null>(
    null,
  );
  const PAGE = 100;
  const openInstall = async (install: string, offset: number) => {
    const page = await call('GET /api/v1/integrity/findings', {
      query: new URLSearchParams({ install, offset: String(offset), limit: String(PAGE) }).toString(),
    });
    setFocus({ install, page, offset });
  };
  const shown = focus ? focus.page.findings : (data.data?.findings ?? []);
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
                    <th scope="col">{t('signed')}</th>
                    <th scope="col">{t('findingsCount')}</th>
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
                      <td>{i.signed === null ? '—' : i.signed ? t('yes') : t('no')}</td>
                      <td>
                        {i.findings > 0 ? (
                          <button type="button" onClick={() => void openInstall(i.installId, 0)}>
                            {i.findings}
                          </button>
                        ) : (
                          0
                        )}
                      </td>
                      <td>{formatTime(i.lastSeenAt, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h3>{focus ? `${t('findings')}: ${focus.install}` : t('findings')}</h3>
          {focus ? (
            <p>
              {focus.offset + 1}–{focus.offset + focus.page.findings.length} / {focus.page.total}{' '}
              {focus.offset > 0 && (
                <button type="button" onClick={() => void openInstall(focus.install, focus.offset - PAGE)}>
                  ←
                </button>
              )}
              {focus.offset + PAGE < focus.page.total && (
                <button type="button" onClick={() => void openInstall(focus.install, focus.offset + PAGE)}>
                  →
                </button>
              )}{' '}
              <button type="button" onClick={() => setFocus(null)}>
                {t('refresh')}
              </button>
            </p>
          ) : (
            <p>{t('findingsShown', { total: data.data.findingsTotal })}</p>
          )}
          {shown.length === 0 ? (
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
                  {shown.map((f) => (
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
