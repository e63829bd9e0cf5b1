import { scan } from '../detect/scanner';
import type { LogUrlDetail, Policy } from '../policy/types';
import { NAME_WORDS, PARTICLES, PHRASE_WORDS, ROUTE_WORDS, SEARCH_WORDS } from './path-words';
import { DIGITS_MARK, redactFallback, redactText } from './redact';

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

/** The origin and path a record keeps of a page URL (see redactPath). */
export function pageLocation(
  url: string,
  policy: Pick<Policy, 'logUrl' | 'detectors'>,
): { origin: string; path: string | null } {
  const reduced = reduceUrl(url, policy.logUrl);
  if (!reduced) return { origin: 'unknown', path: null };
  if (reduced.path === null) return { origin: reduced.origin, path: null };
  return { origin: reduced.origin, path: redactPath(reduced.path, policy) };
}

export const NAME_MARK = '[NAME]';
export const QUERY_MARK = '[QUERY]';

/** Lower case without accents: how the word lists are written. */
export function fold(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

const WORD_SEPARATORS = /[-_\s+.~,;:]+/u;
const LETTERS_ONLY = /^\p{L}[\p{L}'’]*$/u;
const TITLE_CASE = /^\p{Lu}\p{Ll}+$/u;
const NON_ASCII = /[^\p{ASCII}]/u;
/** An API version segment (`v2`): route, not an id. */
const VERSION = /^v\d{1,2}$/i;
/** A locale segment (`pt-br`, `en_US`, `es`): route, not a name. */
const LOCALE = /^[a-z]{2}(?:[-_][a-z]{2})?$/i;
/** Characters inside one token of a segment (not a separator, not a mark's brackets). */
const T = String.raw`[^\s\-_.~+,;:=@()\[\]/]`;
/** A run of tokens holding digits, joined by up to three separators: hidden as one. */
const DIGIT_TOKENS = new RegExp(
  String.raw`${T}*\p{Nd}${T}*(?:[\s\-_.~+,;:=@()/]{1,3}${T}*\p{Nd}${T}*)*`,
  'gu',
);

/**
 * Whether a path segment looks like a person's name rather than a route word.
 * Route words must stay readable (an auditor reads `/clientes/[NAME]/ficha`),
 * and a wrong guess either way costs differently: hiding a route word loses a
 * little context, keeping a name leaks it. So, over the segment's words
 * (split at `-`, `_`, space, `+`, `.`; particles such as "da"/"dos" and single
 * letters ignored; words with digits left to the digit rule):
 * 1. any word in the name list that is not also a route word -> name
 *    (`maria-da-silva-souza`, `joao`, `Silva`);
 * 2. a single remaining word: a name only when it is capitalised and
 *    accented and not a route word (`Conceição`; `Account`, `Relatório` stay);
 * 3. 2+ words containing an English function word are a phrase, not a name
 *    (`how-to-reset-password`, `My_Custom_Tab`);
 * 4. 2+ words with at least two that are not route words -> name
 *    (`joana-prates`, `Cleusa Furtado`); with one, only when it is
 *    capitalised and accented (`Cliente-Estêvão`). Segments made of route
 *    words (`ticket_fields`, `historico-de-atendimento`, `Custom_Object__c`,
 *    `sales-products-settings`) stay.
 */
export function isNameLike(segment: string): boolean {
  const words = segment.split(WORD_SEPARATORS).filter((w) => LETTERS_ONLY.test(w));
  const meaningful = words.filter((w) => w.length > 1 && !PARTICLES.has(fold(w)));
  const folded = meaningful.map(fold);
  if (folded.some((f) => NAME_WORDS.has(f) && !ROUTE_WORDS.has(f))) return true;
  const unknown = meaningful.filter((w) => !ROUTE_WORDS.has(fold(w)));
  const capitalisedAccented = (w: string) => TITLE_CASE.test(w) && NON_ASCII.test(w);
  if (meaningful.length === 1) return unknown.length === 1 && capitalisedAccented(unknown[0]!);
  if (meaningful.length === 0 || folded.some((f) => PHRASE_WORDS.has(f))) return false;
  return unknown.length >= 2 || unknown.some(capitalisedAccented);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // Malformed escapes: the raw form; its %XX digits make it hidden whole below.
    return segment;
  }
}

function labelDetected(segment: string, policy: Pick<Policy, 'detectors'>): string {
  try {
    return redactText(segment, scan(segment, { minConfidence: policy.detectors.minConfidence }));
  } catch {
    return redactFallback(segment);
  }
}

/**
 * A path as recorded. Paths carry the values Sigilo protects, glued to slashes
 * where detectors see no word boundary (`/clientes/123.456.789-09`), in slugs
 * (`/clientes/maria-da-silva-souza/ficha`, `apto-12`) and as search terms
 * (`/busca/João da Silva`). Segment by segment, decoded:
 * - after a search word (`busca`, `search`, `q`, ...) every segment is the
 *   term: `[QUERY]`;
 * - detected values become their type label (`[CPF]`, `[EMAIL]`);
 * - a name-like segment (isNameLike) becomes `[NAME]`;
 * - every run of tokens holding a digit becomes `[#]` (record ids, Salesforce
 *   ids, `apto-12`);
 * - an API version (`v2`) or a locale (`pt-br`) stays as it is.
 * An auditor still sees which screen it was: `/clientes/[#]/ficha`.
 */
export function redactPath(path: string, policy: Pick<Policy, 'detectors'>): string {
  let searching = false;
  return path
    .split('/')
    .map((raw) => {
      if (raw === '') return raw;
      if (searching) return QUERY_MARK;
      const segment = decodeSegment(raw);
      if (SEARCH_WORDS.has(fold(segment))) {
        searching = true;
        return segment;
      }
      if (VERSION.test(segment) || LOCALE.test(segment)) return segment;
      const labelled = labelDetected(segment, policy);
      if (isNameLike(labelled)) return NAME_MARK;
      return labelled.replace(DIGIT_TOKENS, DIGITS_MARK);
    })
    .join('/');
}
