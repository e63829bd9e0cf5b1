import type { ContentPolicy, Policy, PolicyError, PolicyKey } from '../../core/policy/types';
import type { LocaleSetting } from '../i18n';
import type { Route } from './define';

/** What the options page sees: secrets are never sent back to a page, only whether they are set. */
export type RedactedPolicy = Omit<Policy, 'fingerprintKey' | 'upload'> & {
  fingerprintKey: '';
  upload: Omit<Policy['upload'], 'token'> & { token: '' };
};

export interface PolicyView {
  policy: RedactedPolicy;
  locked: PolicyKey[];
  errors: PolicyError[];
  version: string;
  /** Whether managed storage answered yet ('pending': safe defaults in force meanwhile). */
  managed: 'loaded' | 'none' | 'pending' | 'unreadable';
  /** The agent's own layer as saved (secrets redacted), i.e. what the options page edits. */
  local: Record<string, unknown>;
  secrets: { fingerprintKey: boolean; uploadToken: boolean };
}

export interface PolicyProtocol {
  /** Asked by the content script on boot and on `policy/changed`: is this URL masked, and how. */
  'policy/content': Route<
    { url: string },
    {
      active: boolean;
      policy: ContentPolicy;
      version: string;
      /** The agent's language choice (content scripts cannot read extension storage). */
      locale: LocaleSetting;
    },
    'content'
  >;
  /** Options page / popup: the effective policy, locks, errors. */
  'policy/get': Route<Record<string, never>, PolicyView, 'extension'>;
  /**
   * Replace the agent's local layer (validated; values for locked keys and
   * loosening values are ignored and reported in `errors`). An absent
   * `upload.token` keeps the stored token (pages never receive it).
   */
  'policy/set-local': Route<{ layer: Record<string, unknown> }, PolicyView, 'extension'>;
  /** Validate a policy JSON without saving: as the agent's local layer, or as an admin's managed policy. */
  'policy/check': Route<
    { json: unknown; as: 'local' | 'managed' },
    { policy: RedactedPolicy; errors: PolicyError[]; locked: PolicyKey[] },
    'extension'
  >;
}
