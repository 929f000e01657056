import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';

export interface DelayFigures {
  resolution: number;
  count: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

/**
 * Child-side handlers for event-loop delay as `npm run bench:eve` reports it: a coarse timer (10–20 ms,
 * cheap), one histogram for the whole measured period and one per reporting interval.
 * `delayReset(resolution)` starts both again; `delay(which)` reads one (ms; values include the
 * timer's own period), and restarts `interval` after reading.
 */
export function loopDelayHandlers(): { delayReset: (resolution: number) => void; delay: (which: 'whole' | 'interval') => DelayFigures } {
  let resolution = 20;
  let whole: IntervalHistogram = monitorEventLoopDelay({ resolution });
  let interval: IntervalHistogram = monitorEventLoopDelay({ resolution });
  return {
    delayReset: (ms: number) => {
      whole.disable();
      interval.disable();
      resolution = ms;
      whole = monitorEventLoopDelay({ resolution });
      interval = monitorEventLoopDelay({ resolution });
      whole.enable();
      interval.enable();
    },
    delay: (which) => {
      const h = which === 'whole' ? whole : interval;
      const ms = (ns: number) => ns / 1e6;
      const out = { resolution, count: h.count, p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max), mean: ms(h.mean) };
      if (which === 'interval') h.reset();
      return out;
    },
  };
}
