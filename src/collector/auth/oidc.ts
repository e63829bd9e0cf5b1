import * as oidc from 'openid-client';
import type { Role } from '../store/types';

/**
 * Single sign-on with OpenID Connect: authorization code flow with PKCE, via
 * openid-client. The identity provider's roles claim (SIGILO_OIDC_ROLES_CLAIM,
 * default "roles") must carry "supervisor" or "auditor"; anyone else is
 * refused. The flow's state, nonce and PKCE verifier live in the database (any
 * instance may receive the callback) and are bound to the browser by a cookie.
 */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  rolesClaim: string;
  /** The callback URL registered at the provider; derived from the request when null. */
  redirectUrl: string | null;
}

export interface SsoFlow {
  state: string;
  verifier: string;
  nonce: string;
  redirectUri: string;
}

export interface SsoIdentity {
  username: string;
  role: Role | null;
}

function isLoopback(url: URL): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

export class OidcClient {
  private configuration: Promise<oidc.Configuration> | null = null;

  constructor(readonly settings: OidcSettings) {}

  private config(): Promise<oidc.Configuration> {
    this.configuration ??= (async () => {
      const issuer = new URL(this.settings.issuer);
      // Plain http only for a provider on this machine (tests, a local Keycloak).
      const options =
        issuer.protocol === 'http:' && isLoopback(issuer) ? { execute: [oidc.allowInsecureRequests] } : {};
      return oidc.discovery(issuer, this.settings.clientId, this.settings.clientSecret, undefined, options);
    })().catch((error: unknown) => {
      this.configuration = null;
      throw error;
    });
    return this.configuration;
  }

  async start(redirectUri: string): Promise<{ url: URL; flow: SsoFlow }> {
    const config = await this.config();
    const flow: SsoFlow = {
      state: oidc.randomState(),
      verifier: oidc.randomPKCECodeVerifier(),
      nonce: oidc.randomNonce(),
      redirectUri,
    };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid profile email',
      code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
      state: flow.state,
      nonce: flow.nonce,
    });
    return { url, flow };
  }

  async finish(currentUrl: URL, flow: SsoFlow): Promise<SsoIdentity> {
    const config = await this.config();
    const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new Error('no id_token claims');
    const name =
      (typeof claims.preferred_username === 'string' && claims.preferred_username) ||
      (typeof claims.email === 'string' && claims.email) ||
      claims.sub;
    return { username: `sso:${name}`, role: roleFrom(claims[this.settings.rolesClaim]) };
  }
}

/** "auditor" wins over "supervisor"; a claim may be one string or a list. */
export function roleFrom(claim: unknown): Role | null {
  const values = Array.isArray(claim) ? claim : typeof claim === 'string' ? claim.split(/[\s,]+/) : [];
  if (values.includes('auditor')) return 'auditor';
  if (values.includes('supervisor')) return 'supervisor';
  return null;
}
