import type { ApiError } from '../api-types';

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

export async function api<T>(
  path: string,
  init: { method?: 'GET' | 'POST'; body?: unknown } = {},
): Promise<T> {
  const method = init.method ?? 'GET';
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers:
      method === 'POST'
        ? { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken }
        : { Accept: 'application/json' },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    const error = (json ?? {}) as Partial<ApiError>;
    throw new RequestError(response.status, error.error ?? 'http', error.reason ?? `HTTP ${response.status}`);
  }
  return json as T;
}
