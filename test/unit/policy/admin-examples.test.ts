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
