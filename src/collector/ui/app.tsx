import { useEffect, useRef, useState } from 'preact/hooks';
// Only `version` is bundled (named JSON import): the rest of package.json stays out of the page.
import { version } from '../../../package.json';
import { type Locale, translator } from '../../shared/i18n';
import { EMPTY_FILTERS, type FilterValues } from '../../ui/components/filter-values';
import { VersionFooter } from '../../ui/components/version-footer';
import type { SessionInfo } from '../api-types';
import { call, RequestError, setCsrfToken } from './api';
import { chooseLocale, LOCALE_NAMES } from './locale';
import { uiMessages } from './messages';
import { AccessView } from './views/access-view';
import { AgentView } from './views/agent-view';
import { AnomaliesView } from './views/anomalies-view';
import { EventsView } from './views/events-view';
import { IntegrityView } from './views/integrity-view';
import { LoginView } from './views/login-view';
import { SubjectView } from './views/subject-view';
import { TodayView } from './views/today-view';
import { VolumeView } from './views/volume-view';

type Tab = 'today' | 'events' | 'volume' | 'anomalies' | 'integrity' | 'subject' | 'access';
// Data-subject reports and the access log are the auditor's (the server enforces it; this only hides them).
const TABS: {
  id: Tab;
  label:
    | 'tabToday'
    | 'tabEvents'
    | 'tabVolume'
    | 'tabAnomalies'
    | 'tabIntegrity'
    | 'tabSubject'
    | 'tabAccess';
  auditor?: true;
}[] = [
  { id: 'today', label: 'tabToday' },
  { id: 'anomalies', label: 'tabAnomalies' },
  { id: 'events', label: 'tabEvents' },
  { id: 'volume', label: 'tabVolume' },
  { id: 'integrity', label: 'tabIntegrity' },
  { id: 'subject', label: 'tabSubject', auditor: true },
  { id: 'access', label: 'tabAccess', auditor: true },
];

export function App({ initialLocale }: { initialLocale: Locale }) {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const t = translator(uiMessages, locale);
  const [session, setSession] = useState<SessionInfo | null | undefined>(undefined);
  const [tab, setTab] = useState<Tab>('today');
  const [agent, setAgent] = useState<string | null>(null);
  const [filters, setFilters] = useState<FilterValues>(EMPTY_FILTERS);
  // After sign-in and on every change of screen, focus goes to the screen's
  // heading: a screen-reader user hears where they are, and Tab starts there.
  const focusHeading = useRef(false);

  useEffect(() => {
    document.title = translator(uiMessages, locale)('appTitle');
  }, [locale]);

  useEffect(() => {
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
  }, []);

  useEffect(() => {
    if (!focusHeading.current || !session) return;
    focusHeading.current = false;
    document.getElementById('main-heading')?.focus();
  });

  const go = (next: Tab) => {
    focusHeading.current = true;
    setAgent(null);
    setTab(next);
  };
  const openAgent = (agentId: string) => {
    focusHeading.current = true;
    setAgent(agentId);
  };
  const signedIn = (s: SessionInfo) => {
    setCsrfToken(s.csrfToken);
    focusHeading.current = true;
    setTab('today');
    setAgent(null);
    setSession(s);
  };
  const header = (
    <header class="sg-header">
      <p class="sg-brand">{t('appTitle')}</p>
      <div class="sg-header-tools">
        <div class="sg-inline-field">
          <label for="ui-language">{t('language')}</label>
          <select
            id="ui-language"
            value={locale}
            onChange={(e) => {
              const next = LOCALE_NAMES.find((l) => l.locale === e.currentTarget.value)?.locale;
              if (!next) return;
              chooseLocale(next);
              setLocale(next);
            }}
          >
            {LOCALE_NAMES.map((l) => (
              <option key={l.locale} value={l.locale} lang={l.lang}>
                {l.name}
              </option>
            ))}
          </select>
        </div>
        {session && (
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
        )}
      </div>
      {session && (
        <nav aria-label={t('nav')} class="sg-tabs">
          {TABS.filter((item) => !item.auditor || session.auditor).map((item) => (
            <button
              key={item.id}
              type="button"
              aria-current={!agent && tab === item.id ? 'page' : undefined}
              onClick={() => go(item.id)}
            >
              {t(item.label)}
            </button>
          ))}
        </nav>
      )}
    </header>
  );

  if (session === undefined)
    return (
      <>
        {header}
        <main>
          <p>{t('loading')}</p>
        </main>
      </>
    );
  if (session === null)
    return (
      <>
        {header}
        <LoginView locale={locale} onSignedIn={signedIn} />
        <VersionFooter version={version} />
      </>
    );

  const shared = { locale, filters, onFilters: setFilters, onAgent: openAgent };
  return (
    <>
      {header}
      <main>
        {agent !== null ? (
          <AgentView locale={locale} agentId={agent} onBack={() => go(tab)} />
        ) : (
          <>
            {tab === 'today' && <TodayView locale={locale} onAgent={openAgent} />}
            {tab === 'events' && <EventsView {...shared} />}
            {tab === 'volume' && <VolumeView {...shared} />}
            {tab === 'anomalies' && <AnomaliesView {...shared} />}
            {tab === 'integrity' && <IntegrityView locale={locale} />}
            {tab === 'subject' && <SubjectView locale={locale} available={session.subjectReportAvailable} />}
            {tab === 'access' && <AccessView locale={locale} />}
          </>
        )}
      </main>
      <VersionFooter version={version} />
    </>
  );
}
