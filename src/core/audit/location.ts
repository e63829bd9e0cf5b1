import type { LogUrlDetail } from '../policy/types';

/**
 * What the log keeps of a page's address: origin and path, never the query or
 * fragment (they often carry ids, search terms, tokens); only the origin when
 * the policy says so. Null for anything that is not a web page URL.
 */
export function reduceUrl(url: string, detail: LogUrlDetail): { origin: string; path: string | null } | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  return { origin: parsed.origin, path: detail === 'origin' ? null : parsed.pathname };
}
