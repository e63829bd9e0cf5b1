// Adapters that turn the npm peers' outputs into typed spans, so they are scored on the same
// corpus with the same rules as Sigilo. Peers that only return redacted text are aligned back to
// the original by their replacement tokens.

import { Redactor } from '@redactpii/node';
import { OpenRedaction } from 'openredaction';
import { SyncRedactor } from 'redact-pii';
import type { DetectorType } from '../../src/core/detect/types';
import type { Span } from '../../test/fixtures/corpus/evaluate';

export interface Peer {
  name: string;
  /** Types the peer claims to detect (mapped to ours); others are reported as unsupported. */
  types: ReadonlySet<DetectorType>;
  detect(text: string): Promise<Span[]> | Span[];
}

/**
 * Spans of `redacted` tokens in `original`: literal text between tokens is located in the original
 * in order; what lies between two literals is the value the token replaced.
 */
export function spansFromRedacted(
  original: string,
  redacted: string,
  tokens: ReadonlyMap<string, DetectorType | null>,
): Span[] {
  const names = [...tokens.keys()].sort((a, b) => b.length - a.length);
  const re = new RegExp(names.join('|'), 'g');
  const parts: (string | { token: string })[] = [];
  let last = 0;
  for (let m = re.exec(redacted); m; m = re.exec(redacted)) {
    parts.push(redacted.slice(last, m.index), { token: m[0] });
    last = m.index + m[0].length;
  }
  parts.push(redacted.slice(last));
  const out: Span[] = [];
  let pos = (parts[0] as string).length;
  for (let k = 1; k < parts.length; k += 2) {
    const token = (parts[k] as { token: string }).token;
    const lit = parts[k + 1] as string;
    const isLast = k + 2 >= parts.length;
    let end: number;
    if (isLast) end = original.length - lit.length;
    else if (lit === '') end = pos + 1;
    else {
      end = original.indexOf(lit, pos + 1);
      if (end < 0) return out; // alignment lost: keep what we have
    }
    const type = tokens.get(token);
    if (type && end > pos) out.push({ type, start: pos, end });
    pos = end + lit.length;
  }
  return out;
}

function openRedactionType(t: string): DetectorType | null {
  if (t === 'BRAZILIAN_CPF') return 'CPF';
  if (t === 'BRAZILIAN_CNPJ') return 'CNPJ';
  if (t === 'CREDIT_CARD') return 'CARD';
  if (t === 'EMAIL') return 'EMAIL';
  if (t.startsWith('PHONE')) return 'PHONE';
  if (t.startsWith('ZIP_CODE') || t.startsWith('POSTCODE') || t === 'POSTAL_CODE') return 'CEP';
  if (t === 'SSN') return 'SSN';
  if (t === 'IBAN' || t === 'UK_BANK_ACCOUNT_IBAN') return 'IBAN';
  if (t.startsWith('IPV') || t === 'IP_ADDRESS') return 'IP';
  if (t === 'DATE_OF_BIRTH' || t === 'DOB') return 'DATE_OF_BIRTH';
  if (t === 'NAME') return 'NAME';
  if (t === 'ADDRESS' || t.startsWith('ADDRESS_') || t === 'STREET_ADDRESS') return 'ADDRESS';
  if (t.startsWith('BANK_ACCOUNT')) return 'BANK_ACCOUNT';
  return null;
}

export function makePeers(): Peer[] {
  const or = new OpenRedaction({});
  const orTypes = new Set<DetectorType>();
  for (const p of or.getPatterns()) {
    const t = openRedactionType(p.type);
    if (t) orTypes.add(t);
  }
  orTypes.add('NAME');
  orTypes.add('ADDRESS');
  const openredaction: Peer = {
    name: 'openredaction',
    types: orTypes,
    async detect(text) {
      const r = await or.detect(text);
      const out: Span[] = [];
      for (const d of r.detections) {
        const t = openRedactionType(d.type);
        if (t) out.push({ type: t, start: d.position[0], end: d.position[1] });
      }
      return out;
    },
  };

  const rp = new Redactor({});
  const rpTokens = new Map<string, DetectorType | null>([
    ['CREDIT_CARD_NUMBER', 'CARD'],
    ['EMAIL_ADDRESS', 'EMAIL'],
    ['PERSON_NAME', 'NAME'],
    ['PHONE_NUMBER', 'PHONE'],
    ['US_SOCIAL_SECURITY_NUMBER', 'SSN'],
  ]);
  const redactpii: Peer = {
    name: '@redactpii/node',
    types: new Set(['CARD', 'EMAIL', 'NAME', 'PHONE', 'SSN']),
    detect: (text) => spansFromRedacted(text, rp.redact(text), rpTokens),
  };

  const sr = new SyncRedactor();
  const srTokens = new Map<string, DetectorType | null>([
    ['CREDIT_CARD_NUMBER', 'CARD'],
    ['EMAIL_ADDRESS', 'EMAIL'],
    ['PERSON_NAME', 'NAME'],
    ['PHONE_NUMBER', 'PHONE'],
    ['US_SOCIAL_SECURITY_NUMBER', 'SSN'],
    ['IP_ADDRESS', 'IP'],
    ['STREET_ADDRESS', 'ADDRESS'],
    ['ZIPCODE', 'CEP'],
    ['DIGITS', null],
    ['URL', null],
    ['USERNAME', null],
    ['PASSWORD', null],
    ['CREDENTIALS', null],
  ]);
  const redactPii: Peer = {
    name: 'redact-pii',
    types: new Set(['CARD', 'EMAIL', 'NAME', 'PHONE', 'SSN', 'IP', 'ADDRESS', 'CEP']),
    detect: (text) => spansFromRedacted(text, sr.redact(text), srTokens),
  };
  return [openredaction, redactpii, redactPii];
}
