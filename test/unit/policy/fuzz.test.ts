import { describe, expect, it } from 'vitest';
import { DETECTOR_TYPES } from '../../../src/core/detect/types';
import { DEFAULT_POLICY } from '../../../src/core/policy/defaults';
import { resolvePolicy } from '../../../src/core/policy/merge';
import { looserPaths } from '../../../src/core/policy/strictness';
import type { Policy } from '../../../src/core/policy/types';
import { POLICY_KEYS, validateLayer } from '../../../src/core/policy/validate';

/** mulberry32: a seeded PRNG so a failure is reproducible from the printed seed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

function randomJson(r: Rand, depth = 0): unknown {
  const k = Math.floor(r() * (depth > 2 ? 6 : 8));
  switch (k) {
    case 0:
      return null;
    case 1:
      return r() < 0.5;
    case 2:
      return pick(r, [0, -1, 1, 2, 4, 5, 30, 999999, 1.5, Number.MAX_SAFE_INTEGER, -0.0]);
    case 3:
      return pick(r, ['', 'x', '12', 'full', 'flag', '<all_urls>', '{', 'CPF', '\u0000', 'https://*/*']);
    case 4:
      return Math.floor(r() * 2000) - 1000;
    case 5:
      return String.fromCharCode(
        ...Array.from({ length: Math.floor(r() * 8) }, () => Math.floor(r() * 0x2fff)),
      );
    case 6:
      return Array.from({ length: Math.floor(r() * 4) }, () => randomJson(r, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = Math.floor(r() * 4); i > 0; i--)
        o[pick(r, ['a', 'id', 'pt', 'en', 'perHour', 'url', 'CPF'])] = randomJson(r, depth + 1);
      return o;
    }
  }
}

const PATTERNS = [
  'http://*/*',
  'https://*/*',
  '<all_urls>',
  'https://crm.example.com/*',
  '*://*.example.com/*',
  'https://x.com',
  'crm',
  'file:///*',
  'https://*x.com/*',
];
const SELECTORS = ['.cpf', '#x', 'div[data-x]', 'a{}b{', 'div[', '', 'body', '.help > span'];

/** Values near the valid domain of each key, so the fuzzer also reaches the "accepted" branches. */
function nearValid(r: Rand, key: string): unknown {
  const list = <T>(xs: readonly T[]) => Array.from({ length: Math.floor(r() * 4) }, () => pick(r, xs));
  switch (key) {
    case 'sites':
    case 'excludeSites':
      return list(PATTERNS);
    case 'detectors':
      return {
        enabled: list([...DETECTOR_TYPES, 'PASSPORT', 'cpf']),
        minConfidence: { [pick(r, [...DETECTOR_TYPES, 'X'])]: pick(r, [0, 0.2, 0.5, 0.99, 1, 2, -1, '0.5']) },
      };
    case 'fieldRules':
      return list([0, 1, 2]).map(() => ({
        selector: pick(r, SELECTORS),
        kind: pick(r, ['CPF', 'PROTO', '', 'bad kind!', 3]),
        ...(r() < 0.5 ? { sites: list(PATTERNS) } : {}),
        ...(r() < 0.3 ? { id: pick(r, ['a', 'a', 'b c', '']) } : {}),
      }));
    case 'ignoreSelectors':
      return list(SELECTORS);
    case 'maskStyle':
      return pick(r, ['full', 'partial', 'chip', 'blur', 1]);
    case 'keepLast':
      return pick(r, [0, 1, 2, 3, 4, 5, -1, '3', 2.5]);
    case 'revealSeconds':
      return pick(r, [1, 5, 10, 30, 60, 600, 601, '20', 0]);
    case 'retentionDays':
      return pick(r, [1, 7, 30, 90, 365, 4000, '30']);
    case 'limits':
      return {
        perHour: pick(r, [1, 10, 30, 100, 2000, '5', -3]),
        perFiveMinutes: pick(r, [1, 10, 50, 1000]),
        onExceed: pick(r, ['refuse', 'flag', 'warn']),
      };
    case 'upload':
      return {
        url: pick(r, ['', 'https://c.example.com/', 'http://evil.example/', 'http://localhost:1/', 'x']),
        intervalMinutes: pick(r, [1, 15, 0]),
      };
    case 'reasons':
      return list([0]).map(() => ({
        id: pick(r, ['a', 'b', '', 'a']),
        label: pick(r, ['x', { pt: 'p' }, {}, 3]),
        requiresText: pick(r, [true, false, 'yes']),
      }));
    default:
      return randomJson(r);
  }
}

function randomPolicy(r: Rand): unknown {
  if (r() < 0.05) return randomJson(r);
  const o: Record<string, unknown> = {};
  for (const key of [...POLICY_KEYS, 'junk', 'revealSecond']) {
    const roll = r();
    if (roll < 0.35) o[key] = nearValid(r, key);
    else if (roll < 0.5) o[key] = randomJson(r);
  }
  return o;
}

/** Is the loosening at `path` literally what the admin wrote (a valid value taken verbatim)? */
function takenFromRaw(path: string, result: Policy, raw: Record<string, unknown>): boolean {
  const top = path.split('.')[0] as keyof Policy;
  if (!(top in raw)) return false;
  const v = raw[top];
  const num = (x: unknown) => (typeof x === 'string' ? Number(x) : x);
  switch (path) {
    case 'sites':
      return Array.isArray(v) && JSON.stringify([...new Set(v)]) === JSON.stringify(result.sites);
    case 'excludeSites':
      return Array.isArray(v) && result.excludeSites.every((p) => v.includes(p));
    case 'ignoreSelectors':
      return (
        Array.isArray(v) &&
        result.ignoreSelectors.every((s) => v.some((x) => typeof x === 'string' && x.trim() === s))
      );
    case 'detectors.enabled':
      return (
        JSON.stringify([...new Set((v as { enabled: unknown[] }).enabled)]) ===
        JSON.stringify(result.detectors.enabled)
      );
    case 'maskStyle':
      return v === result.maskStyle;
    case 'keepLast':
    case 'revealSeconds':
    case 'retentionDays':
      return num(v) === result[top];
    case 'limits.perHour':
    case 'limits.perFiveMinutes': {
      const k = path.split('.')[1] as 'perHour' | 'perFiveMinutes';
      return num((v as Record<string, unknown>)[k]) === result.limits[k];
    }
    case 'limits.onExceed':
      return (v as Record<string, unknown>).onExceed === 'flag';
    default:
      if (path.startsWith('detectors.minConfidence.')) {
        const t = path.split('.')[2] as keyof Policy['detectors']['minConfidence'];
        return (
          (v as { minConfidence: Record<string, unknown> }).minConfidence[t] ===
          result.detectors.minConfidence[t]
        );
      }
      return false;
  }
}

const RUNS = 3000;

describe('policy fuzzing (seeded)', () => {
  it('validation never throws, and the result is itself a valid policy', () => {
    const r = rng(0x5161_10);
    for (let i = 0; i < RUNS; i++) {
      const raw = randomPolicy(r);
      const resolved = resolvePolicy(raw, randomPolicy(r));
      const again = validateLayer(resolved.policy, 'managed');
      expect(again.errors, `run ${i}: ${JSON.stringify(raw)}`).toEqual([]);
      for (const e of resolved.errors) {
        expect(typeof e.path).toBe('string');
        expect(e.message.length).toBeGreaterThan(0);
        // Every error is shown in both languages on the options page.
        expect(e.text?.en).toBe(e.message);
        expect(e.text?.pt.length ?? 0).toBeGreaterThan(0);
      }
    }
  });

  it('an agent (local layer) never loosens the policy that applies without it', () => {
    const r = rng(0xa9e_47);
    for (let i = 0; i < RUNS; i++) {
      const managed = r() < 0.5 ? undefined : randomPolicy(r);
      const local = randomPolicy(r);
      const without = resolvePolicy(managed, undefined).policy;
      const withLocal = resolvePolicy(managed, local).policy;
      expect(looserPaths(withLocal, without), `run ${i}: local ${JSON.stringify(local)}`).toEqual([]);
      // Equivalently with no management: never looser than the defaults.
      if (managed === undefined) expect(looserPaths(withLocal, DEFAULT_POLICY)).toEqual([]);
    }
  });

  it('a managed policy is looser than the defaults only where the admin validly wrote so; bad values never loosen', () => {
    const r = rng(0x3a11_ed);
    let loosenings = 0;
    for (let i = 0; i < RUNS; i++) {
      const raw = randomPolicy(r);
      const { policy } = resolvePolicy(raw, undefined);
      const looser = looserPaths(policy, DEFAULT_POLICY);
      loosenings += looser.length;
      for (const path of looser) {
        const ok =
          typeof raw === 'object' &&
          raw !== null &&
          takenFromRaw(path, policy, raw as Record<string, unknown>);
        expect(ok, `run ${i}: ${path} loosened by ${JSON.stringify(raw)}`).toBe(true);
      }
    }
    // The generator must reach the accepted branches, or this property is vacuous.
    expect(loosenings).toBeGreaterThan(RUNS / 4);
  });
});
