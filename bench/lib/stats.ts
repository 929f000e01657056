/** Median and spread of repeated measurements (the bench prints these, never asserts them). */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** `median (min–max)` with a fixed number of decimals. */
export function summary(xs: number[], decimals = 1): string {
  const f = (x: number) => x.toFixed(decimals);
  if (xs.length === 1) return f(xs[0]);
  return `${f(median(xs))} (${f(Math.min(...xs))}–${f(Math.max(...xs))})`;
}

export function ratio(a: number, b: number, decimals = 2): string {
  return b === 0 ? 'n/a' : `${(a / b).toFixed(decimals)}×`;
}

export const pad = (s: string | number, n: number) => String(s).padStart(n);
