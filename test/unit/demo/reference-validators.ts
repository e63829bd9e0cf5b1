/**
 * Second, independent transcriptions of the check-digit rules, written from the
 * specifications in a different style from demo/data/check-digits.ts, so a bug in
 * the demo's generator cannot be hidden by the same bug in its own validator.
 */

const digitsOf = (s: string) => s.replace(/\D/g, '').split('').map(Number);

export function refCpf(value: string): boolean {
  const d = digitsOf(value);
  if (d.length !== 11 || new Set(d).size === 1) return false;
  for (const len of [9, 10]) {
    let sum = 0;
    for (let i = 0; i < len; i++) sum += (d[i] as number) * (len + 1 - i);
    const dv = (sum * 10) % 11 === 10 ? 0 : (sum * 10) % 11;
    if (dv !== d[len]) return false;
  }
  return true;
}

export function refCnpj(value: string): boolean {
  const chars = value.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
  if (!/^[0-9A-Z]{12}[0-9]{2}$/.test(chars)) return false;
  const vals = [...chars].map((c) => c.charCodeAt(0) - '0'.charCodeAt(0));
  for (const len of [12, 13]) {
    // Weights run 2..9 from the right, restarting after 9.
    let sum = 0;
    for (let i = len - 1, w = 2; i >= 0; i--, w = w === 9 ? 2 : w + 1) sum += (vals[i] as number) * w;
    const rest = sum % 11;
    if ((rest < 2 ? 0 : 11 - rest) !== vals[len]) return false;
  }
  return true;
}

export function refLuhn(value: string): boolean {
  const d = digitsOf(value).reverse();
  const total = d.reduce((acc, n, i) => acc + (i % 2 === 1 ? (n * 2 > 9 ? n * 2 - 9 : n * 2) : n), 0);
  return d.length >= 12 && total % 10 === 0;
}

export function refPis(value: string): boolean {
  const d = digitsOf(value);
  if (d.length !== 11) return false;
  const weights = [3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * (d[i] as number), 0);
  const dv = 11 - (sum % 11);
  return (dv > 9 ? 0 : dv) === d[10];
}

export function refCns(value: string): boolean {
  const d = digitsOf(value);
  return d.length === 15 && d.reduce((acc, n, i) => acc + n * (15 - i), 0) % 11 === 0;
}

export function refRgSp(value: string): boolean {
  const m = /^(\d{2})\.?(\d{3})\.?(\d{3})-?([\dX])$/i.exec(value.trim());
  if (!m) return false;
  const d = digitsOf(`${m[1]}${m[2]}${m[3]}`);
  const sum = d.reduce((acc, n, i) => acc + n * (i + 2), 0);
  const expected = { 10: 'X', 11: '0' }[11 - (sum % 11)] ?? String(11 - (sum % 11));
  return (m[4] as string).toUpperCase() === expected;
}

/** Banco do Brasil mod 11, weights descending from (length + 1) to 2. */
export function refBb(value: string): boolean {
  const m = /^(\d+)-([\dX])$/i.exec(value.trim());
  if (!m) return false;
  const d = digitsOf(m[1] as string);
  const sum = d.reduce((acc, n, i) => acc + n * (d.length + 1 - i), 0);
  const r = 11 - (sum % 11);
  return (m[2] as string).toUpperCase() === (r === 10 ? 'X' : r === 11 ? '0' : String(r));
}
