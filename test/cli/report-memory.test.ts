// The CLI's time and memory report: phases charged once each (a phase inside another is not
// counted twice), the closing line's format, and the memory warning before a run that will not fit.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { estimateMemory, memoryWarning, PhaseClock } from '../../scripts/lib/report-memory.ts';
import { parseCostLine } from '../../scripts/bench/whole-process.ts';
import { CLI_FIXTURE_ARGS, runAnalyzeCli } from '../helpers/run-analyze-cli.ts';

const work = mkdtempSync(join(tmpdir(), 'gapmap-memory-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const busy = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

describe('phase clock', () => {
  it('charges time to the innermost phase and reports every phase with the peak RSS', async () => {
    const clock = new PhaseClock();
    await clock.time('read', () => busy(5));
    const items = clock.timeEach('gaps', (function* () {
      busy(5);
      yield 1;
      busy(5);
      yield 2;
    })());
    await clock.time('write', () => {
      for (const item of items) expect(item).toBeGreaterThan(0);
    });
    const { milliseconds } = clock;
    expect(milliseconds.read).toBeGreaterThanOrEqual(5);
    expect(milliseconds.gaps).toBeGreaterThanOrEqual(10);
    expect(milliseconds.prepare).toBe(0);
    const parsed = parseCostLine(clock.line());
    expect(parsed).not.toBeNull();
    expect(parsed!.peakRssMb).toBeGreaterThan(0);
    expect(parsed!.phases.gaps).toBeCloseTo(Math.round(milliseconds.gaps / 10) * 10, -1);
    expect(parsed!.totalMs).toBeGreaterThanOrEqual(parsed!.phases.read + parsed!.phases.gaps - 20);
    // CPU time beside the wall time: the process's, and per phase (none where nothing ran).
    expect(parsed!.cpuMs).toBeGreaterThan(0);
    expect(parsed!.cpuPhases.prepare).toBe(0);
    for (const phase of ['read', 'gaps', 'write'] as const) {
      expect(parsed!.cpuPhases[phase]).toBeGreaterThanOrEqual(0);
      expect(Math.abs(parsed!.cpuPhases[phase] - clock.cpuMilliseconds[phase])).toBeLessThanOrEqual(5.01); // printed to 0.01 s
    }
  });
});

describe('memory warning', () => {
  it('grows with the input sizes and names --no-gaps and county tiles when the run will not fit', () => {
    const small = join(work, 'points.csv');
    const large = join(work, 'points-large.csv');
    writeFileSync(small, 'lon,lat\n'.repeat(1000));
    writeFileSync(large, 'lon,lat\n'.repeat(100_000));
    const a = estimateMemory([{ path: small, kind: 'points' }], { gaps: true });
    const b = estimateMemory([{ path: large, kind: 'points' }], { gaps: true });
    expect(b).toBeGreaterThan(a);
    expect(estimateMemory([{ path: large, kind: 'points' }], { gaps: false })).toBeLessThan(b);
    expect(memoryWarning(b, 10 * b, { gaps: true })).toBeNull();
    const warning = memoryWarning(b, b / 2, { gaps: true })!;
    expect(warning).toContain('--no-gaps');
    expect(warning).toMatch(/--tile county \(one county at a time/);
    expect(warning).toMatch(/分块/);
    expect(memoryWarning(b, b / 2, { gaps: false })).not.toContain('--no-gaps (');
  });
});

describe('the CLI says it before a run that will not fit, and its peak memory at the end', () => {
  it('warns before reading, naming county tiles and --no-gaps, when the heap is too small for the inputs', async () => {
    // A Node heap of 96 MB is below what the estimate asks for even the small fixture; the run itself fits.
    const run = await runAnalyzeCli(join(work, 'out-small-heap'), CLI_FIXTURE_ARGS, { NODE_OPTIONS: '--max-old-space-size=96' });
    expect(run.code, run.stderr.slice(-2000)).toBe(0);
    const warning = run.stderr.indexOf('[memory] this run needs about');
    expect(warning).toBeGreaterThanOrEqual(0);
    expect(warning).toBeLessThan(run.stderr.indexOf('[import]'));
    expect(run.stderr).toMatch(/--tile county \(one county at a time, merged\), or --no-gaps \(figures only, no gap polygons\)/);
    expect(run.stderr).toContain('[内存] 本次运行约需');
    expect(parseCostLine(run.stderr)?.peakRssMb).toBeGreaterThan(0);
    // With the default heap the same run says nothing about memory until its closing line.
    const normal = await runAnalyzeCli(join(work, 'out-normal'), CLI_FIXTURE_ARGS);
    expect(normal.code).toBe(0);
    expect(normal.stderr).not.toContain('[memory]');
    expect(normal.stderr).toMatch(/peak memory \(RSS\) [\d,]+ MB/);
  }, 120_000);
});
