import { describe, expect, it } from 'vitest';
import { DETECTOR_TYPES } from '../../../src/core/detect/types';
import { DEFAULT_POLICY } from '../../../src/core/policy/defaults';
import { resolvePolicy } from '../../../src/core/policy/merge';
import { validateLayer } from '../../../src/core/policy/validate';

const paths = (raw: unknown) => validateLayer(raw, 'managed').errors.map((e) => e.path);

describe('validateLayer', () => {
  it('accepts a complete valid policy without errors', () => {
    const raw = {
      sites: ['https://crm.example.com/*'],
      excludeSites: ['https://crm.example.com/public/*'],
      detectors: { enabled: ['CPF', 'CARD'], minConfidence: { CPF: 0.9 } },
      fieldRules: [
        {
          id: 'protocol',
          selector: '[data-protocolo]',
          kind: 'PROTOCOLO',
          sites: ['https://crm.example.com/*'],
        },
      ],
      ignoreSelectors: ['.help'],
      maskStyle: 'full',
      keepLast: 4,
      revealSeconds: 10,
      reasons: [{ id: 'r1', label: { pt: 'Pedido', en: 'Request' }, requiresText: false }],
      limits: { perHour: 5, perFiveMinutes: 2, onExceed: 'flag' },
      upload: {
        url: 'https://logs.example.com/ingest',
        token: 't',
        intervalMinutes: 5,
        format: 'splunk-hec',
      },
      retentionDays: 30,
      agentId: 'ana@example.com',
      fingerprintKey: 'k',
      logUrl: 'origin',
    };
    const { values, errors } = validateLayer(raw, 'managed');
    expect(errors).toEqual([]);
    expect(values).toEqual(raw);
  });

  it('falls back to the safe default for each bad field and names its path', () => {
    const { values, errors } = validateLayer(
      {
        revealSeconds: 'forever',
        keepLast: 12,
        maskStyle: 'blur',
        limits: { perHour: -1, onExceed: 'ignore' },
        detectors: { enabled: ['CPF', 'PASSPORT'] },
        sites: ['https://crm.example.com/*', 'crm.example.com'],
        excludeSites: ['https://ok.example.com/*', 'bad'],
        fieldRules: [{ selector: 'div[', kind: 'X' }, { selector: '#ok', kind: 'PROTO' }, 'nope'],
        upload: { url: 'http://logs.example.com/' },
        revealSecondz: 3,
      },
      'managed',
    );
    expect(values.revealSeconds).toBe(DEFAULT_POLICY.revealSeconds);
    expect(values.keepLast).toBe(DEFAULT_POLICY.keepLast);
    expect(values.maskStyle).toBe(DEFAULT_POLICY.maskStyle);
    expect(values.limits).toEqual(DEFAULT_POLICY.limits);
    expect(values.detectors?.enabled).toEqual([...DETECTOR_TYPES]);
    expect(values.sites).toEqual(DEFAULT_POLICY.sites);
    expect(values.excludeSites).toEqual(['https://ok.example.com/*']);
    expect(values.fieldRules).toEqual([{ id: 'rule-2', selector: '#ok', kind: 'PROTO' }]);
    expect(values.upload?.url).toBe('');
    const p = errors.map((e) => e.path);
    for (const path of [
      'revealSeconds',
      'keepLast',
      'maskStyle',
      'limits.perHour',
      'limits.onExceed',
      'detectors.enabled[1]',
      'sites[1]',
      'excludeSites[1]',
      'fieldRules[0].selector',
      'fieldRules[2]',
      'upload.url',
      'revealSecondz',
    ])
      expect(p).toContain(path);
    expect(errors.every((e) => e.source === 'managed' && e.message.length > 0)).toBe(true);
  });

  it('never throws on non-object input', () => {
    for (const raw of [null, undefined, 1, 'x', [], true])
      expect(() => validateLayer(raw, 'local')).not.toThrow();
    expect(paths([])).toEqual(['']);
  });

  it('refuses selectors that could inject CSS rules', () => {
    expect(paths({ ignoreSelectors: ['a{}body{display:none'] })).toEqual(['ignoreSelectors[0]']);
  });

  it('accepts integers given as strings (registry/policies.json editors)', () => {
    expect(validateLayer({ revealSeconds: '15' }, 'managed').values.revealSeconds).toBe(15);
  });
});

describe('resolvePolicy: managed > local > defaults', () => {
  it('uses defaults when nothing is set', () => {
    const r = resolvePolicy(undefined, undefined);
    expect(r.policy).toEqual(DEFAULT_POLICY);
    expect(r.locked).toEqual([]);
    expect(r.errors).toEqual([]);
  });

  it('locks every managed key, even a bad one, and ignores local values for it', () => {
    const r = resolvePolicy({ revealSeconds: 10, keepLast: 'x' }, { revealSeconds: 5, keepLast: 0 });
    expect(r.locked).toEqual(['keepLast', 'revealSeconds']);
    expect(r.policy.revealSeconds).toBe(10);
    expect(r.policy.keepLast).toBe(DEFAULT_POLICY.keepLast);
  });

  it('lets managed policy loosen (admin decision) but never local', () => {
    const managed = resolvePolicy(
      { revealSeconds: 120, excludeSites: ['https://intranet.example.com/*'] },
      undefined,
    );
    expect(managed.policy.revealSeconds).toBe(120);
    const local = resolvePolicy(undefined, {
      revealSeconds: 120,
      excludeSites: ['https://intranet.example.com/*'],
      sites: ['https://crm.example.com/*'],
      detectors: { enabled: ['CPF'] },
      maskStyle: 'partial',
      keepLast: 4,
      limits: { perHour: 100, onExceed: 'flag' },
      ignoreSelectors: ['body'],
      reasons: [{ id: 'x', label: 'x' }],
    });
    expect(local.policy).toEqual(DEFAULT_POLICY);
    const errorPaths = local.errors.map((e) => e.path);
    for (const p of [
      'revealSeconds',
      'excludeSites',
      'sites',
      'detectors.enabled',
      'keepLast',
      'limits.perHour',
      'limits.onExceed',
      'ignoreSelectors',
      'reasons',
    ])
      expect(errorPaths).toContain(p);
    expect(local.errors.every((e) => e.source === 'local')).toBe(true);
  });

  it('applies local tightenings', () => {
    const r = resolvePolicy(
      {
        sites: ['https://crm.example.com/*'],
        excludeSites: ['https://crm.example.com/help/*'],
        revealSeconds: 60,
      },
      {
        revealSeconds: 10,
        maskStyle: 'full',
        limits: { perHour: 5, perFiveMinutes: 2, onExceed: 'refuse' },
        fieldRules: [{ id: 'mine', selector: '.protocolo', kind: 'PROTOCOLO' }],
        agentId: 'ana',
      },
    );
    expect(r.policy.revealSeconds).toBe(60); // locked by management
    expect(r.policy.maskStyle).toBe('full');
    expect(r.policy.limits).toEqual({ perHour: 5, perFiveMinutes: 2, onExceed: 'refuse' });
    expect(r.policy.fieldRules.map((f) => f.id)).toEqual(['mine']);
    expect(r.policy.agentId).toBe('ana');
    expect(r.errors).toEqual([]);
  });

  it('lets an agent add sites and remove excludes only where not managed', () => {
    const r = resolvePolicy(
      { detectors: { enabled: ['CPF'] } },
      { sites: ['http://*/*', 'https://*/*', 'file:///*'], detectors: { enabled: ['CPF', 'CARD'] } },
    );
    expect(r.policy.sites).toContain('file:///*');
    expect(r.policy.detectors.enabled).toEqual(['CPF']);
  });
});
