import { type EventLoopUtilization, type IntervalHistogram, monitorEventLoopDelay, performance } from 'node:perf_hooks';

export interface DelayFigures {
  resolution: number;
  count: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
  /** Share of the period the event loop was busy (performance.eventLoopUtilization), 0–1. */
  utilization: number;
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
  const since: Record<'whole' | 'interval', EventLoopUtilization> = { whole: performance.eventLoopUtilization(), interval: performance.eventLoopUtilization() };
  return {
    delayReset: (ms: number) => {
      whole.disable();
      interval.disable();
      resolution = ms;
      whole = monitorEventLoopDelay({ resolution });
      interval = monitorEventLoopDelay({ resolution });
      whole.enable();
      interval.enable();
      since.whole = since.interval = performance.eventLoopUtilization();
    },
    delay: (which) => {
      const h = which === 'whole' ? whole : interval;
      const ms = (ns: number) => ns / 1e6;
      const now = performance.eventLoopUtilization();
      const utilization = performance.eventLoopUtilization(now, since[which]).utilization;
      const out = { resolution, count: h.count, p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max), mean: ms(h.mean), utilization };
      if (which === 'interval') {
        h.reset();
        since.interval = now;
      }
      return out;
    },
  };
}
