import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DETECTOR_TYPES } from '../../../src/core/detect/types';
import { DEFAULT_POLICY } from '../../../src/core/policy/defaults';
import { POLICY_KEYS, validateLayer } from '../../../src/core/policy/validate';

const ROOT = path.resolve(__dirname, '../../..');
const EX = path.join(ROOT, 'docs/admin/examples');
const ID = 'baccbjmclojglbemmmnkcnohhkdejlcg';
const json = (p: string) => JSON.parse(readFileSync(p, 'utf8'));

interface SchemaNode {
  type: string;
  description?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  [k: string]: unknown;
}
const schema = json(path.join(ROOT, 'public/managed_schema.json')) as SchemaNode;

describe('admin guide examples are valid policies', () => {
  const base = json(path.join(EX, 'sigilo-policy.json'));

  it('sigilo-policy.json validates with no error and sets every key', () => {
    expect(validateLayer(base, 'managed').errors).toEqual([]);
    expect(Object.keys(base).sort()).toEqual([...POLICY_KEYS].sort());
  });

  it('the Linux, Google Admin console and Firefox files wrap the same policy', () => {
    expect(json(path.join(EX, 'linux/sigilo.json'))['3rdparty'].extensions[ID]).toEqual(base);
    const console = json(path.join(EX, 'google-admin-console.json')) as Record<string, { Value: unknown }>;
    expect(Object.fromEntries(Object.entries(console).map(([k, v]) => [k, v.Value]))).toEqual(base);
    expect(
      json(path.join(EX, 'firefox-policies.json')).policies['3rdparty'].Extensions['sigilo@sigilo.example'],
    ).toEqual(base);
  });

  it.each(['sigilo-chrome.reg', 'sigilo-edge.reg'])('%s holds the same policy as registry values', (file) => {
    const text = readFileSync(path.join(EX, 'windows', file))
      .toString('utf16le')
      .replace(/^\uFEFF/, '');
    expect(text).toContain(`\\3rdparty\\extensions\\${ID}\\policy]`);
    const values: Record<string, unknown> = {};
    for (const line of text.split(/\r?\n/)) {
      const m = /^"([^"]+)"=(?:dword:([0-9a-f]{8})|"(.*)")$/.exec(line);
      if (!m) continue;
      const [, name, dword, str] = m as unknown as [string, string, string | undefined, string | undefined];
      const raw = dword !== undefined ? Number.parseInt(dword, 16) : (str ?? '').replace(/\\(.)/g, '$1');
      // The browser parses REG_SZ JSON for list/object keys, as the schema says.
      const type = schema.properties?.[name]?.type;
      values[name] = type === 'array' || type === 'object' ? JSON.parse(raw as string) : raw;
    }
    expect(values).toEqual(base);
  });
});

/**
 * The companion browser policies (docs/security.md): each key with the type and
 * value that closes a way around Sigilo. A misspelt key or a wrong value in an
 * example would be ignored by the browser (chrome://policy only lists it) and
 * leave that way open on every agent machine copied from it.
 */
const isList = (v: unknown): v is unknown[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const COMPANION: Record<string, { why: string; ok: (v: unknown) => boolean }> = {
  ExtensionSettings: {
    why: 'Sigilo force-installed (cannot be disabled or removed)',
    ok: (v) => {
      const entry = (v as Record<string, { installation_mode?: unknown; update_url?: unknown }> | null)?.[ID];
      return entry?.installation_mode === 'force_installed' && typeof entry.update_url === 'string';
    },
  },
  DeveloperToolsAvailability: { why: '2 = DevTools disallowed', ok: (v) => v === 2 },
  RemoteDebuggingAllowed: { why: 'no --remote-debugging-port', ok: (v) => v === false },
  URLBlocklist: {
    why: 'no javascript: URLs (bookmarklets) and no view-source:',
    ok: (v) => isList(v) && v.includes('javascript://*') && v.includes('view-source:*'),
  },
  ScrollToTextFragmentEnabled: { why: 'no #:~:text= highlighting', ok: (v) => v === false },
  IncognitoModeAvailability: { why: '1 = incognito disabled', ok: (v) => v === 1 },
  BrowserGuestModeEnabled: { why: 'no guest profile', ok: (v) => v === false },
  BrowserAddPersonEnabled: { why: 'no new profile', ok: (v) => v === false },
  ExtensionDeveloperModeSettings: { why: '1 = no developer mode', ok: (v) => v === 1 },
  ExtensionInstallBlocklist: { why: 'no other extension', ok: (v) => isList(v) && v.includes('*') },
  ExtensionInstallAllowlist: { why: 'Sigilo allowed', ok: (v) => isList(v) && v.includes(ID) },
  AutofillAddressEnabled: { why: 'customer addresses not saved in the profile', ok: (v) => v === false },
  AutofillCreditCardEnabled: { why: 'customer cards not saved in the profile', ok: (v) => v === false },
  TranslateEnabled: { why: 'page text not sent for translation', ok: (v) => v === false },
  GenAiDefaultSettings: { why: '2 = generative AI features off', ok: (v) => v === 2 },
  GeminiSettings: { why: '1 = Gemini in Chrome off', ok: (v) => v === 1 },
};

/** Policies of a Windows .reg file (UTF-16LE): values of one key, and `key\Name` subkeys as lists. */
function readRegPolicies(file: string, key: string): Record<string, unknown> {
  const text = readFileSync(file)
    .toString('utf16le')
    .replace(/^\uFEFF/, '');
  const out: Record<string, unknown> = {};
  let section = '';
  for (const line of text.split(/\r?\n/)) {
    const head = /^\[(.+)\]$/.exec(line);
    if (head) {
      section = head[1]!;
      continue;
    }
    const m = /^"([^"]+)"=(?:dword:([0-9a-f]{8})|"(.*)")$/.exec(line);
    if (!m) continue;
    const [, name, dword, str] = m as unknown as [string, string, string | undefined, string | undefined];
    const value = dword !== undefined ? Number.parseInt(dword, 16) : (str ?? '').replace(/\\(.)/g, '$1');
    if (section === key) out[name] = value;
    else if (section.startsWith(`${key}\\`)) {
      const list = section.slice(key.length + 1);
      const items = (out[list] as unknown[] | undefined) ?? [];
      items[Number(name) - 1] = value;
      out[list] = items;
    }
  }
  return out;
}

describe('companion browser policies in the examples', () => {
  const linux = json(path.join(EX, 'linux/agent-browser.json')) as Record<string, unknown>;

  it('linux/agent-browser.json sets every companion policy, each to a value that closes its gap', () => {
    expect(Object.keys(linux).sort()).toEqual(Object.keys(COMPANION).sort());
    for (const [key, { why, ok }] of Object.entries(COMPANION))
      expect(ok(linux[key]), `${key}: ${why}`).toBe(true);
  });

  it('control: the checks refuse a wrong value or a misspelt key', () => {
    expect(COMPANION.DeveloperToolsAvailability!.ok(0)).toBe(false);
    expect(COMPANION.URLBlocklist!.ok(['javascript:*'])).toBe(false);
    expect(COMPANION.ScrollToTextFragmentEnabled!.ok('false')).toBe(false);
    expect(COMPANION.ExtensionSettings!.ok({ [ID]: { installation_mode: 'normal_installed' } })).toBe(false);
    expect(Object.keys(COMPANION)).not.toContain('DeveloperToolAvailability');
  });

  it('windows/agent-browser-chrome.reg holds the same policies (booleans as dword 0/1, lists as subkeys)', () => {
    const reg = readRegPolicies(
      path.join(EX, 'windows/agent-browser-chrome.reg'),
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome',
    );
    const asRegistry = Object.fromEntries(
      Object.entries(linux).map(([k, v]) => [
        k,
        typeof v === 'boolean' ? Number(v) : k === 'ExtensionSettings' ? JSON.stringify(v) : v,
      ]),
    );
    expect(reg).toEqual(asRegistry);
  });
});

describe('managed_schema.json', () => {
  const ALLOWED = new Set(['type', 'properties', 'items', 'description', 'title', 'sensitiveValue']);
  function walk(node: SchemaNode, at: string, visit: (n: SchemaNode, at: string) => void) {
    visit(node, at);
    for (const [k, child] of Object.entries(node.properties ?? {})) walk(child, `${at}.${k}`, visit);
    if (node.items) walk(node.items, `${at}[]`, visit);
  }

  it('describes every policy key, with a type, using only keywords Chrome accepts', () => {
    expect(Object.keys(schema.properties ?? {}).sort()).toEqual([...POLICY_KEYS].sort());
    walk(schema, '', (n, at) => {
      expect(['object', 'array', 'string', 'integer', 'number', 'boolean'], at).toContain(n.type);
      for (const k of Object.keys(n)) expect(ALLOWED.has(k), `${at}: keyword ${k}`).toBe(true);
    });
    for (const [k, n] of Object.entries(schema.properties ?? {})) expect(n.description, k).toBeTruthy();
  });

  it('has a property for every detector in minConfidence and the validator knows every nested key', () => {
    const props = schema.properties ?? {};
    expect(Object.keys(props.detectors?.properties?.minConfidence?.properties ?? {})).toEqual([
      ...DETECTOR_TYPES,
    ]);
    expect(Object.keys(props.limits?.properties ?? {}).sort()).toEqual(
      Object.keys(DEFAULT_POLICY.limits).sort(),
    );
    expect(Object.keys(props.upload?.properties ?? {}).sort()).toEqual(
      Object.keys(DEFAULT_POLICY.upload).sort(),
    );
    // A policy using every schema property validates without "unknown key" errors.
    const { errors } = validateLayer(json(path.join(EX, 'sigilo-policy.json')), 'managed');
    expect(errors.filter((e) => e.message.includes('not a known key'))).toEqual([]);
  });
});
