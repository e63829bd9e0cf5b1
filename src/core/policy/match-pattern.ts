/**
 * Chrome match patterns (https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns):
 * `<all_urls>` or `<scheme>://<host><path>` with scheme `*|http|https|file|ftp|ws|wss`,
 * host `*`, `*.<domain>` or an exact host (optionally `:port`), and a path that
 * starts with `/` where `*` matches anything. Pure: shared by the service worker
 * (registration), the content script (field rules) and the options page.
 */
export interface MatchPattern {
  source: string;
  /** '*' = http or https (Chrome's meaning); 'all' = <all_urls>. */
  scheme: '*' | 'http' | 'https' | 'file' | 'ftp' | 'ws' | 'wss' | 'all';
  /** '' for file://; '*' any host; '*.example.com' the domain and its subdomains. */
  host: string;
  port: string | null;
  path: string;
}

export type ParseResult =
  | { ok: true; pattern: MatchPattern }
  | {
      ok: false;
      reason: string /** The same reason in Brazilian Portuguese (options page). */;
      reasonPt: string;
    };

const SCHEMES = new Set(['*', 'http', 'https', 'file', 'ftp', 'ws', 'wss']);
const HOST_CHARS = /^[a-z0-9.-]+$|^\[[0-9a-f:.]+\]$/i;

export function parseMatchPattern(source: unknown): ParseResult {
  if (typeof source !== 'string')
    return { ok: false, reason: 'must be a string', reasonPt: 'deve ser um texto' };
  if (source.length === 0) return { ok: false, reason: 'must not be empty', reasonPt: 'não pode ser vazio' };
  if (source.length > 2048)
    return { ok: false, reason: 'is longer than 2048 characters', reasonPt: 'tem mais de 2048 caracteres' };
  if (source === '<all_urls>') {
    return { ok: true, pattern: { source, scheme: 'all', host: '*', port: null, path: '/*' } };
  }
  const sep = source.indexOf('://');
  if (sep < 0)
    return {
      ok: false,
      reason: 'is missing "://" (expected e.g. https://crm.example.com/*)',
      reasonPt: 'falta "://" (esperado, por exemplo, https://crm.exemplo.com.br/*)',
    };
  const scheme = source.slice(0, sep).toLowerCase();
  if (!SCHEMES.has(scheme))
    return {
      ok: false,
      reason: `has an unsupported scheme "${scheme}"`,
      reasonPt: `tem um esquema não suportado "${scheme}"`,
    };
  const rest = source.slice(sep + 3);
  const slash = rest.indexOf('/');
  if (slash < 0)
    return {
      ok: false,
      reason: 'is missing a path (add "/*" after the host)',
      reasonPt: 'falta o caminho (acrescente "/*" depois do host)',
    };
  const hostPort = rest.slice(0, slash).toLowerCase();
  const path = rest.slice(slash);
  if (scheme === 'file') {
    if (hostPort !== '')
      return { ok: false, reason: 'file:// patterns take no host', reasonPt: 'padrões file:// não têm host' };
    return { ok: true, pattern: { source, scheme: 'file', host: '', port: null, path } };
  }
  if (hostPort === '') return { ok: false, reason: 'is missing a host', reasonPt: 'falta o host' };
  let host = hostPort;
  let port: string | null = null;
  const portMatch = /^(.*?):(\*|\d{1,5})$/.exec(hostPort);
  if (portMatch && !hostPort.endsWith(']')) {
    host = portMatch[1] ?? '';
    port = portMatch[2] ?? null;
  }
  if (host !== '*') {
    const bare = host.startsWith('*.') ? host.slice(2) : host;
    if (bare.includes('*'))
      return {
        ok: false,
        reason: '"*" in the host must be alone or a leading "*."',
        reasonPt: '"*" no host deve estar sozinho ou no início como "*."',
      };
    if (!HOST_CHARS.test(bare) || bare.startsWith('.') || bare.endsWith('.') || bare.includes('..'))
      return {
        ok: false,
        reason: `has an invalid host "${host}"`,
        reasonPt: `tem um host inválido "${host}"`,
      };
  }
  return {
    ok: true,
    pattern: { source, scheme: scheme as MatchPattern['scheme'], host, port, path },
  };
}

export function isValidMatchPattern(source: unknown): source is string {
  return parseMatchPattern(source).ok;
}

const globCache = new Map<string, RegExp>();

/** Compiled once per distinct glob: the same policy patterns are matched on every page load. */
function globToRegExp(glob: string): RegExp {
  let re = globCache.get(glob);
  if (!re) {
    const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
    re = new RegExp(`^${escaped}$`, 's');
    if (globCache.size > 5000) globCache.clear();
    globCache.set(glob, re);
  }
  return re;
}

function schemeMatches(pattern: MatchPattern['scheme'], scheme: string): boolean {
  if (pattern === 'all') return ['http', 'https', 'file', 'ftp', 'ws', 'wss'].includes(scheme);
  if (pattern === '*') return scheme === 'http' || scheme === 'https';
  return pattern === scheme;
}

function hostMatches(pattern: string, host: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('*.')) {
    const domain = pattern.slice(2);
    return host === domain || host.endsWith(`.${domain}`);
  }
  return pattern === host;
}

/** Does the URL match the pattern? Malformed URLs match nothing. */
export function matchesUrl(pattern: MatchPattern, url: string | URL): boolean {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return false;
  }
  const scheme = parsed.protocol.replace(/:$/, '');
  if (!schemeMatches(pattern.scheme, scheme)) return false;
  if (pattern.scheme === 'all' && scheme === 'file') return true;
  if (pattern.scheme !== 'file' && !hostMatches(pattern.host, parsed.hostname.toLowerCase())) return false;
  if (pattern.port !== null && pattern.port !== '*') {
    const port = parsed.port || defaultPort(scheme);
    if (port !== pattern.port) return false;
  }
  // Chrome matches the path pattern against path + query.
  return globToRegExp(pattern.path).test(parsed.pathname + parsed.search);
}

function defaultPort(scheme: string): string {
  return (
    ({ http: '80', https: '443', ws: '80', wss: '443', ftp: '21' } as Record<string, string>)[scheme] ?? ''
  );
}

/** True when the URL matches any of the (valid) patterns; invalid ones are skipped. */
const parseCache = new Map<string, ParseResult>();

function parseCached(source: string): ParseResult {
  let parsed = parseCache.get(source);
  if (!parsed) {
    parsed = parseMatchPattern(source);
    if (parseCache.size > 5000) parseCache.clear();
    parseCache.set(source, parsed);
  }
  return parsed;
}

export function matchesAny(patterns: readonly string[], url: string): boolean {
  let parsedUrl: URL;
  try {
    parsedUrl = new URL(url);
  } catch {
    return false;
  }
  for (const source of patterns) {
    const parsed = parseCached(source);
    if (parsed.ok && matchesUrl(parsed.pattern, parsedUrl)) return true;
  }
  return false;
}

/**
 * Is every URL matched by `inner` also matched by `outer`? Conservative: false
 * when unsure. Used to decide whether a site list still covers another one
 * (an agent may only widen where Sigilo is active).
 */
export function patternCovers(outer: MatchPattern, inner: MatchPattern): boolean {
  if (outer.scheme === 'all') {
    if (inner.scheme === 'file') return true;
  } else if (outer.scheme !== inner.scheme) {
    const innerSchemes =
      inner.scheme === 'all'
        ? ['http', 'https', 'file', 'ftp', 'ws', 'wss']
        : inner.scheme === '*'
          ? ['http', 'https']
          : [inner.scheme];
    if (!innerSchemes.every((s) => schemeMatches(outer.scheme, s))) return false;
  }
  if (outer.scheme !== 'file' && inner.scheme !== 'file') {
    if (outer.host !== '*') {
      if (inner.host === '*') return false;
      const innerBare = inner.host.startsWith('*.') ? inner.host.slice(2) : inner.host;
      if (outer.host.startsWith('*.')) {
        if (!hostMatches(outer.host, innerBare)) return false;
      } else if (inner.host.startsWith('*.') || outer.host !== inner.host) return false;
    }
    if (outer.port !== null && outer.port !== '*' && outer.port !== inner.port) return false;
  }
  if (outer.path === '/*' || outer.path === inner.path) return true;
  // A literal inner path (its '*' read as a character) must match the outer glob.
  return globToRegExp(outer.path).test(inner.path) && (!inner.path.includes('*') || outer.path.endsWith('*'));
}

export function listCovers(outer: readonly string[], inner: readonly string[]): boolean {
  const outerParsed = outer.map(parseMatchPattern).flatMap((r) => (r.ok ? [r.pattern] : []));
  return inner.every((source) => {
    const parsed = parseMatchPattern(source);
    if (!parsed.ok) return true;
    // "*://" is http + https: two outer patterns may cover it together.
    const p = parsed.pattern;
    const schemes: MatchPattern['scheme'][] =
      p.scheme === '*'
        ? ['http', 'https']
        : p.scheme === 'all'
          ? ['http', 'https', 'file', 'ftp', 'ws', 'wss']
          : [p.scheme];
    return schemes.every((scheme) => {
      const part: MatchPattern =
        scheme === 'file' && p.scheme === 'all' ? { ...p, scheme, host: '' } : { ...p, scheme };
      return outerParsed.some((o) => patternCovers(o, part));
    });
  });
}
