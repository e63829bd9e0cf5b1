import browser from 'webextension-polyfill';
import type { LogWarning, LogWarningCode } from '../shared/protocol/log';

/**
 * Conditions the agent and the options page must see (storage failing, quota
 * near, uploads refused or failing). Kept in storage.local, not IndexedDB, so a
 * failing database can still be reported.
 */
const KEY = 'sigilo.log.warnings';

const MESSAGES: Record<LogWarningCode, LogWarning['message']> = {
  'storage-failed': {
    pt: 'O registro de revelações não pôde ser gravado; as revelações estão bloqueadas.',
    en: 'The reveal log could not be written; reveals are blocked.',
  },
  'quota-near': {
    pt: 'O armazenamento do navegador está quase cheio; as revelações estão bloqueadas até liberar espaço.',
    en: "The browser's storage is nearly full; reveals are blocked until space is freed.",
  },
  'upload-url-refused': {
    pt: 'O endereço de envio (upload.url) foi recusado: use https (http só para localhost/127.0.0.1).',
    en: 'The upload address (upload.url) was refused: use https (http only for localhost/127.0.0.1).',
  },
  'upload-failing': {
    pt: 'O envio do registro ao coletor está falhando; os eventos ficam guardados e serão reenviados.',
    en: 'Uploading the log to the collector is failing; events are kept and will be re-sent.',
  },
  'chain-broken': {
    pt: 'A verificação de integridade do registro encontrou um elo quebrado.',
    en: "The log's integrity check found a broken link.",
  },
  anomaly: {
    pt: 'Limite de revelações excedido; o evento foi registrado para o supervisor.',
    en: 'Reveal limit exceeded; the event was logged for the supervisor.',
  },
};

// Only the background writes warnings: after one read, memory is the truth (no storage read per reveal).
let cache: LogWarning[] | null = null;

export async function listWarnings(): Promise<LogWarning[]> {
  if (cache) return cache;
  try {
    const items = await browser.storage.local.get(KEY);
    const list = items[KEY];
    cache = Array.isArray(list) ? (list as LogWarning[]) : [];
  } catch {
    return [];
  }
  return cache;
}

let writing: Promise<unknown> = Promise.resolve();

function update(change: (list: LogWarning[]) => LogWarning[]): Promise<void> {
  const run = writing.then(async () => {
    const before = await listWarnings();
    const after = change(before);
    if (JSON.stringify(before) === JSON.stringify(after)) return;
    cache = after;
    await browser.storage.local.set({ [KEY]: after });
  });
  writing = run.catch(() => undefined);
  return run.catch(() => undefined);
}

export function raiseWarning(code: LogWarningCode, detail?: string): Promise<void> {
  const message = detail
    ? { pt: `${MESSAGES[code].pt} (${detail})`, en: `${MESSAGES[code].en} (${detail})` }
    : MESSAGES[code];
  return update((list) => [
    ...list.filter((w) => w.code !== code),
    { code, message, at: new Date().toISOString() },
  ]);
}

export function clearWarning(code: LogWarningCode): Promise<void> {
  return update((list) => list.filter((w) => w.code !== code));
}
