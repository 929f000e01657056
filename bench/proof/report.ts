import { type Sample } from './balancer.js';

export interface Window {
  name: string;
  /** ms since the run's start */
  start: number;
  end: number;
}

const p = (xs: number[], q: number) => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

/** Per phase: requests, req/s, p50/p99, errors by code, 5xx; then the 5xx outside every fault window. Returns that last count. */
export function printPhases(log: (s?: string) => void, samples: Sample[], windows: Window[]): number {
  log('');
  log('Per phase (reads and writes through the balancer; a phase lasts until the next one starts)');
  log('  phase                     requests  req/s   p50 ms  p99 ms  5xx  errors (by code)');
  const phases = [...new Set(samples.map((s) => s.phase))];
  for (const phase of phases) {
    const xs = samples.filter((s) => s.phase === phase);
    const first = Math.min(...xs.map((s) => s.t));
    const last = Math.max(...xs.map((s) => s.t + s.ms));
    const secs = Math.max(0.001, (last - first) / 1000);
    const lat = xs.map((s) => s.ms);
    const errors: Record<string, number> = {};
    for (const s of xs) if (s.code) errors[s.code] = (errors[s.code] ?? 0) + 1;
    const fivexx = xs.filter((s) => s.status >= 500).length;
    log(
      `  ${phase.padEnd(25)} ${String(xs.length).padStart(8)} ${(xs.length / secs).toFixed(1).padStart(6)} ${p(lat, 0.5).toFixed(0).padStart(8)} ${p(lat, 0.99)
        .toFixed(0)
        .padStart(7)} ${String(fivexx).padStart(4)}  ${JSON.stringify(errors)}`,
    );
  }
  const inWindow = (s: Sample) => windows.some((w) => s.t + s.ms >= w.start && s.t <= w.end);
  const outside = samples.filter((s) => s.status >= 500 && !inWindow(s));
  const noCode = samples.filter((s) => s.status >= 500 && (!s.code || s.code.startsWith('HTTP')));
  log(`  5xx outside the fault windows: ${outside.length}${outside.length ? ` ${JSON.stringify(outside.slice(0, 5))}` : ''}`);
  log(
    `  5xx without an error code (anywhere): ${noCode.length}; no answer at all (connection reset in flight): ${samples.filter((s) => s.status === 0).length}`,
  );
  return outside.length;
}
