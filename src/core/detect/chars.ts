// Character classes used by the tokenizer and detectors. Everything works on UTF-16 char codes so no
// substring is created while scanning (the content script runs the scanner on every DOM change).

export enum Ch {
  Space = 0x20,
  Tab = 0x09,
  Nbsp = 0xa0,
  ThinSpace = 0x2009,
  NarrowNbsp = 0x202f,
  Dot = 0x2e,
  Dash = 0x2d,
  Slash = 0x2f,
  Colon = 0x3a,
  Comma = 0x2c,
  OpenParen = 0x28,
  CloseParen = 0x29,
  Plus = 0x2b,
  At = 0x40,
  Underscore = 0x5f,
  Dollar = 0x24,
  Percent = 0x25,
  Hash = 0x23,
  Backslash = 0x5c,
  Euro = 0x20ac,
  Pound = 0xa3,
  Yen = 0xa5,
  Zero = 0x30,
  Nine = 0x39,
  UpperA = 0x41,
  UpperZ = 0x5a,
  LowerA = 0x61,
  LowerZ = 0x7a,
}

export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

export function isUpper(c: number): boolean {
  return c >= 0x41 && c <= 0x5a;
}

export function isLowerAscii(c: number): boolean {
  return c >= 0x61 && c <= 0x7a;
}

/** Letters outside ASCII that Portuguese, Spanish, French and German text uses (Latin-1 + Latin Extended-A/B). */
/** One past the last code point any letter or word table here marks (isLatinLetter ends at U+024F). */
export const LATIN_END = 0x250;

export function isLatinLetter(c: number): boolean {
  return (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || c === 0xaa || c === 0xba;
}

// Word-character table for the whole BMP (64 KB, built once): one load per character in the
// scanner's hot loop instead of a chain of range checks.
const WORD = new Uint8Array(65536);
for (let c = 0x30; c <= 0x39; c++) WORD[c] = 1;
for (let c = 0x41; c <= 0x5a; c++) WORD[c] = 1;
for (let c = 0x61; c <= 0x7a; c++) WORD[c] = 1;
for (let c = 0x80; c <= 0x24f; c++) if (isLatinLetter(c)) WORD[c] = 1;

/** A character that belongs to a word/number group: ASCII alnum or a Latin letter. */
export function isWordChar(c: number): boolean {
  return WORD[c] === 1;
}

/** Inline spaces that people and rich-text editors put between digit groups (not line breaks). */
export function isInlineSpace(c: number): boolean {
  return c === 0x20 || c === 0xa0 || c === 0x2009 || c === 0x202f || c === 0x2007;
}

export function lowerAscii(c: number): number {
  return c >= 0x41 && c <= 0x5a ? c | 0x20 : c;
}
