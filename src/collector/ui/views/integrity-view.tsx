import { useState } from 'preact/hooks';
import { formatNumber, type Locale, timeZoneName, translator } from '../../../shared/i18n';
import { formatTime } from '../../../ui/components/events-table';
import { IntegrityBadge } from '../../../ui/components/integrity-badge';
import { ScrollRegion } from '../../../ui/components/scroll-region';
import { useLoad } from '../../../ui/components/use-load';
import type { FindingsResponse } from '../../api-types';
import { call } from '../api';
import { uiMessages } from '../messages';
import { LoadState, MainHeading } from './shared';

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
  const zone = timeZoneName(locale);
  const findingName = (kind: string) => {
    const key = `finding_${kind}`;
    return key in uiMessages ? t(key as keyof typeof uiMessages) : t('finding_unknown');
  };
  return (
    <>
      <MainHeading>{t('tabIntegrity')}</MainHeading>
      <button type="button" onClick={data.reload}>
        {t('refresh')}
      </button>
      <LoadState locale={locale} loading={data.loading} error={data.error} />
      {data.data && (
        <>
          <h2 id="installs-heading">{t('installs')}</h2>
          {data.data.installs.length === 0 ? (
            <p class="sg-empty">{t('noInstalls')}</p>
          ) : (
            <ScrollRegion label={t('installs')}>
              <table class="sg-table" aria-labelledby="installs-heading">
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
                    <th scope="col">{t('lastSeen', { zone })}</th>
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
                      <td>{formatNumber(i.events, locale)}</td>
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
                          <button
                            type="button"
                            aria-label={t('showFindings', { n: i.findings, install: i.installId })}
                            onClick={() => void openInstall(i.installId, 0)}
                          >
                            {formatNumber(i.findings, locale)}
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
            </ScrollRegion>
          )}
          <h2 id="findings-heading">{focus ? t('findingsOf', { install: focus.install }) : t('findings')}</h2>
          {focus ? (
            <p>
              {t('findingsPage', {
                first: focus.offset + 1,
                last: focus.offset + focus.page.findings.length,
                total: focus.page.total,
              })}{' '}
              {focus.offset > 0 && (
                <button type="button" onClick={() => void openInstall(focus.install, focus.offset - PAGE)}>
                  {t('previous')}
                </button>
              )}
              {focus.offset + PAGE < focus.page.total && (
                <button type="button" onClick={() => void openInstall(focus.install, focus.offset + PAGE)}>
                  {t('next')}
                </button>
              )}{' '}
              <button type="button" onClick={() => setFocus(null)}>
                {t('backToAll')}
              </button>
            </p>
          ) : (
            <p>{t('findingsShown', { total: data.data.findingsTotal })}</p>
          )}
          {shown.length === 0 ? (
            <p class="sg-empty">{t('noFindings')}</p>
          ) : (
            <ScrollRegion label={t('findings')}>
              <table class="sg-table" aria-labelledby="findings-heading">
                <thead>
                  <tr>
                    <th scope="col">{t('detectedAt', { zone })}</th>
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
                      <td>{findingName(f.kind)}</td>
                      <td>{f.seq === f.toSeq ? f.seq : `${f.seq}–${f.toSeq}`}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
        </>
      )}
    </>
  );
}
