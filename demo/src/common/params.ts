/** Query parameters that let tests and the bench drive a page (?rows=5000, ?interval=0...). */
export function intParam(name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const raw = new URLSearchParams(location.search).get(name);
  if (raw === null || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.floor(value)));
}

export function boolParam(name: string, fallback: boolean): boolean {
  const raw = new URLSearchParams(location.search).get(name);
  if (raw === null) return fallback;
  return !['0', 'false', 'no', 'off'].includes(raw.toLowerCase());
}
