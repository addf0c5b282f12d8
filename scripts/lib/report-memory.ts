// The CLI's time and memory, said in Chinese and English: time per phase and the process's peak
// resident memory at the end, and before the heavy work a warning when the run is not expected
// to fit, naming what helps.
import { statSync } from 'node:fs';
import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { formatNumber } from '../../src/core/rules/format-figures.ts';

export const PHASES = ['read', 'prepare', 'coverage', 'rules', 'gaps', 'write'] as const;
export type Phase = (typeof PHASES)[number];

/** CPU time (user + system) this process has used so far, milliseconds. */
function cpuNow(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Peak resident set size of this process so far, bytes. */
export function peakRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

// formatNumber rather than toLocaleString: the same grouping without loading ICU's number data (18 ms on first use)
const megabytes = (bytes: number) => `${formatNumber(Math.round(bytes / 1e6))} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/**
 * Wall time per phase. Time is charged to the innermost running phase, so a phase that runs inside
 * another (gaps produced while the outputs are written) is not counted twice.
 */
export class PhaseClock {
  readonly milliseconds: Record<Phase, number> = { read: 0, prepare: 0, coverage: 0, rules: 0, gaps: 0, write: 0 };
  /** CPU time (user + system, this process) per phase: the figure to compare when the machine is shared. */
  readonly cpuMilliseconds: Record<Phase, number> = { read: 0, prepare: 0, coverage: 0, rules: 0, gaps: 0, write: 0 };
  private readonly started = performance.now();
  private current: Phase | null = null;
  private since = performance.now();
  private cpuSince = cpuNow();

  private enter(phase: Phase | null): Phase | null {
    const now = performance.now();
    const cpu = cpuNow();
    if (this.current) {
      this.milliseconds[this.current] += now - this.since;
      this.cpuMilliseconds[this.current] += cpu - this.cpuSince;
    }
    const previous = this.current;
    this.current = phase;
    this.since = now;
    this.cpuSince = cpu;
    return previous;
  }

  async time<T>(phase: Phase, work: () => T | Promise<T>): Promise<T> {
    const previous = this.enter(phase);
    try {
      return await work();
    } finally {
      this.enter(previous);
    }
  }

  /** The items of `items`, with the time spent producing each charged to `phase`. */
  *timeEach<T>(phase: Phase, items: Iterable<T>): Generator<T, void, undefined> {
    const iterator = items[Symbol.iterator]();
    for (;;) {
      const previous = this.enter(phase);
      let step: IteratorResult<T>;
      try {
        step = iterator.next();
      } finally {
        this.enter(previous);
      }
      if (step.done) return;
      yield step.value;
    }
  }

  /** The items of an async iterable, with the time spent producing each (waiting included) charged to `phase`. */
  async *timeEachAsync<T>(phase: Phase, items: AsyncIterable<T>): AsyncGenerator<T, void, undefined> {
    const iterator = items[Symbol.asyncIterator]();
    try {
      for (;;) {
        const previous = this.enter(phase);
        let step: IteratorResult<T>;
        try {
          step = await iterator.next();
        } finally {
          this.enter(previous);
        }
        if (step.done) return;
        yield step.value;
      }
    } finally {
      await iterator.return?.();
    }
  }

  /**
   * One line: wall time in total and per phase, peak RSS, then the CPU time of the process and per
   * phase (machine-readable after "[done] cost"; start-up before the clock is in the process total).
   */
  line(): string {
    const total = performance.now() - this.started;
    const cpuTotal = cpuNow();
    const zh: Record<Phase, string> = { read: '读取', prepare: '预处理', coverage: '覆盖', rules: '规则', gaps: '缺口', write: '写出' };
    const parts = PHASES.map((p) => `${p} ${seconds(this.milliseconds[p])}`).join(' · ');
    const partsZh = PHASES.map((p) => `${zh[p]} ${seconds(this.milliseconds[p])}`).join(' · ');
    const cpuParts = PHASES.map((p) => `${p} ${seconds(this.cpuMilliseconds[p])}`).join(' · ');
    return (
      `[done] cost: total ${seconds(total)} · ${parts} · peak memory (RSS) ${megabytes(peakRss())} · CPU: process ${seconds(cpuTotal)} · ${cpuParts}` +
      ` / 用时 ${seconds(total)}（${partsZh}），内存峰值 ${megabytes(peakRss())}，进程 CPU 时间 ${seconds(cpuTotal)}\n`
    );
  }
}

/** A file's size in bytes, 0 when it cannot be read (reading then reports it). */
export function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

export interface SizedInput {
  path: string;
  /** What the file holds: points are read into typed arrays, polygons into objects. */
  kind: 'points' | 'polygons';
}

/**
 * Memory the run is expected to need, bytes, from the input sizes: a fixed base, then per input
 * byte what the reader and the prepared dataset keep (GeoJSON polygons become objects and
 * projected copies; CSV and GeoJSON points become rows), plus the gap geometry of the largest
 * townships when gaps are drawn (they are streamed, so only a few are held at a time).
 * Coefficients set from the whole-process benchmark (scripts/bench/whole-process.ts), on the high side:
 * the 10× region peaked at 452 MB from CSV (estimate 677 MB) and 874 MB from GeoJSON (1,093 MB).
 */
export function estimateMemory(files: SizedInput[], options: { gaps: boolean }): number {
  let bytes = 200e6;
  for (const file of files) {
    const size = fileSize(file.path);
    const geojson = /\.(geo)?json$/i.test(file.path);
    bytes += size * (file.kind === 'polygons' ? 12 : geojson ? 6 : 10);
  }
  if (options.gaps) bytes += 100e6;
  return bytes;
}

/** Where the run may run out: the V8 heap limit or the machine's memory, whichever is lower. */
export function memoryLimit(): number {
  return Math.min(getHeapStatistics().heap_size_limit * 1.25, totalmem() * 0.9);
}

/** A warning for stderr when the estimate exceeds the limit, else null. */
export function memoryWarning(estimate: number, limit: number, options: { gaps: boolean }): string | null {
  if (estimate <= limit) return null;
  const helps = options.gaps
    ? '--tile county (one county at a time, merged), or --no-gaps (figures only, no gap polygons)'
    : '--tile county (one county at a time, merged)';
  const helpsZh = options.gaps ? '--tile county（逐县分块计算再合并）或 --no-gaps（只算指标，不画缺口）' : '--tile county（逐县分块计算再合并）';
  return (
    `[memory] this run needs about ${megabytes(estimate)}, more than the ${megabytes(limit)} available; it will likely fail. ` +
    `What helps: ${helps}; or give Node more heap: NODE_OPTIONS=--max-old-space-size=8192\n` +
    `[内存] 本次运行约需 ${megabytes(estimate)}，超过可用的 ${megabytes(limit)}，很可能失败。可用：${helpsZh}；或加大 Node 堆：NODE_OPTIONS=--max-old-space-size=8192\n`
  );
}
