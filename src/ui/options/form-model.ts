import type { DetectorType } from '../../core/detect/types';
import type { PolicyError, PolicyKey } from '../../core/policy/types';
import type { RedactedPolicy } from '../../shared/protocol/policy';

/** The options form as strings (what inputs hold); converted to a policy layer on save. */
export interface RuleRow {
  id: string;
  selector: string;
  kind: string;
  sites: string;
}

export interface FormState {
  sites: string;
  excludeSites: string;
  enabled: DetectorType[];
  fieldRules: RuleRow[];
  ignoreSelectors: string;
  maskStyle: string;
  keepLast: string;
  revealSeconds: string;
  perHour: string;
  perFiveMinutes: string;
  onExceed: string;
  uploadUrl: string;
  /** Write-only: empty keeps the stored token. */
  uploadToken: string;
  intervalMinutes: string;
  format: string;
  agentId: string;
}

/** Keys the options form edits (the admin-only ones are shown read-only). */
export const EDITABLE_KEYS = [
  'sites',
  'excludeSites',
  'detectors',
  'fieldRules',
  'ignoreSelectors',
  'maskStyle',
  'keepLast',
  'revealSeconds',
  'limits',
  'upload',
  'agentId',
] as const satisfies readonly PolicyKey[];
type EditableKey = (typeof EDITABLE_KEYS)[number];

export function formFromPolicy(p: RedactedPolicy): FormState {
  return {
    sites: p.sites.join('\n'),
    excludeSites: p.excludeSites.join('\n'),
    enabled: [...p.detectors.enabled],
    fieldRules: p.fieldRules.map((r) => ({
      id: r.id,
      selector: r.selector,
      kind: r.kind,
      sites: (r.sites ?? []).join(' '),
    })),
    ignoreSelectors: p.ignoreSelectors.join('\n'),
    maskStyle: p.maskStyle,
    keepLast: String(p.keepLast),
    revealSeconds: String(p.revealSeconds),
    perHour: String(p.limits.perHour),
    perFiveMinutes: String(p.limits.perFiveMinutes),
    onExceed: p.limits.onExceed,
    uploadUrl: p.upload.url,
    uploadToken: '',
    intervalMinutes: String(p.upload.intervalMinutes),
    format: p.upload.format,
    agentId: p.agentId,
  };
}

const lines = (s: string) =>
  s
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
/** Integers as numbers; anything else is passed on as typed so validation names the problem. */
const num = (s: string): number | string => (/^\s*-?\d+\s*$/.test(s) ? Number(s) : s);

function fieldValue(key: EditableKey, f: FormState): unknown {
  switch (key) {
    case 'sites':
      return lines(f.sites);
    case 'excludeSites':
      return lines(f.excludeSites);
    case 'detectors':
      return { enabled: [...f.enabled] };
    case 'fieldRules':
      return f.fieldRules
        .filter((r) => r.selector.trim() || r.kind.trim())
        .map((r) => {
          const sites = r.sites.split(/\s+/).filter(Boolean);
          return {
            ...(r.id ? { id: r.id } : {}),
            selector: r.selector.trim(),
            kind: r.kind.trim(),
            ...(sites.length ? { sites } : {}),
          };
        });
    case 'ignoreSelectors':
      return lines(f.ignoreSelectors);
    case 'maskStyle':
      return f.maskStyle;
    case 'keepLast':
      return num(f.keepLast);
    case 'revealSeconds':
      return num(f.revealSeconds);
    case 'limits':
      return { perHour: num(f.perHour), perFiveMinutes: num(f.perFiveMinutes), onExceed: f.onExceed };
    case 'upload':
      return {
        url: f.uploadUrl.trim(),
        intervalMinutes: num(f.intervalMinutes),
        format: f.format,
        ...(f.uploadToken ? { token: f.uploadToken } : {}),
      };
    case 'agentId':
      return f.agentId.trim();
  }
}

/**
 * The agent's new local layer: the stored one plus every field the agent changed
 * in the form (unchanged fields are not pinned, so later policy changes reach them).
 */
export function layerFromForm(
  form: FormState,
  initial: FormState,
  local: Record<string, unknown>,
  locked: readonly PolicyKey[],
): { layer: Record<string, unknown>; changed: PolicyKey[] } {
  const layer = { ...local };
  const changed: PolicyKey[] = [];
  for (const key of EDITABLE_KEYS) {
    if (locked.includes(key)) continue;
    const next = fieldValue(key, form);
    if (JSON.stringify(next) === JSON.stringify(fieldValue(key, initial))) continue;
    layer[key] = next;
    changed.push(key);
  }
  return { layer, changed };
}

/** For each rule sent on save, the form row it came from (empty rows are not sent). */
export function ruleRowsSent(form: FormState): number[] {
  const rows: number[] = [];
  form.fieldRules.forEach((r, i) => {
    if (r.selector.trim() || r.kind.trim()) rows.push(i);
  });
  return rows;
}

/** The top-level policy key an error path belongs to ("limits.perHour" -> "limits", "sites[2]" -> "sites"). */
export function errorKey(error: PolicyError): string {
  return error.path.split(/[.[]/)[0] ?? '';
}

export function errorsFor(errors: readonly PolicyError[], key: string): PolicyError[] {
  return errors.filter((e) => errorKey(e) === key);
}
