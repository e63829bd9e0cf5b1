// Label words that give a NAME or ADDRESS away. The scanner looks each letters-only group up in a
// small open-addressing hash table keyed by a lower-case hash computed while the group is read,
// so prose costs one table probe per word and no substring.

export enum Label {
  None = -1,
  /** "Nome:", "Name:", "Cliente:", "Titular:" */
  Name = 0,
  /** "me chamo X", "meu nome é X" handled by Name; this is "chamo". */
  NameIntro = 1,
  /** "Endereço:", "Address:", "Logradouro:" */
  Address = 2,
  /** Portuguese street types before the street name: "Rua", "Av.", "Travessa". */
  StreetPt = 3,
  /** English street suffixes after the street name: "St", "Avenue", "Road". */
  StreetEn = 4,
}

const WORDS: readonly (readonly [string, Label])[] = [
  ['nome', Label.Name],
  ['name', Label.Name],
  ['cliente', Label.Name],
  ['titular', Label.Name],
  ['paciente', Label.Name],
  ['customer', Label.Name],
  ['favorecido', Label.Name],
  ['beneficiário', Label.Name],
  ['beneficiario', Label.Name],
  ['chamo', Label.NameIntro],
  ['endereço', Label.Address],
  ['endereco', Label.Address],
  ['address', Label.Address],
  ['logradouro', Label.Address],
  ['rua', Label.StreetPt],
  ['r', Label.StreetPt],
  ['av', Label.StreetPt],
  ['avenida', Label.StreetPt],
  ['travessa', Label.StreetPt],
  ['tv', Label.StreetPt],
  ['alameda', Label.StreetPt],
  ['al', Label.StreetPt],
  ['rodovia', Label.StreetPt],
  ['rod', Label.StreetPt],
  ['estrada', Label.StreetPt],
  ['praça', Label.StreetPt],
  ['praca', Label.StreetPt],
  ['largo', Label.StreetPt],
  ['street', Label.StreetEn],
  ['st', Label.StreetEn],
  ['avenue', Label.StreetEn],
  ['ave', Label.StreetEn],
  ['road', Label.StreetEn],
  ['rd', Label.StreetEn],
  ['boulevard', Label.StreetEn],
  ['blvd', Label.StreetEn],
  ['lane', Label.StreetEn],
  ['ln', Label.StreetEn],
  ['drive', Label.StreetEn],
  ['dr', Label.StreetEn],
  ['way', Label.StreetEn],
  ['court', Label.StreetEn],
  ['ct', Label.StreetEn],
  ['terrace', Label.StreetEn],
  ['place', Label.StreetEn],
  ['pl', Label.StreetEn],
];

/**
 * Lower-case form of the char codes the hash folds (ASCII and Latin-1 capitals); every code from
 * U+0100 on folds to itself. Latin-1 only: a whole-BMP table was filled in the interpreter at
 * every page load, in every frame (≈1.5 ms, measured).
 */
const LOWER = new Uint16Array(256);
for (let c = 0; c < 256; c++)
  LOWER[c] = c >= 0x41 && c <= 0x5a ? c | 0x20 : c >= 0xc0 && c <= 0xde && c !== 0xd7 ? c + 0x20 : c;

/** Lower-case form of char code c as the hash folds it. */
export function foldCase(c: number): number {
  return c < 256 ? LOWER[c]! : c;
}

/** One step of the lower-case word hash (a table load instead of range checks: every word char of every spot goes through it). */
export function hashStep(h: number, c: number): number {
  return (Math.imul(h, 31) + foldCase(c)) | 0;
}

const SIZE = 256;
const keys = new Int32Array(SIZE);
const vals = new Int8Array(SIZE).fill(-1);
const lens = new Uint8Array(SIZE);
const texts: string[] = new Array<string>(SIZE).fill('');

for (const [w, label] of WORDS) {
  let h = 0;
  for (let k = 0; k < w.length; k++) h = hashStep(h, w.charCodeAt(k));
  let slot = h & (SIZE - 1);
  while (vals[slot] !== -1) slot = (slot + 1) & (SIZE - 1);
  keys[slot] = h;
  vals[slot] = label;
  lens[slot] = w.length;
  texts[slot] = w;
}

/** Label of text[s..e) given its hash, verified character by character. */
export function lookupLabel(text: string, s: number, e: number, h: number): Label {
  const len = e - s;
  if (len > 12) return Label.None;
  let slot = h & (SIZE - 1);
  while (vals[slot] !== -1) {
    if (keys[slot] === h && lens[slot] === len) {
      const w = texts[slot]!;
      let same = true;
      for (let k = 0; k < len; k++) {
        if (hashStep(0, text.charCodeAt(s + k)) !== w.charCodeAt(k)) {
          same = false;
          break;
        }
      }
      if (same) return vals[slot] as Label;
    }
    slot = (slot + 1) & (SIZE - 1);
  }
  return Label.None;
}
