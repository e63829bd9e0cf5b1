import { Ch, isDigit, isWordChar } from './chars';
import { NEGATIVE_WORDS } from './context';
import { type Detector, penalised } from './detector';
import { Joiner } from './sequence';
import { leftOk, rightOk } from './span';

/**
 * IP addresses. IPv4: four dotted decimal octets 0–255 without leading zeros ("10.0.0.1"),
 * not preceded by a version word ("versão 1.2.3.4"). IPv6: full, compressed ("2001:db8::1") and
 * IPv4-suffixed forms, checked by a real parser (8 groups, at most one "::").
 * Cannot: tell an IPv4 address from a four-part version number without a version word; zone ids
 * ("fe80::1%eth0") and bracketed URLs' hosts are not reported (URLs are excluded on purpose).
 */
export const IP_WORDS: readonly string[] = [
  'ip',
  'endereço ip',
  'ipv4',
  'ipv6',
  'host',
  'servidor',
  'server',
];

const VERSION_WORDS: readonly string[] = [
  'versão',
  'versao',
  'version',
  'v',
  'ver',
  'release',
  'build',
  ...NEGATIVE_WORDS,
];

function octet(text: string, s: number, e: number): boolean {
  const len = e - s;
  if (len < 1 || len > 3) return false;
  if (len > 1 && text.charCodeAt(s) === 0x30) return false;
  let v = 0;
  for (let p = s; p < e; p++) v = v * 10 + text.charCodeAt(p) - 48;
  return v <= 255;
}

export const ipv4Detector: Detector = {
  firstLengths: [1, 2, 3],
  short: true,
  type: 'IP',
  trigger: 'digits',
  atGroup(seq, i, st) {
    if (i + 3 >= seq.count || !seq.isNumeric(i) || seq.len(i) > 3) return;
    const J = seq.joiner;
    if (J[i] !== Joiner.Dot || J[i + 1] !== Joiner.Dot || J[i + 2] !== Joiner.Dot) return;
    const t = seq.text;
    for (let k = i; k <= i + 3; k++) if (!seq.isNumeric(k) || !octet(t, seq.start[k]!, seq.end[k]!)) return;
    // A fifth dotted part or a ":port"-less host is checked by the boundary rules.
    // "10.0.0.1:8080": a port after a colon still ends the address.
    const port =
      i + 4 < seq.count && J[i + 3] === Joiner.Colon && seq.isNumeric(i + 4) && seq.len(i + 4) <= 5;
    if (!leftOk(seq, i) || !(port || rightOk(seq, i + 3))) return;
    const s = seq.start[i]!;
    const e = seq.end[i + 3]!;
    const conf = st.ctx.negative(s, VERSION_WORDS)
      ? penalised(0.85)
      : st.ctx.near(s, e, IP_WORDS)
        ? 0.97
        : 0.85;
    st.out.add(s, e, 'IP', conf);
  },
};

function isHex(c: number): boolean {
  return isDigit(c) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66);
}

/** Strict IPv6 text check over text[s..e). */
export function ipv6Valid(text: string, s: number, e: number): boolean {
  let groups = 0;
  let doubleColon = false;
  let p = s;
  if (e - s < 2) return false;
  if (text.charCodeAt(p) === Ch.Colon) {
    if (text.charCodeAt(p + 1) !== Ch.Colon) return false;
    doubleColon = true;
    p += 2;
    if (p === e) return true;
  }
  while (p < e) {
    let q = p;
    while (q < e && isHex(text.charCodeAt(q))) q++;
    const len = q - p;
    if (q < e && text.charCodeAt(q) === Ch.Dot) {
      // Embedded IPv4 in the last 32 bits.
      const parts = text.slice(p, e).split('.');
      if (parts.length !== 4) return false;
      let at = p;
      for (const part of parts) {
        if (!octet(text, at, at + part.length) || !/^\d+$/.test(part)) return false;
        at += part.length + 1;
      }
      groups += 2;
      p = e;
      break;
    }
    if (len < 1 || len > 4) return false;
    groups++;
    p = q;
    if (p === e) break;
    if (text.charCodeAt(p) !== Ch.Colon) return false;
    p++;
    if (p < e && text.charCodeAt(p) === Ch.Colon) {
      if (doubleColon) return false;
      doubleColon = true;
      p++;
      if (p === e) break;
    } else if (p === e) return false;
  }
  return doubleColon ? groups < 8 && groups >= 1 : groups === 8;
}

function isV6Char(c: number): boolean {
  return isHex(c) || c === Ch.Colon || c === Ch.Dot;
}

export const ipv6Detector: Detector = {
  type: 'IP',
  trigger: 'text',
  scanText(text, st) {
    const n = text.length;
    let from = 0;
    for (;;) {
      const at = text.indexOf(':', from);
      if (at < 0) return;
      // Fast reject for label colons ("Cliente: …", "12:30 "): an address has hex or ':' on both sides.
      const nx = at + 1 < n ? text.charCodeAt(at + 1) : 0;
      const pv = at > 0 ? text.charCodeAt(at - 1) : 0;
      if ((!isHex(nx) && nx !== Ch.Colon) || (!isHex(pv) && pv !== Ch.Colon)) {
        from = at + 1;
        continue;
      }
      // `at` is the first colon of its span, and a valid address's first group after it has at
      // most 4 hex digits: with no second colon within 5 characters ("08:12 ") it cannot be one.
      // (Later colons of the same run then start with a 5+ character group and fail as well.)
      const lim = Math.min(at + 6, n);
      let near = at + 1;
      while (near < lim && text.charCodeAt(near) !== Ch.Colon) near++;
      if (near === lim) {
        from = at + 1;
        continue;
      }
      let s = at;
      while (s > from && isV6Char(text.charCodeAt(s - 1))) s--;
      let e = at;
      while (e < n && isV6Char(text.charCodeAt(e))) e++;
      from = e + 1;
      // Trailing dot/colon is sentence punctuation ("… 2001:db8::1.") unless it is "::".
      let ee = e;
      while (ee > s && text.charCodeAt(ee - 1) === Ch.Dot) ee--;
      if (ee - s > 45 || ee - s < 3) continue;
      if (s > 0 && isWordChar(text.charCodeAt(s - 1))) continue;
      if (ee < n && isWordChar(text.charCodeAt(ee))) continue;
      // Needs at least two colons: "12:30" and "Obs:" are not addresses.
      let colons = 0;
      for (let p = s; p < ee; p++) if (text.charCodeAt(p) === Ch.Colon) colons++;
      if (colons < 2 || !ipv6Valid(text, s, ee)) continue;
      // Pure-digit colon runs are times ("12:30:45") or ratios, not addresses.
      let letters = false;
      let dc = false;
      for (let p = s; p < ee; p++) {
        const c = text.charCodeAt(p);
        if (!isDigit(c) && c !== Ch.Colon && c !== Ch.Dot) letters = true;
        if (c === Ch.Colon && p + 1 < ee && text.charCodeAt(p + 1) === Ch.Colon) dc = true;
      }
      if (!letters && !dc) continue;
      st.out.add(s, ee, 'IP', st.ctx.near(s, ee, IP_WORDS) ? 0.97 : 0.88);
    }
  },
};
