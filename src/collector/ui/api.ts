import { currentLocale, translator } from '../../shared/i18n';
import type { ApiError, Route, RouteMap } from '../api-types';
import { uiMessages } from './messages';

/** Same-origin JSON calls to the collector; errors carry the server's reason. */
export class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

let csrfToken = '';

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

const LOCALISED = new Set([
  'bad-credentials',
  'too-many-attempts',
  'login-required',
  'csrf',
  'fingerprint-key-missing',
  'value-required',
  'bad-filter',
  'network',
  'forbidden',
]);

// The server's reasons are English; the codes the UI knows are shown in the
// reader's language (the English reason stays the fallback for the rest), the
// one chosen in the header at the time of the call.
function localised(code: string, reason: string): string {
  return LOCALISED.has(code)
    ? translator(uiMessages, currentLocale())(`err_${code}` as keyof typeof uiMessages & string, { reason })
    : reason;
}

/**
 * One call of the typed route map: the route key names method and path, and
 * the compiler checks the body and the answer against RouteMap, the same table
 * the server's handlers are typed against.
 */
export async function call<R extends Route>(
  route: R,
  init: { query?: string; body?: RouteMap[R]['body'] } = {},
): Promise<RouteMap[R]['response']> {
  const [method, path] = route.split(' ') as ['GET' | 'POST', string];
  const url = init.query ? `${path}?${init.query}` : path;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers:
        method === 'POST'
          ? { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken }
          : { Accept: 'application/json' },
      ...(method === 'POST' ? { body: JSON.stringify(init.body ?? null) } : {}),
    });
  } catch {
    throw new RequestError(0, 'network', localised('network', 'the collector did not answer'));
  }
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    const error = (json ?? {}) as Partial<ApiError>;
    const code = error.error ?? 'http';
    throw new RequestError(response.status, code, localised(code, error.reason ?? `HTTP ${response.status}`));
  }
  return json as RouteMap[R]['response'];
}
