import { formatNumber, type Locale, timeZoneName, translator } from '../../../shared/i18n';
import { kindLabel } from '../../../shared/i18n/labels';
import { formatTime } from '../../../ui/components/events-table';
import { ScrollRegion } from '../../../ui/components/scroll-region';
import { useLoad } from '../../../ui/components/use-load';
import { call } from '../api';
import { type UiMessageKey, uiMessages } from '../messages';
import { LoadState, MainHeading } from './shared';

const ACTIONS = new Set([
  'login',
  'login-failed',
  'login-refused',
  'logout',
  'subject-report',
  'export',
  'access-log-export',
  'account-add',
  'account-password',
  'account-disable',
  'account-enable',
]);

/** The access log's detail (a JSON object) as "name: value" text in the reader's words. */
function detailText(detail: string, locale: Locale): string {
  const t = translator(uiMessages, locale);
  const known = (key: string) => key in uiMessages;
  try {
    const parsed = JSON.parse(detail) as unknown;
    if (!parsed || typeof parsed !== 'object') return '';
    return Object.entries(parsed as Record<string, unknown>)
      .map(([key, value]) => {
        const name = known(`detail_${key}`) ? t(`detail_${key}` as UiMessageKey) : key;
        const text =
          typeof value === 'boolean'
            ? t(value ? 'yes' : 'no')
            : typeof value === 'number'
              ? formatNumber(value, locale)
              : key === 'kind' && typeof value === 'string'
                ? kindLabel(value, locale)
                : known(`value_${String(value)}`)
                  ? t(`value_${String(value)}` as UiMessageKey)
                  : String(value);
        return `${name}: ${text}`;
      })
      .join(' · ');
  } catch {
    return '';
  }
}

/** The audit of the auditors: the collector's own hash-chained access log, checked on every load. */
export function AccessView({ locale }: { locale: Locale }) {
  const t = translator(uiMessages, locale);
  const data = useLoad(() => call('GET /api/v1/access-log', { query: 'limit=1000' }), 'access');
  const zone = timeZoneName(locale);
  return (
    <>
      <MainHeading>{t('tabAccess')}</MainHeading>
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
          <ScrollRegion label={t('tabAccess')}>
            <table class="sg-table">
              <caption class="sg-visually-hidden">{t('tabAccess')}</caption>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">{t('at', { zone })}</th>
                  <th scope="col">{t('actor')}</th>
                  <th scope="col">{t('action')}</th>
                  <th scope="col">{t('detail')}</th>
                </tr>
              </thead>
              <tbody>
                {data.data.entries.map((e) => (
                  <tr key={e.seq} data-action={e.action}>
                    <td>{e.seq}</td>
                    <td>{formatTime(e.at, locale)}</td>
                    <td>{e.actor}</td>
                    <td>
                      {ACTIONS.has(e.action)
                        ? t(`action_${e.action}` as keyof typeof uiMessages)
                        : t('action_other')}
                    </td>
                    <td>{detailText(e.detail, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
    </>
  );
}
