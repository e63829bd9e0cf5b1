import { isActiveFor, toContentPolicy } from '../../core/policy/active';
import { resolvePolicy } from '../../core/policy/merge';
import type { Policy } from '../../core/policy/types';
import { loadLocaleSetting } from '../../shared/i18n/locale-setting';
import type { Handlers } from '../../shared/messaging';
import type { PolicyProtocol, PolicyView, RedactedPolicy } from '../../shared/protocol/policy';
import {
  type EffectivePolicy,
  getEffectivePolicy,
  getLocalLayer,
  previewLocalLayer,
  setLocalLayer,
} from '../policy-store';

function redact(policy: Policy): RedactedPolicy {
  return { ...policy, fingerprintKey: '', upload: { ...policy.upload, token: '' } };
}

function redactLayer(layer: Record<string, unknown>): Record<string, unknown> {
  const out = { ...layer };
  delete out.fingerprintKey;
  if (typeof out.upload === 'object' && out.upload !== null && !Array.isArray(out.upload)) {
    const { token: _t, ...upload } = out.upload as Record<string, unknown>;
    out.upload = upload;
  }
  return out;
}

async function view(effective: EffectivePolicy): Promise<PolicyView> {
  return {
    policy: redact(effective.policy),
    locked: effective.locked,
    errors: effective.errors,
    version: effective.version,
    managed: effective.managed,
    local: redactLayer(await getLocalLayer()),
    secrets: {
      fingerprintKey: effective.policy.fingerprintKey !== '',
      uploadToken: effective.policy.upload.token !== '',
    },
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export const policyHandlers = {
  'policy/content': {
    from: 'content',
    async handle({ url }) {
      const [{ policy, version }, locale] = await Promise.all([getEffectivePolicy(), loadLocaleSetting()]);
      return {
        active: typeof url === 'string' && isActiveFor(url, policy),
        policy: toContentPolicy(policy),
        version,
        locale,
      };
    },
  },
  'policy/get': {
    from: 'extension',
    handle: async () => view(await getEffectivePolicy()),
  },
  'policy/set-local': {
    from: 'extension',
    async handle({ layer }) {
      if (!isRecord(layer)) throw new Error('the local policy must be a JSON object');
      const next = { ...layer };
      // The page never sees the stored token: keep it unless the agent typed a new one.
      const stored = await getLocalLayer();
      if (
        isRecord(next.upload) &&
        !('token' in next.upload) &&
        isRecord(stored.upload) &&
        'token' in stored.upload
      )
        next.upload = { ...next.upload, token: stored.upload.token };
      return view(await setLocalLayer(next));
    },
  },
  'policy/check': {
    from: 'extension',
    async handle({ json, as }) {
      if (as === 'managed') {
        const r = resolvePolicy(json, undefined);
        return { policy: redact(r.policy), errors: r.errors, locked: r.locked };
      }
      const r = await previewLocalLayer(json);
      return { policy: redact(r.policy), errors: r.errors, locked: r.locked };
    },
  },
} satisfies Handlers<PolicyProtocol>;
