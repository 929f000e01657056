import { type Recorder } from './load.js';
import { OPERATIONS } from './operations.js';
import { type MemoryBreakdown } from '../lib/child.js';
import { type DelayFigures } from '../lib/loop-delay.js';
import { pad } from '../lib/stats.js';

type Mem = MemoryBreakdown;
type Pair = { api: Mem; worker: Mem };
export interface Memory {
  start: Pair;
  minute?: Pair;
  end?: Pair;
  /** After a full garbage collection (BENCH_EVE_GC=1). */
  minuteGc?: Pair;
  endGc?: Pair;
}
export interface Sample extends Pair {
  s: number;
}

interface Figures {
  wall: number;
  recorder: Recorder;
  delay: DelayFigures;
  /** The same histogram in an idle process on the same machine: the share of the delay that is the machine's. */
  control: DelayFigures;
  memory: Memory;
  samples: Sample[];
  cpu: { api: number; worker: number; loadGenerator: number };
  /** SQL statements the API sent over the period. */
  sql: number;
  fanOut: { circulations: number; recipients: number; delivered: number; p50: number | null; max: number | null; mails: number };
  loadEnd: string;
  profile?: string;
}

const MB = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;
const met = (ok: boolean) => (ok ? 'met' : 'NOT MET');

/** RSS beyond the V8 heap and external memory: malloc arenas and their fragmentation, thread stacks, the binary. */
const native = (x: Mem) => Math.max(0, x.rss - x.heapTotal - x.external);

/** Where the RSS goes at start, after 1 minute and at the end, and what changed between the last two. */
function printBreakdown(log: (s?: string) => void, who: 'api' | 'worker', m: Memory): void {
  const rows: [string, (x: Mem) => number][] = [
    ['rss', (x) => x.rss],
    ['V8 heap reserved (heapTotal)', (x) => x.heapTotal],
    ['  heap used (heapUsed)', (x) => x.heapUsed],
    ['  new space (nursery)', (x) => x.newSpace],
    ['  code space', (x) => x.code],
    ['external', (x) => x.external],
    ['  of which arrayBuffers', (x) => x.arrayBuffers],
    ['V8 malloced (compiler zones)', (x) => x.malloced],
    ['native rest (rss − heap − ext.)', native],
    ['anonymous (smaps_rollup)', (x) => x.anonymous],
    ['  in 256 KB mappings (V8 pages)', (x) => x.mappings?.v8Pages ?? NaN],
    ['  in [heap] (glibc main arena)', (x) => x.mappings?.mallocMain ?? NaN],
    ['  in other mappings', (x) => x.mappings?.otherAnonymous ?? NaN],
  ];
  const mb = (b: number) => (b / 2 ** 20).toFixed(1);
  log(`  ${who} breakdown, MB: ${'start'.padStart(8)} ${'1 min'.padStart(8)} ${'end'.padStart(8)} ${'end−1 min'.padStart(10)}`);
  for (const [name, get] of rows) {
    const v = (p?: Pair) => (p ? get(p[who]) : NaN);
    const d = v(m.end) - v(m.minute);
    log(
      `    ${name.padEnd(32)} ${mb(v(m.start)).padStart(8)} ${mb(v(m.minute)).padStart(8)} ${mb(v(m.end)).padStart(8)} ${`${d >= 0 ? '+' : ''}${mb(d)}`.padStart(10)}`,
    );
  }
}

/** Prints the figures of the measured period with the issue's targets beside them; returns the number of failed requests. */
export function printReport(log: (s?: string) => void, f: Figures): number {
  const { wall, recorder } = f;
  log();
  log(`Per operation over ${wall.toFixed(0)} s (latency from the load generator: send to last byte):`);
  log(`  ${'operation'.padEnd(30)} ${pad('count', 7)} ${pad('req/s', 7)} ${pad('p50 ms', 8)} ${pad('p99 ms', 8)} ${pad('max ms', 8)} ${pad('errors', 6)}`);
  const row = (name: string, count: number, p50: string, p99: string, max: string, errors: number) =>
    log(`  ${name.padEnd(30)} ${pad(count, 7)} ${pad((count / wall).toFixed(1), 7)} ${pad(p50, 8)} ${pad(p99, 8)} ${pad(max, 8)} ${pad(errors, 6)}`);
  const names = [...OPERATIONS.map((o) => o.name), ...[...recorder.stats.keys()].filter((k) => k.startsWith('clerk')).sort()];
  for (const name of names) {
    const s = recorder.stats.get(name);
    if (!s) row(name, 0, '-', '-', '-', 0);
    else row(name, s.count, s.ms(50).toFixed(1), s.ms(99).toFixed(1), s.ms(100).toFixed(0), s.errors);
  }
  const sum = (kind: 'read' | 'write') => OPERATIONS.filter((o) => o.kind === kind).reduce((n, o) => n + (recorder.stats.get(o.name)?.count ?? 0), 0);
  const { count, errors } = recorder.total();
  log(
    `  all: ${count} requests, ${(count / wall).toFixed(1)} req/s (reads ${(sum('read') / wall).toFixed(1)}/s, writes ${(sum('write') / wall).toFixed(1)}/s), ${errors} errors`,
  );
  for (const [name, s] of recorder.stats) for (const e of s.errorSamples) log(`    error in ${name}: ${e}`);

  const d = f.delay;
  const excess = Math.max(0, d.p99 - d.resolution);
  log();
  log(
    `API event loop (monitorEventLoopDelay, ${d.resolution} ms timer, reset after warm-up, ${d.count} samples): p50 ${d.p50.toFixed(1)} ms, p99 ${d.p99.toFixed(1)} ms, max ${d.max.toFixed(0)} ms, mean ${d.mean.toFixed(1)} ms (each value includes the timer's own ${d.resolution} ms).`,
  );
  const c = f.control;
  log(
    `  an idle Node process on the same machine, same timer, same period (the scheduling delay of a loaded machine): p50 ${c.p50.toFixed(1)} ms, p99 ${c.p99.toFixed(1)} ms, max ${c.max.toFixed(0)} ms.`,
  );
  log(
    `  p99 delay beyond the timer: ${excess.toFixed(1)} ms — target ≤ 50 ms: ${met(excess <= 50)}${excess <= 50 && d.p99 > 50 ? ' (the raw p99, timer included, is above 50 ms)' : ''}`,
  );

  log();
  log('Memory (RSS; heap used in brackets):');
  const m = f.memory;
  const drift: { who: string; pct: number }[] = [];
  for (const who of ['api', 'worker'] as const) {
    const at = (p?: Pair) => (p ? `${MB(p[who].rss)} (${MB(p[who].heapUsed)})` : '-');
    const pct = m.minute && m.end ? ((m.end[who].rss - m.minute[who].rss) / m.minute[who].rss) * 100 : NaN;
    drift.push({ who, pct });
    log(`  ${who.padEnd(6)} start ${at(m.start)}, after 1 min ${at(m.minute)}, end ${at(m.end)}: end vs 1 min ${pct >= 0 ? '+' : ''}${pct.toFixed(1)} %`);
  }
  for (const who of ['api', 'worker'] as const) printBreakdown(log, who, m);
  if (m.minuteGc && m.endGc)
    for (const who of ['api', 'worker'] as const)
      log(
        `  ${who.padEnd(6)} heap used after a full GC: after 1 min ${MB(m.minuteGc[who].heapUsed)}, end ${MB(m.endGc[who].heapUsed)} (RSS then ${MB(m.endGc[who].rss)})`,
      );
  const series = (who: 'api' | 'worker', what: (x: Mem) => number) =>
    f.samples
      .filter((_, i) => i % 3 === 2 || i === f.samples.length - 1)
      .map((s) => (what(s[who]) / 2 ** 20).toFixed(0))
      .join(' ');
  log(`  every 30 s, MB — API RSS: ${series('api', (x) => x.rss)}`);
  log(`                   API heap reserved: ${series('api', (x) => x.heapTotal)}`);
  log(`                   API heap used: ${series('api', (x) => x.heapUsed)}`);
  log(`                   API external: ${series('api', (x) => x.external)}`);
  log(`                   API native rest: ${series('api', native)}`);
  log(`                   worker RSS: ${series('worker', (x) => x.rss)}`);

  log();
  const pctCore = (ms: number) => `${((ms / 1000 / wall) * 100).toFixed(0)} %`;
  log(
    `CPU over the period (% of one core): API ${pctCore(f.cpu.api)}, worker ${pctCore(f.cpu.worker)}, load generator (this process, with the SMTP sink) ${pctCore(f.cpu.loadGenerator)}${f.cpu.loadGenerator > f.cpu.api / 2 ? ' — the generator may be limiting the load' : ''}; API CPU per request ${count ? (f.cpu.api / count).toFixed(1) : '-'} ms, SQL statements per request ${count ? (f.sql / count).toFixed(1) : '-'}.`,
  );
  const fo = f.fanOut;
  log(
    `Fan-out: ${fo.circulations} circulations in the period → ${fo.delivered}/${fo.recipients} delegation recipients DELIVERED, ${fo.mails} e-mails accepted by the sink; circulate → last recipient delivered: p50 ${fo.p50 === null ? '-' : (fo.p50 / 1000).toFixed(1)} s, max ${fo.max === null ? '-' : (fo.max / 1000).toFixed(1)} s.`,
  );
  if (f.profile) log(`API CPU profile of the period: ${f.profile} (node dist/bench/profile-summary.js ${f.profile}).`);
  log(`Load average at the end: ${f.loadEnd} (2 cores shared with other work: absolute figures are noisy).`);

  log();
  log('Targets:');
  log(
    `  event-loop p99 ≤ 50 ms: ${excess.toFixed(1)} ms beyond the timer (${d.p99.toFixed(1)} ms raw; idle control process ${Math.max(0, c.p99 - c.resolution).toFixed(1)} ms beyond) — ${met(excess <= 50)}`,
  );
  log(`  no error: ${errors} — ${met(errors === 0)}`);
  for (const { who, pct } of drift)
    log(
      `  RSS of the ${who} at the end within 10 % of after 1 minute: ${Number.isNaN(pct) ? '-' : `${pct.toFixed(1)} %`} — ${met(Math.abs(pct) <= 10)}${pct < -10 ? ' (a fall, not growth: compare the heap series)' : ''}`,
    );
  return errors;
}
