import { DETECTOR_TYPES, type DetectorType, isDetectorType } from '../detect/types';
import { DEFAULT_POLICY } from './defaults';
import { parseMatchPattern } from './match-pattern';
import { selectorProblem } from './selector';
import type {
  FieldRule,
  Limits,
  MaskStyle,
  Policy,
  PolicyError,
  PolicyKey,
  Reason,
  UploadSettings,
} from './types';

export type PolicySource = PolicyError['source'];

/** Every key of a Policy, in the order the options page and docs list them. */
export const POLICY_KEYS = [
  'sites',
  'excludeSites',
  'detectors',
  'fieldRules',
  'ignoreSelectors',
  'maskStyle',
  'keepLast',
  'revealSeconds',
  'reasons',
  'limits',
  'upload',
  'retentionDays',
  'agentId',
  'fingerprintKey',
  'logUrl',
] as const satisfies readonly PolicyKey[];

/** Bounds of numeric fields: outside them a value is refused and the default applies. */
export const BOUNDS = {
  keepLast: [0, 4],
  revealSeconds: [5, 600],
  'limits.perHour': [1, 1000],
  'limits.perFiveMinutes': [1, 500],
  'upload.intervalMinutes': [1, 1440],
  retentionDays: [7, 3650],
} as const satisfies Record<string, readonly [number, number]>;

export const MASK_STYLES: readonly MaskStyle[] = ['full', 'partial', 'chip'];
const MAX_LIST = 500;

/** What one layer (managed or local) says, validated: only the keys it sets. */
export interface LayerResult {
  values: Partial<Policy>;
  errors: PolicyError[];
}

class Collector {
  readonly errors: PolicyError[] = [];
  constructor(readonly source: PolicySource) {}
  /** Spanish where the whole sentence is this module's own; without it Spanish screens show the English. */
  add(path: string, en: string, pt: string, es?: string): void {
    this.errors.push({ path, message: en, text: es ? { en, pt, es } : { en, pt }, source: this.source });
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return `a ${typeof v}`;
}

function describePt(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'uma lista';
  const names: Record<string, string> = {
    string: 'um texto',
    number: 'um número',
    boolean: 'um booleano',
    object: 'um objeto',
  };
  return names[typeof v] ?? typeof v;
}

function describeEs(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'una lista';
  const names: Record<string, string> = {
    string: 'un texto',
    number: 'un número',
    boolean: 'un booleano',
    object: 'un objeto',
  };
  return names[typeof v] ?? typeof v;
}

/** Integers also arrive as strings from Windows registry / policies.json editors. */
function intIn(c: Collector, path: keyof typeof BOUNDS, v: unknown, fallback: number): number {
  const [min, max] = BOUNDS[path];
  const n = typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n)) {
    c.add(
      path,
      `must be an integer, got ${describe(v)}; using ${fallback}`,
      `deve ser um número inteiro, recebeu ${describePt(v)}; usando ${fallback}`,
      `debe ser un número entero, recibió ${describeEs(v)}; se usa ${fallback}`,
    );
    return fallback;
  }
  if (n < min || n > max) {
    c.add(
      path,
      `must be between ${min} and ${max}, got ${n}; using ${fallback}`,
      `deve estar entre ${min} e ${max}, recebeu ${n}; usando ${fallback}`,
      `debe estar entre ${min} y ${max}, recibió ${n}; se usa ${fallback}`,
    );
    return fallback;
  }
  return n;
}

function oneOf<T extends string>(
  c: Collector,
  path: string,
  v: unknown,
  allowed: readonly T[],
  fallback: T,
): T {
  if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
  const list = allowed.map((a) => `"${a}"`).join(', ');
  c.add(
    path,
    `must be one of ${list}; using "${fallback}"`,
    `deve ser um de ${list}; usando "${fallback}"`,
    `debe ser uno de ${list}; se usa "${fallback}"`,
  );
  return fallback;
}

function str(c: Collector, path: string, v: unknown, fallback: string, max = 500): string {
  if (typeof v !== 'string') {
    c.add(
      path,
      `must be a string, got ${describe(v)}`,
      `deve ser um texto, recebeu ${describePt(v)}`,
      `debe ser un texto, recibió ${describeEs(v)}`,
    );
    return fallback;
  }
  if (v.length > max) {
    c.add(
      path,
      `is longer than ${max} characters`,
      `tem mais de ${max} caracteres`,
      `tiene más de ${max} caracteres`,
    );
    return fallback;
  }
  return v;
}

function list(c: Collector, path: string, v: unknown): unknown[] | null {
  if (!Array.isArray(v)) {
    c.add(
      path,
      `must be an array, got ${describe(v)}`,
      `deve ser uma lista, recebeu ${describePt(v)}`,
      `debe ser una lista, recibió ${describeEs(v)}`,
    );
    return null;
  }
  if (v.length > MAX_LIST) {
    c.add(
      path,
      `has more than ${MAX_LIST} entries`,
      `tem mais de ${MAX_LIST} itens`,
      `tiene más de ${MAX_LIST} elementos`,
    );
    return null;
  }
  return v;
}

/**
 * `sites` decides where masking happens: one malformed pattern could be the
 * admin's CRM, so a list with any bad entry is refused as a whole and the
 * default (every http/https page) applies — wider masking, never narrower.
 */
function validateSites(c: Collector, v: unknown): string[] {
  const items = list(c, 'sites', v);
  if (!items) return [...DEFAULT_POLICY.sites];
  let bad = false;
  items.forEach((item, i) => {
    const parsed = parseMatchPattern(item);
    if (!parsed.ok) {
      c.add(
        `sites[${i}]`,
        `${JSON.stringify(item)} is not a valid match pattern: ${parsed.reason}`,
        `${JSON.stringify(item)} não é um padrão de URL válido: ${parsed.reasonPt}`,
      );
      bad = true;
    }
  });
  if (bad) {
    c.add(
      'sites',
      'has invalid patterns; Sigilo stays active on every http/https page until they are fixed',
      'tem padrões inválidos; o Sigilo continua ativo em todas as páginas http/https até que sejam corrigidos',
      'tiene patrones inválidos; Sigilo sigue activo en todas las páginas http/https hasta que se corrijan',
    );
    return [...DEFAULT_POLICY.sites];
  }
  return dedupe(items as string[]);
}

/** Dropping a bad exclusion only narrows what is excluded: safe. */
function validatePatternList(c: Collector, path: string, v: unknown): string[] {
  const items = list(c, path, v) ?? [];
  const out: string[] = [];
  items.forEach((item, i) => {
    const parsed = parseMatchPattern(item);
    if (parsed.ok) out.push(item as string);
    else
      c.add(
        `${path}[${i}]`,
        `${JSON.stringify(item)} is not a valid match pattern (${parsed.reason}); ignored`,
        `${JSON.stringify(item)} não é um padrão de URL válido (${parsed.reasonPt}); ignorado`,
      );
  });
  return dedupe(out);
}

function validateDetectors(c: Collector, v: unknown): Policy['detectors'] {
  const out: Policy['detectors'] = { enabled: [...DETECTOR_TYPES], minConfidence: {} };
  if (!isRecord(v)) {
    c.add(
      'detectors',
      `must be an object, got ${describe(v)}; every detector stays enabled`,
      `deve ser um objeto, recebeu ${describePt(v)}; todos os detectores continuam ativos`,
      `debe ser un objeto, recibió ${describeEs(v)}; todos los detectores siguen activos`,
    );
    return out;
  }
  for (const key of Object.keys(v)) {
    if (key !== 'enabled' && key !== 'minConfidence')
      c.add(
        `detectors.${key}`,
        'is not a known key; ignored',
        'não é uma chave conhecida; ignorada',
        'no es una clave conocida; se ignora',
      );
  }
  if ('enabled' in v) {
    const items = list(c, 'detectors.enabled', v.enabled);
    if (items) {
      const unknown = items.map((t, i) => [t, i] as const).filter(([t]) => !isDetectorType(t));
      for (const [t, i] of unknown) {
        c.add(
          `detectors.enabled[${i}]`,
          `${JSON.stringify(t)} is not a detector type (known: ${DETECTOR_TYPES.join(', ')})`,
          `${JSON.stringify(t)} não é um tipo de detector (conhecidos: ${DETECTOR_TYPES.join(', ')})`,
          `${JSON.stringify(t)} no es un tipo de detector (conocidos: ${DETECTOR_TYPES.join(', ')})`,
        );
      }
      // An unknown name is probably a typo of a type the admin wanted on: keep all on.
      if (unknown.length > 0)
        c.add(
          'detectors.enabled',
          'has unknown types; every detector stays enabled',
          'tem tipos desconhecidos; todos os detectores continuam ativos',
          'tiene tipos desconocidos; todos los detectores siguen activos',
        );
      else out.enabled = dedupe(items as DetectorType[]);
    }
  }
  if ('minConfidence' in v) {
    const mc = v.minConfidence;
    if (!isRecord(mc))
      c.add(
        'detectors.minConfidence',
        `must be an object, got ${describe(mc)}; ignored`,
        `deve ser um objeto, recebeu ${describePt(mc)}; ignorado`,
        `debe ser un objeto, recibió ${describeEs(mc)}; se ignora`,
      );
    else {
      for (const [type, value] of Object.entries(mc)) {
        const path = `detectors.minConfidence.${type}`;
        if (!isDetectorType(type))
          c.add(
            path,
            'is not a detector type; ignored',
            'não é um tipo de detector; ignorado',
            'no es un tipo de detector; se ignora',
          );
        else if (typeof value !== 'number' || !(value >= 0 && value <= 1))
          c.add(
            path,
            'must be a number between 0 and 1; the detector default applies',
            'deve ser um número entre 0 e 1; vale o padrão do detector',
            'debe ser un número entre 0 y 1; rige el valor del detector',
          );
        else out.minConfidence[type] = value;
      }
    }
  }
  return out;
}

const RULE_ID = /^[A-Za-z0-9_.-]{1,64}$/;
const KIND = /^[A-Za-z0-9_ -]{1,40}$/;

function validateFieldRules(c: Collector, v: unknown): FieldRule[] {
  const items = list(c, 'fieldRules', v) ?? [];
  const out: FieldRule[] = [];
  const ids = new Set<string>();
  items.forEach((item, i) => {
    const path = `fieldRules[${i}]`;
    if (!isRecord(item)) {
      c.add(
        path,
        `must be an object {selector, kind, sites?}, got ${describe(item)}; rule ignored`,
        `deve ser um objeto {selector, kind, sites?}, recebeu ${describePt(item)}; regra ignorada`,
        `debe ser un objeto {selector, kind, sites?}, recibió ${describeEs(item)}; regla ignorada`,
      );
      return;
    }
    const problem = selectorProblem(item.selector);
    if (problem) {
      c.add(`${path}.selector`, `${problem.en}; rule ignored`, `${problem.pt}; regra ignorada`);
      return;
    }
    let kind = 'FIELD';
    if (item.kind === undefined)
      c.add(
        `${path}.kind`,
        'is missing; recorded as "FIELD"',
        'está faltando; registrado como "FIELD"',
        'falta; se registra como "FIELD"',
      );
    else if (typeof item.kind !== 'string' || !KIND.test(item.kind))
      c.add(
        `${path}.kind`,
        'must be a detector type or a label of letters, digits, "_", "-" (max 40); recorded as "FIELD"',
        'deve ser um tipo de detector ou um rótulo de letras, dígitos, "_", "-" (máx. 40); registrado como "FIELD"',
        'debe ser un tipo de detector o una etiqueta de letras, dígitos, "_", "-" (máx. 40); se registra como "FIELD"',
      );
    else kind = item.kind;
    let id = `rule-${i + 1}`;
    if (item.id !== undefined) {
      if (typeof item.id === 'string' && RULE_ID.test(item.id)) id = item.id;
      else
        c.add(
          `${path}.id`,
          `must be 1-64 letters, digits, ".", "_", "-"; using "${id}"`,
          `deve ter de 1 a 64 letras, dígitos, ".", "_", "-"; usando "${id}"`,
          `debe tener de 1 a 64 letras, dígitos, ".", "_", "-"; se usa "${id}"`,
        );
    }
    if (ids.has(id)) {
      const unique = `${id}-${i + 1}`;
      c.add(
        `${path}.id`,
        `"${id}" is used by an earlier rule; using "${unique}"`,
        `"${id}" já é usado por uma regra anterior; usando "${unique}"`,
        `"${id}" ya lo usa una regla anterior; se usa "${unique}"`,
      );
      id = unique;
    }
    ids.add(id);
    const rule: FieldRule = { id, selector: (item.selector as string).trim(), kind };
    if (item.sites !== undefined) {
      const sitesC = new Collector(c.source);
      const sites = validateSites(sitesC, item.sites);
      for (const e of sitesC.errors)
        c.add(
          `${path}.${e.path}`,
          e.message.replace('Sigilo stays active on every http/https page', 'the rule applies on every site'),
          (e.text?.pt ?? e.message).replace(
            'o Sigilo continua ativo em todas as páginas http/https',
            'a regra vale em todos os sites',
          ),
        );
      // A rule limited by a bad list applies everywhere Sigilo is active (wider, safe).
      if (sitesC.errors.length === 0) rule.sites = sites;
    }
    for (const key of Object.keys(item)) {
      if (!['id', 'selector', 'kind', 'sites'].includes(key))
        c.add(
          `${path}.${key}`,
          'is not a known key; ignored',
          'não é uma chave conhecida; ignorada',
          'no es una clave conocida; se ignora',
        );
    }
    out.push(rule);
  });
  return out;
}

function validateIgnoreSelectors(c: Collector, v: unknown): string[] {
  const items = list(c, 'ignoreSelectors', v) ?? [];
  const out: string[] = [];
  items.forEach((item, i) => {
    const problem = selectorProblem(item);
    if (problem)
      c.add(
        `ignoreSelectors[${i}]`,
        `${problem.en}; ignored (the element stays masked)`,
        `${problem.pt}; ignorado (o elemento continua mascarado)`,
      );
    else out.push((item as string).trim());
  });
  return dedupe(out);
}

function validateReasons(c: Collector, v: unknown): Reason[] {
  const fallback = () => DEFAULT_POLICY.reasons.map((r) => ({ ...r, label: { ...r.label } }));
  const items = list(c, 'reasons', v);
  if (!items) return fallback();
  const out: Reason[] = [];
  const ids = new Set<string>();
  items.forEach((item, i) => {
    const path = `reasons[${i}]`;
    if (!isRecord(item)) {
      c.add(
        path,
        `must be an object {id, label: {pt, en, es?}, requiresText}, got ${describe(item)}; ignored`,
        `deve ser um objeto {id, label: {pt, en, es?}, requiresText}, recebeu ${describePt(item)}; ignorado`,
        `debe ser un objeto {id, label: {pt, en, es?}, requiresText}, recibió ${describeEs(item)}; se ignora`,
      );
      return;
    }
    if (typeof item.id !== 'string' || !RULE_ID.test(item.id)) {
      c.add(
        `${path}.id`,
        'must be 1-64 letters, digits, ".", "_", "-"; reason ignored',
        'deve ter de 1 a 64 letras, dígitos, ".", "_", "-"; motivo ignorado',
        'debe tener de 1 a 64 letras, dígitos, ".", "_", "-"; motivo ignorado',
      );
      return;
    }
    if (ids.has(item.id)) {
      c.add(
        `${path}.id`,
        `"${item.id}" is used by an earlier reason; ignored`,
        `"${item.id}" já é usado por um motivo anterior; ignorado`,
        `"${item.id}" ya lo usa un motivo anterior; se ignora`,
      );
      return;
    }
    const label = item.label;
    let pt = '';
    let en = '';
    let es = '';
    if (typeof label === 'string') pt = en = label;
    else if (isRecord(label)) {
      pt = typeof label.pt === 'string' ? label.pt.trim() : '';
      en = typeof label.en === 'string' ? label.en.trim() : '';
      es = typeof label.es === 'string' ? label.es.trim() : '';
      pt ||= en || es;
      en ||= pt;
    }
    if (!pt || pt.length > 200 || en.length > 200 || es.length > 200) {
      c.add(
        `${path}.label`,
        'must be {pt, en, es?} with non-empty texts (max 200); reason ignored',
        'deve ser {pt, en, es?} com textos não vazios (máx. 200); motivo ignorado',
        'debe ser {pt, en, es?} con textos no vacíos (máx. 200); motivo ignorado',
      );
      return;
    }
    if (isRecord(label) && label.es !== undefined && typeof label.es !== 'string')
      c.add(
        `${path}.label.es`,
        'must be a text; the English label is shown in Spanish',
        'deve ser um texto; o rótulo em inglês é mostrado em espanhol',
        'debe ser un texto; se muestra la etiqueta en inglés',
      );
    let requiresText = false;
    if (item.requiresText !== undefined) {
      if (typeof item.requiresText === 'boolean') requiresText = item.requiresText;
      else {
        c.add(
          `${path}.requiresText`,
          'must be true or false; using true',
          'deve ser true ou false; usando true',
          'debe ser true o false; se usa true',
        );
        requiresText = true;
      }
    }
    ids.add(item.id);
    out.push({ id: item.id, label: es ? { pt, en, es } : { pt, en }, requiresText });
  });
  if (out.length === 0) {
    c.add(
      'reasons',
      'has no valid reason; the default reasons apply',
      'não tem motivo válido; valem os motivos padrão',
      'no tiene ningún motivo válido; rigen los motivos predeterminados',
    );
    return fallback();
  }
  return out;
}

function validateLimits(c: Collector, v: unknown): Limits {
  const d = DEFAULT_POLICY.limits;
  if (!isRecord(v)) {
    c.add(
      'limits',
      `must be an object, got ${describe(v)}; default limits apply`,
      `deve ser um objeto, recebeu ${describePt(v)}; valem os limites padrão`,
      `debe ser un objeto, recibió ${describeEs(v)}; rigen los límites predeterminados`,
    );
    return { ...d };
  }
  warnUnknown(c, 'limits', v, ['perHour', 'perFiveMinutes', 'onExceed']);
  return {
    perHour: 'perHour' in v ? intIn(c, 'limits.perHour', v.perHour, d.perHour) : d.perHour,
    perFiveMinutes:
      'perFiveMinutes' in v
        ? intIn(c, 'limits.perFiveMinutes', v.perFiveMinutes, d.perFiveMinutes)
        : d.perFiveMinutes,
    onExceed:
      'onExceed' in v ? oneOf(c, 'limits.onExceed', v.onExceed, ['refuse', 'flag'], 'refuse') : d.onExceed,
  };
}

function uploadUrlProblem(url: string): { en: string; pt: string } | null {
  if (url === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { en: 'is not a URL', pt: 'não é uma URL' };
  }
  if (parsed.username || parsed.password)
    return {
      en: 'must not contain credentials (use "token")',
      pt: 'não pode conter credenciais (use "token")',
    };
  if (parsed.protocol === 'https:') return null;
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
  if (parsed.protocol === 'http:' && local) return null;
  return {
    en: 'must use https:// (http:// only for localhost)',
    pt: 'deve usar https:// (http:// só para localhost)',
  };
}

function validateUpload(c: Collector, v: unknown): UploadSettings {
  const d = DEFAULT_POLICY.upload;
  if (!isRecord(v)) {
    c.add(
      'upload',
      `must be an object, got ${describe(v)}; upload disabled`,
      `deve ser um objeto, recebeu ${describePt(v)}; envio desativado`,
      `debe ser un objeto, recibió ${describeEs(v)}; envío desactivado`,
    );
    return { ...d };
  }
  warnUnknown(c, 'upload', v, ['url', 'token', 'intervalMinutes', 'format']);
  let url = d.url;
  if ('url' in v) {
    url = str(c, 'upload.url', v.url, '', 2048).trim();
    const problem = uploadUrlProblem(url);
    if (problem) {
      c.add(
        'upload.url',
        `${problem.en}; upload disabled, events stay in the local log`,
        `${problem.pt}; envio desativado, os eventos ficam no registro local`,
      );
      url = '';
    }
  }
  return {
    url,
    token: 'token' in v ? str(c, 'upload.token', v.token, '', 4096) : d.token,
    intervalMinutes:
      'intervalMinutes' in v
        ? intIn(c, 'upload.intervalMinutes', v.intervalMinutes, d.intervalMinutes)
        : d.intervalMinutes,
    format:
      'format' in v ? oneOf(c, 'upload.format', v.format, ['sigilo', 'splunk-hec'], d.format) : d.format,
  };
}

function warnUnknown(c: Collector, path: string, v: Record<string, unknown>, known: string[]): void {
  for (const key of Object.keys(v))
    if (!known.includes(key))
      c.add(
        `${path}.${key}`,
        'is not a known key; ignored',
        'não é uma chave conhecida; ignorada',
        'no es una clave conocida; se ignora',
      );
}

function dedupe<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/**
 * Validate one layer. Every key the layer sets appears in `values` — with the
 * layer's value when valid, or the safe default when not (a managed key stays
 * managed, hence locked, even when its value is bad: the agent must not be able
 * to fill in a value the admin got wrong). Never throws, whatever `raw` is.
 */
export function validateLayer(raw: unknown, source: PolicySource): LayerResult {
  const c = new Collector(source);
  const values: Partial<Policy> = {};
  if (raw === undefined || raw === null) return { values, errors: c.errors };
  if (!isRecord(raw)) {
    c.add(
      '',
      `the policy must be a JSON object, got ${describe(raw)}; defaults apply`,
      `a política deve ser um objeto JSON, recebeu ${describePt(raw)}; valem os padrões`,
      `la política debe ser un objeto JSON, recibió ${describeEs(raw)}; rigen los valores predeterminados`,
    );
    return { values, errors: c.errors };
  }
  const d = DEFAULT_POLICY;
  for (const key of Object.keys(raw)) {
    const v = raw[key];
    switch (key as PolicyKey) {
      case 'sites':
        values.sites = validateSites(c, v);
        break;
      case 'excludeSites':
        values.excludeSites = validatePatternList(c, 'excludeSites', v);
        break;
      case 'detectors':
        values.detectors = validateDetectors(c, v);
        break;
      case 'fieldRules':
        values.fieldRules = validateFieldRules(c, v);
        break;
      case 'ignoreSelectors':
        values.ignoreSelectors = validateIgnoreSelectors(c, v);
        break;
      case 'maskStyle':
        values.maskStyle = oneOf(c, 'maskStyle', v, MASK_STYLES, d.maskStyle);
        break;
      case 'keepLast':
        values.keepLast = intIn(c, 'keepLast', v, d.keepLast);
        break;
      case 'revealSeconds':
        values.revealSeconds = intIn(c, 'revealSeconds', v, d.revealSeconds);
        break;
      case 'reasons':
        values.reasons = validateReasons(c, v);
        break;
      case 'limits':
        values.limits = validateLimits(c, v);
        break;
      case 'upload':
        values.upload = validateUpload(c, v);
        break;
      case 'retentionDays':
        values.retentionDays = intIn(c, 'retentionDays', v, d.retentionDays);
        break;
      case 'agentId':
        values.agentId = str(c, 'agentId', v, '', 200).trim();
        break;
      case 'fingerprintKey':
        values.fingerprintKey = str(c, 'fingerprintKey', v, '', 1024);
        break;
      case 'logUrl':
        values.logUrl = oneOf(c, 'logUrl', v, ['path', 'origin'] as const, d.logUrl);
        break;
      default:
        c.add(
          key,
          'is not a Sigilo policy key; ignored (check the spelling)',
          'não é uma chave de política do Sigilo; ignorada (confira a grafia)',
          'no es una clave de política de Sigilo; se ignora (revise la ortografía)',
        );
    }
  }
  return { values, errors: c.errors };
}
