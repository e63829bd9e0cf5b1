import { useEffect, useState } from 'preact/hooks';
// Only `version` is bundled (named JSON import): the rest of package.json stays out of the page.
import { version } from '../../../package.json';
import { EMPTY_FILTERS, type FilterValues } from '../../ui/components/filter-values';
import { VersionFooter } from '../../ui/components/version-footer';
import { type Locale, translator } from '../../ui/i18n';
import type { SessionInfo } from '../api-types';
import { call, RequestError, setCsrfToken } from './api';
import { uiMessages } from './messages';
import { AccessView } from './views/access-view';
import { AnomaliesView } from './views/anomalies-view';
import { EventsView } from './views/events-view';
import { IntegrityView } from './views/integrity-view';
import { LoginView } from './views/login-view';
import { SubjectView } from './views/subject-view';
import { VolumeView } from './views/volume-view';

type Tab = 'events' | 'volume' | 'anomalies' | 'integrity' | 'subject' | 'access';
// Data-subject reports and the access log are the auditor's (the server enforces it; this only hides them).
const TABS: {
  id: Tab;
  label: 'tabEvents' | 'tabVolume' | 'tabAnomalies' | 'tabIntegrity' | 'tabSubject' | 'tabAccess';
  auditor?: true;
}[] = [
  { id: 'events', label: 'tabEvents' },
  { id: 'volume', label: 'tabVolume' },
  { id: 'anomalies', label: 'tabAnomalies' },
  { id: 'integrity', label: 'tabIntegrity' },
  { id: 'subject', label: 'tabSubject', auditor: true },
  { id: 'access', label: 'tabAccess', auditor: true },
];

export function App({ locale }: { locale: Locale }) {
  const t = translator(uiMessages, locale);
  const [session, setSession] = useState<SessionInfo | null | undefined>(undefined);
  const [tab, setTab] = useState<Tab>('events');
  const [filters, setFilters] = useState<FilterValues>(EMPTY_FILTERS);

  useEffect(() => {
    document.title = t('appTitle');
    call('GET /api/v1/session').then(
      (s) => {
        setCsrfToken(s.csrfToken);
        setSession(s);
      },
      (error: unknown) => {
        if (!(error instanceof RequestError && error.status === 401)) console.warn('session check failed');
        setSession(null);
      },
    );
  }, [t]);

  const signedIn = (s: SessionInfo) => {
    setCsrfToken(s.csrfToken);
    setSession(s);
  };

  if (session === undefined) return <p>{t('loading')}</p>;
  if (session === null)
    return (
      <>
        <LoginView locale={locale} onSignedIn={signedIn} />
        <VersionFooter version={version} />
      </>
    );

  return (
    <>
      <header class="sg-header">
        <h1>{t('appTitle')}</h1>
        <p>
          {t('signedInAs', { user: session.username })}{' '}
          <button
            type="button"
            onClick={async () => {
              await call('POST /api/v1/logout').catch(() => undefined);
              setSession(null);
            }}
          >
            {t('logout')}
          </button>
        </p>
        <nav aria-label={t('nav')} class="sg-tabs">
          {TABS.filter((item) => !item.auditor || session.auditor).map((item) => (
            <button
              key={item.id}
              type="button"
              aria-current={tab === item.id ? 'page' : undefined}
              onClick={() => setTab(item.id)}
            >
              {t(item.label)}
            </button>
          ))}
        </nav>
      </header>
      <main>
        {tab === 'events' && <EventsView locale={locale} filters={filters} onFilters={setFilters} />}
        {tab === 'volume' && <VolumeView locale={locale} filters={filters} onFilters={setFilters} />}
        {tab === 'anomalies' && <AnomaliesView locale={locale} filters={filters} onFilters={setFilters} />}
        {tab === 'integrity' && <IntegrityView locale={locale} />}
        {tab === 'subject' && <SubjectView locale={locale} available={session.subjectReportAvailable} />}
        {tab === 'access' && <AccessView locale={locale} />}
      </main>
      <VersionFooter version={version} />
    </>
  );
}
