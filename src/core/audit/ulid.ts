/**
 * ULIDs: 26-char Crockford base32, 48-bit ms timestamp + 80 random bits, so ids
 * sort by creation time as strings. Within one millisecond (or if the clock steps
 * back) the random part is incremented, keeping ids strictly increasing in one
 * writer — the log's order and its ids never disagree.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TIME_LEN = 10;
const RANDOM_LEN = 16;
const MAX_TIME = 2 ** 48 - 1;

export type RandomSource = (length: number) => Uint8Array;

const cryptoRandom: RandomSource = (length) => crypto.getRandomValues(new Uint8Array(length));

function encodeTime(ms: number): string {
  if (!Number.isInteger(ms) || ms < 0 || ms > MAX_TIME) throw new RangeError(`ulid: bad time ${ms}`);
  let out = '';
  let rest = ms;
  for (let i = 0; i < TIME_LEN; i++) {
    out = ALPHABET[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

function randomDigits(random: RandomSource): number[] {
  // 5 bits per digit; one byte per digit keeps it simple (uniform since 256 % 32 === 0).
  return Array.from(random(RANDOM_LEN), (byte) => byte % 32);
}

/** Increment a base32 digit array; returns false on overflow (2^80 ids in one ms). */
function increment(digits: number[]): boolean {
  for (let i = digits.length - 1; i >= 0; i--) {
    const digit = digits[i]!;
    if (digit < 31) {
      digits[i] = digit + 1;
      return true;
    }
    digits[i] = 0;
  }
  return false;
}

export function createUlidFactory(random: RandomSource = cryptoRandom): (now?: number) => string {
  let lastTime = -1;
  let lastDigits: number[] = [];
  return (now = Date.now()) => {
    if (now <= lastTime) {
      if (!increment(lastDigits)) throw new Error('ulid: random part overflow');
    } else {
      lastTime = now;
      lastDigits = randomDigits(random);
    }
    return encodeTime(lastTime) + lastDigits.map((d) => ALPHABET[d]).join('');
  };
}

export const ulid = createUlidFactory();

export function ulidTime(id: string): number {
  if (!/^[0-9A-HJKMNP-TV-Z]{26}$/.test(id)) throw new Error('ulid: malformed');
  let ms = 0;
  for (const char of id.slice(0, TIME_LEN)) ms = ms * 32 + ALPHABET.indexOf(char);
  return ms;
}
