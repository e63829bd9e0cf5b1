import { describe, expect, it } from 'vitest';
import { listCovers, matchesAny, parseMatchPattern } from '../../../src/core/policy/match-pattern';

describe('match patterns (Chrome syntax)', () => {
  it.each([
    '<all_urls>',
    'http://*/*',
    'https://*.example.com/*',
    'https://crm.example.com/clientes/*',
    '*://localhost:8080/*',
    'file:///*',
    'https://127.0.0.1/*',
  ])('accepts %s', (p) => expect(parseMatchPattern(p).ok).toBe(true));

  it.each([
    ['crm.example.com', '://'],
    ['https://crm.example.com', 'path'],
    ['gopher://x/*', 'scheme'],
    ['https://*crm.example.com/*', '*'],
    ['https://cr*m.com/*', '*'],
    ['https:///*', 'host'],
    ['https://exa mple.com/*', 'host'],
    ['', 'empty'],
  ])('rejects %s naming the problem', (p, word) => {
    const r = parseMatchPattern(p);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(word);
  });

  it('rejects non-strings', () => {
    expect(parseMatchPattern(42).ok).toBe(false);
    expect(parseMatchPattern(null).ok).toBe(false);
  });

  it('matches URLs like Chrome does', () => {
    expect(matchesAny(['https://*.example.com/*'], 'https://example.com/a')).toBe(true);
    expect(matchesAny(['https://*.example.com/*'], 'https://a.b.example.com/x?y=1')).toBe(true);
    expect(matchesAny(['https://*.example.com/*'], 'https://badexample.com/')).toBe(false);
    expect(matchesAny(['http://*/*'], 'https://x.com/')).toBe(false);
    expect(matchesAny(['*://*/*'], 'https://x.com/')).toBe(true);
    expect(matchesAny(['*://*/*'], 'file:///etc/x')).toBe(false);
    expect(matchesAny(['http://127.0.0.1/*'], 'http://127.0.0.1:5173/record.html')).toBe(true);
    expect(matchesAny(['http://127.0.0.1:80/*'], 'http://127.0.0.1:5173/record.html')).toBe(false);
    expect(matchesAny(['https://x.com/app/*'], 'https://x.com/other')).toBe(false);
    expect(matchesAny(['https://x.com/*secret*'], 'https://x.com/a?q=secret')).toBe(true);
    expect(matchesAny(['not a pattern'], 'https://x.com/')).toBe(false);
    expect(matchesAny(['https://x.com/*'], 'not a url')).toBe(false);
  });

  it('knows when one list covers another (conservatively)', () => {
    expect(listCovers(['<all_urls>'], ['https://x.com/*'])).toBe(true);
    expect(listCovers(['http://*/*', 'https://*/*'], ['*://*.x.com/a/*'])).toBe(true);
    expect(listCovers(['https://*.x.com/*'], ['https://a.x.com/p'])).toBe(true);
    expect(listCovers(['https://a.x.com/*'], ['https://*.x.com/*'])).toBe(false);
    expect(listCovers(['https://x.com/*'], ['http://*/*'])).toBe(false);
    expect(listCovers(['https://*/*'], ['http://*/*', 'https://*/*'])).toBe(false);
    expect(listCovers(['https://x.com/a/*'], ['https://x.com/a/b*'])).toBe(true);
    expect(listCovers(['https://x.com/a/*'], ['https://x.com/*'])).toBe(false);
  });
});
