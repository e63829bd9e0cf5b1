import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { pickText } from '../../shared/i18n';
import { kindLabel } from '../../shared/i18n/labels';
import { send } from '../../shared/messaging';
import { type ContentStatus, pushToTab } from '../../shared/protocol/content-push';
import type { LogStatus } from '../../shared/protocol/log';
import type { PolicyView } from '../../shared/protocol/policy';
import { VersionFooter } from '../components/version-footer';
import { locale, t } from './t';

interface TabState {
  id: number | null;
  url: string;
  active: boolean;
  /** null: no content script answered. */
  status: ContentStatus | null;
}

/** The tab the popup is about: the active tab, or `?tabId=` (the popup opened as a page, e.g. by a test or a shortcut). */
async function targetTab(): Promise<browser.Tabs.Tab | undefined> {
  const param = new URLSearchParams(location.search).get('tabId');
  if (param) return browser.tabs.get(Number(param));
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  return tab;
}

async function loadTab(): Promise<TabState> {
  const tab = await targetTab();
  const url = tab?.url ?? '';
  if (tab?.id === undefined || !/^(https?|file):/.test(url))
    return { id: tab?.id ?? null, url, active: false, status: null };
  const { active } = await send('policy/content', { url });
  const status =
    (await pushToTab(browser.tabs.sendMessage, tab.id, 'content/status', {}, { frameId: 0 }).catch(
      () => undefined,
    )) ?? null;
  return { id: tab.id, url, active, status };
}

export function App() {
  const [tab, setTab] = useState<TabState | null>(null);
  const [policy, setPolicy] = useState<PolicyView | null>(null);
  const [log, setLog] = useState<LogStatus | null>(null);

  useEffect(() => {
    void loadTab().then(setTab, () => setTab({ id: null, url: '', active: false, status: null }));
    void send('policy/get', {}).then(setPolicy, () => undefined);
    void send('log/status', {}).then(setLog, () => undefined);
  }, []);

  if (!tab || !policy) return <p role="status">{t('loading')}</p>;

  const isPage = tab.id !== null && /^(https?|file):/.test(tab.url);
  const active = tab.active && (tab.status?.active ?? true);
  const count = tab.status?.maskedCount ?? null;
  const kinds = Object.entries(tab.status?.byKind ?? {}).filter(([, n]) => n > 0);
  const warnings = [
    ...(policy.managed === 'pending' ? [t('managedPending')] : []),
    ...(policy.errors.length ? [t('policyErrors', { n: policy.errors.length })] : []),
    ...(log?.warnings ?? []).map((w) => pickText(w.message, locale())),
  ];
  const openList = async () => {
    if (tab.id === null) return;
    await pushToTab(browser.tabs.sendMessage, tab.id, 'content/list', {}, { frameId: 0 }).catch(
      () => undefined,
    );
    window.close();
  };

  return (
    <main>
      <h1>{t('title')}</h1>
      {!isPage ? (
        <p id="tab-state" data-active="false">
          {t('noPage')}
        </p>
      ) : (
        <>
          <p id="tab-state" data-active={String(active)} class={active ? 'on' : 'off'}>
            <span aria-hidden="true">{active ? '● ' : '○ '}</span>
            {active ? t('active') : t('inactive')}
          </p>
          {!tab.active && <p class="help">{t('inactiveWhy')}</p>}
          {active && (
            <p id="masked-count" data-count={count ?? ''}>
              {count === null ? t('maskedUnknown') : t('masked', { n: count })}
            </p>
          )}
          {active && kinds.length > 0 && (
            <ul id="by-kind" aria-label={t('byKind')}>
              {kinds.map(([kind, n]) => (
                <li key={kind} data-kind={kind}>
                  {t('kindCount', { kind: kindLabel(kind, locale()), n })}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <dl>
        <dt>{t('agent')}</dt>
        <dd id="agent">{policy.policy.agentId || t('agentUnknown')}</dd>
        <dt>{t('pending')}</dt>
        <dd id="pending">
          {log ? t(log.uploadConfigured ? 'pendingCount' : 'pendingNoUpload', { n: log.pending }) : '—'}
        </dd>
      </dl>
      {warnings.length > 0 && (
        <section aria-labelledby="warn-title" id="warnings">
          <h2 id="warn-title">{t('warnings')}</h2>
          <ul>
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </section>
      )}
      <div class="actions">
        <button type="button" id="open-list" disabled={!active || !count} onClick={() => void openList()}>
          {t('openList')}
        </button>
        <button type="button" id="open-options" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('openOptions')}
        </button>
      </div>
      <VersionFooter version={browser.runtime.getManifest().version} />
    </main>
  );
}
