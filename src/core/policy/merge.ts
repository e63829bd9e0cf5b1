import { defaultPolicy } from './defaults';
import { listCovers } from './match-pattern';
import { MASK_STYLE_EXPOSURE } from './strictness';
import type { Policy, PolicyError, PolicyKey } from './types';
import { POLICY_KEYS, validateLayer } from './validate';

export interface ResolvedPolicy {
  policy: Policy;
  /** Keys set by management: shown locked, local values for them are ignored. */
  locked: PolicyKey[];
  errors: PolicyError[];
}

/**
 * Keys only an administrator may set: the vocabulary of reasons (reports group by
 * it), how long and how precisely the audit log is kept, and the fingerprint key
 * shared across agents. An agent's local value for them is ignored.
 */
export const ADMIN_ONLY_KEYS: readonly PolicyKey[] = ['reasons', 'retentionDays', 'fingerprintKey', 'logUrl'];

/**
 * Keys an agent may set freely when management does not: identity and where the
 * log goes (needed for unmanaged installs; they do not weaken masking).
 */
export const FREE_LOCAL_KEYS: readonly PolicyKey[] = ['agentId', 'upload'];

/**
 * THE LOCAL-EDIT RULE: a local (agent) value only ever tightens the policy that
 * applies without it (managed values over defaults). Each protective key is
 * combined with the tighter-of operation below, so a looser local value simply
 * has no effect and is reported:
 * - sites: union (an agent may add sites, never remove one);
 * - excludeSites, ignoreSelectors: intersection (may remove, never add);
 * - detectors.enabled: union; detectors.minConfidence: only lower a threshold set;
 * - fieldRules: added to the base rules (a base rule cannot be removed or changed);
 * - maskStyle/keepLast, revealSeconds, limits: the stricter value;
 *   onExceed "refuse" wins over "flag".
 */
export function resolvePolicy(managedRaw: unknown, localRaw: unknown): ResolvedPolicy {
  const managed = validateLayer(managedRaw, 'managed');
  const local = validateLayer(localRaw, 'local');
  const errors = [...managed.errors, ...local.errors];
  const base: Policy = { ...defaultPolicy(), ...structuredClone(managed.values) };
  const locked = POLICY_KEYS.filter((k) => k in managed.values);
  const policy: Policy = structuredClone(base);
  const refuse = (path: string, en: string, pt: string) =>
    errors.push({ path, message: en, text: { en, pt }, source: 'local' });

  for (const key of POLICY_KEYS) {
    if (!(key in local.values) || locked.includes(key)) continue;
    if (ADMIN_ONLY_KEYS.includes(key)) {
      if (JSON.stringify(local.values[key]) !== JSON.stringify(base[key]))
        refuse(
          key,
          'can only be set by an administrator (managed policy); local value ignored',
          'só o administrador pode definir (política gerenciada); valor local ignorado',
        );
      continue;
    }
    if (FREE_LOCAL_KEYS.includes(key)) {
      Object.assign(policy, { [key]: structuredClone(local.values[key]) });
    }
  }
  const l = local.values;
  const open = (k: PolicyKey) => k in l && !locked.includes(k);

  if (open('sites') && l.sites) {
    policy.sites = [...base.sites, ...l.sites.filter((p) => !listCovers(base.sites, [p]))];
    if (!listCovers(l.sites, base.sites))
      refuse(
        'sites',
        'an agent can add sites but not remove them; kept',
        'o atendente pode incluir sites, mas não removê-los; mantidos',
      );
  }
  if (open('excludeSites') && l.excludeSites) {
    const added = l.excludeSites.filter((p) => !base.excludeSites.includes(p));
    policy.excludeSites = base.excludeSites.filter((p) => l.excludeSites?.includes(p));
    if (added.length > 0)
      refuse(
        'excludeSites',
        `an agent cannot exclude sites (${added.join(', ')}); ignored`,
        `o atendente não pode excluir sites (${added.join(', ')}); ignorado`,
      );
  }
  if (open('ignoreSelectors') && l.ignoreSelectors) {
    const added = l.ignoreSelectors.filter((s) => !base.ignoreSelectors.includes(s));
    policy.ignoreSelectors = base.ignoreSelectors.filter((s) => l.ignoreSelectors?.includes(s));
    if (added.length > 0)
      refuse(
        'ignoreSelectors',
        'an agent cannot add ignored elements; ignored',
        'o atendente não pode incluir elementos ignorados; ignorado',
      );
  }
  if (open('detectors') && l.detectors) {
    const ld = l.detectors;
    policy.detectors.enabled = [...new Set([...base.detectors.enabled, ...ld.enabled])];
    if (base.detectors.enabled.some((t) => !ld.enabled.includes(t)))
      refuse(
        'detectors.enabled',
        'an agent can enable detectors but not disable them; kept enabled',
        'o atendente pode ativar detectores, mas não desativá-los; mantidos ativos',
      );
    for (const [type, value] of Object.entries(ld.minConfidence) as [
      keyof typeof ld.minConfidence,
      number,
    ][]) {
      const current = base.detectors.minConfidence[type];
      if (current !== undefined && value <= current) policy.detectors.minConfidence[type] = value;
      else
        refuse(
          `detectors.minConfidence.${type}`,
          'an agent can only lower a threshold the administrator set; ignored',
          'o atendente só pode diminuir um limiar definido pelo administrador; ignorado',
        );
    }
  }
  if (open('fieldRules') && l.fieldRules) {
    const baseIds = new Map(base.fieldRules.map((r) => [r.id, JSON.stringify(r)]));
    for (const rule of l.fieldRules) {
      const existing = baseIds.get(rule.id);
      if (existing === undefined) policy.fieldRules.push(rule);
      else if (existing !== JSON.stringify(rule))
        refuse(
          'fieldRules',
          `rule "${rule.id}" is set by the policy in force and cannot be changed locally`,
          `a regra "${rule.id}" é definida pela política em vigor e não pode ser alterada localmente`,
        );
    }
    const localIds = new Set(l.fieldRules.map((r) => r.id));
    if (base.fieldRules.some((r) => !localIds.has(r.id)))
      refuse(
        'fieldRules',
        'an agent cannot remove field rules; kept',
        'o atendente não pode remover regras de campo; mantidas',
      );
  }
  if (open('maskStyle') && l.maskStyle) {
    if (MASK_STYLE_EXPOSURE[l.maskStyle] <= MASK_STYLE_EXPOSURE[base.maskStyle])
      policy.maskStyle = l.maskStyle;
    else
      refuse(
        'maskStyle',
        `"${l.maskStyle}" shows more than "${base.maskStyle}"; ignored`,
        `"${l.maskStyle}" mostra mais que "${base.maskStyle}"; ignorado`,
      );
  }
  if (open('keepLast') && l.keepLast !== undefined) {
    if (l.keepLast <= base.keepLast) policy.keepLast = l.keepLast;
    else
      refuse(
        'keepLast',
        `an agent can only lower it (at most ${base.keepLast}); ignored`,
        `o atendente só pode diminuir (no máximo ${base.keepLast}); ignorado`,
      );
  }
  if (open('revealSeconds') && l.revealSeconds !== undefined) {
    if (l.revealSeconds <= base.revealSeconds) policy.revealSeconds = l.revealSeconds;
    else
      refuse(
        'revealSeconds',
        `an agent can only shorten it (at most ${base.revealSeconds}); ignored`,
        `o atendente só pode encurtar (no máximo ${base.revealSeconds}); ignorado`,
      );
  }
  if (open('limits') && l.limits) {
    const ll = l.limits;
    for (const k of ['perHour', 'perFiveMinutes'] as const) {
      if (ll[k] <= base.limits[k]) policy.limits[k] = ll[k];
      else
        refuse(
          `limits.${k}`,
          `an agent can only lower it (at most ${base.limits[k]}); ignored`,
          `o atendente só pode diminuir (no máximo ${base.limits[k]}); ignorado`,
        );
    }
    if (ll.onExceed === 'refuse') policy.limits.onExceed = 'refuse';
    else if (base.limits.onExceed === 'refuse')
      refuse(
        'limits.onExceed',
        'an agent cannot relax "refuse" to "flag"; ignored',
        'o atendente não pode trocar "refuse" por "flag"; ignorado',
      );
  }
  return { policy, locked, errors };
}
