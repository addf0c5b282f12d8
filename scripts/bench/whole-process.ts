// The whole CLI job, as a user runs it: `npm run analyze` from files to every output, on the demo
// region and on the seeded 10× region (files written to a temp dir by write-bench-region.ts), with
// the time of each phase (read, prepare, coverage, rules, gaps, write) and the peak RSS that the
// CLI reports on its last line, plus the process's wall time (Node's start-up and loading the
// bundle included). The command is `npm run analyze`'s own (package.json), without npm's start-up.
// Used by `npm run bench` (scripts/bench/run.ts); alone: npx tsx scripts/bench/whole-process.ts [--quick] [--files DIR]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PHASES, type Phase } from '../lib/report-memory.ts';
import { benchRegionArgs, benchRegionFiles, TEN_TIMES_REGION, writeBenchRegion, type BenchRegionFiles } from './write-bench-region.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The node arguments of `npm run analyze` (package.json), e.g. ['scripts/run-bundled.mjs', 'scripts/analyze.ts']. */
export function analyzeCommand(): string[] {
  const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>;
  const [program, ...args] = scripts.analyze.split(/\s+/);
  if (program !== 'node') throw new Error(`npm run analyze runs ${program}, not node: update the benchmark`);
  return args;
}

export interface WholeProcessRow {
  dataset: string;
  inputs: string;
  gaps: boolean;
  wallMs: number;
  totalMs: number;
  phases: Record<Phase, number>;
  /** CPU time per phase and of the whole process (start-up included), as the CLI reports it. */
  cpuPhases: Record<Phase, number>;
  cpuMs: number;
  peakRssMb: number;
  ok: boolean;
  note: string;
}

/**
 * Parses the CLI's closing line: "[done] cost: total 1.23 s · read 0.50 s · … · peak memory (RSS)
 * 812 MB · CPU: process 1.40 s · read 0.45 s · … / …".
 */
export function parseCostLine(stderr: string): { totalMs: number; phases: Record<Phase, number>; cpuPhases: Record<Phase, number>; cpuMs: number; peakRssMb: number } | null {
  const line = stderr.split('\n').find((l) => l.startsWith('[done] cost:'));
  if (!line) return null;
  const [wall, cpu = ''] = line.split(' / ')[0].split(' · CPU: ');
  const number = (text: string, pattern: RegExp) => Number(text.match(pattern)?.[1].replace(/,/g, '') ?? NaN);
  const phasesOf = (text: string) => Object.fromEntries(PHASES.map((p) => [p, 1000 * number(text, new RegExp(`${p} ([\\d.]+) s`))])) as Record<Phase, number>;
  return {
    totalMs: 1000 * number(wall, /total ([\d.]+) s/),
    phases: phasesOf(wall),
    cpuPhases: phasesOf(cpu),
    cpuMs: 1000 * number(cpu, /process ([\d.]+) s/),
    peakRssMb: number(wall, /peak memory \(RSS\) ([\d,]+) MB/),
  };
}

/** `env`: e.g. GAPMAP_THREADS=1 (gaps in one thread). */
export function runCli(dataset: string, inputs: string, args: string[], gaps: boolean, env: Record<string, string> = {}): WholeProcessRow {
  const out = mkdtempSync(join(tmpdir(), 'gapmap-bench-out-'));
  const start = performance.now();
  const child = spawnSync(process.execPath, [...analyzeCommand(), ...args, ...(gaps ? [] : ['--no-gaps']), '--out', out], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    env: { ...process.env, ...env },
  });
  const wallMs = performance.now() - start;
  rmSync(out, { recursive: true, force: true });
  const cost = parseCostLine(child.stderr);
  const empty = Object.fromEntries(PHASES.map((p) => [p, NaN])) as Record<Phase, number>;
  return {
    dataset,
    inputs,
    gaps,
    wallMs,
    totalMs: cost?.totalMs ?? NaN,
    phases: cost?.phases ?? empty,
    cpuPhases: cost?.cpuPhases ?? empty,
    cpuMs: cost?.cpuMs ?? NaN,
    peakRssMb: cost?.peakRssMb ?? NaN,
    ok: child.status === 0,
    note: child.status === 0 ? '' : `exit ${child.status}: ${child.stderr.trim().split('\n').slice(-2).join(' ')}`,
  };
}

/** Runs the CLI on the demo and (unless quick) on the 10× region's files, written to a temp dir (or `files`). */
export function benchWholeProcess(options: { quick: boolean; files?: BenchRegionFiles }): WholeProcessRow[] {
  const rows: WholeProcessRow[] = [];
  console.error('whole process: demo region …');
  rows.push(runCli('demo (玉溪, synthetic geometry)', 'demo files', [], true));
  rows.push(runCli('demo (玉溪, synthetic geometry)', 'demo files', [], false));
  if (options.quick) return rows;
  let directory: string | null = null;
  let files = options.files;
  if (!files) {
    directory = mkdtempSync(join(tmpdir(), 'gapmap-bench-region-'));
    console.error(`whole process: writing the 10× region to ${directory} …`);
    files = writeBenchRegion(directory, TEN_TIMES_REGION);
  }
  const size = '1000 townships (id only) · 30,000 facilities · 1 M points';
  for (const [format, gaps, threads] of [['csv', true, 2], ['csv', true, 1], ['csv', false, 2], ['geojson', true, 2]] as const) {
    console.error(`whole process: 10× region, ${format}${gaps ? '' : ', --no-gaps'}${threads === 1 && gaps ? ', gaps in one thread' : ''} …`);
    const inputs = `${format === 'csv' ? 'CSV lon,lat[,w]' : 'GeoJSON'}${threads === 1 && gaps ? ' (GAPMAP_THREADS=1: gaps in one thread)' : ''}`;
    rows.push(runCli(`seeded 10× region: ${size}`, inputs, benchRegionArgs(files, format), gaps, threads === 1 ? { GAPMAP_THREADS: '1' } : {}));
  }
  if (directory) rmSync(directory, { recursive: true, force: true });
  return rows;
}

/** Wall seconds per phase with the CPU seconds beside them: on a shared machine the CPU time is the figure to compare. */
export function printWholeProcessTable(rows: WholeProcessRow[]): void {
  const [one, five] = loadavg();
  console.log(`whole process, ${new Date().toISOString()}, load average ${one.toFixed(2)} (1 min) / ${five.toFixed(2)} (5 min), ${cpus().length} cores, Node ${process.version}; each cell: wall s (CPU s)`);
  const header = ['dataset', 'inputs', 'gaps', ...PHASES.map((p) => `${p}`), 'CLI total', 'process wall (CPU)', 'peak RSS (MB)', 'note'];
  const s = (ms: number) => (Number.isFinite(ms) ? (ms / 1000).toFixed(2) : '–');
  const both = (wall: number, cpu: number) => `${s(wall)} (${s(cpu)})`;
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  for (const r of rows) {
    const phases = PHASES.map((p) => both(r.phases[p], r.cpuPhases[p]));
    console.log(`| ${[r.dataset, r.inputs, r.gaps ? 'yes' : '--no-gaps', ...phases, s(r.totalMs), both(r.wallMs, r.cpuMs), Number.isFinite(r.peakRssMb) ? r.peakRssMb.toFixed(0) : '–', r.note].join(' | ')} |`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // --files DIR: reuse region files written earlier (townships.geojson, facilities.csv, … in DIR).
  const at = process.argv.indexOf('--files');
  const directory = at >= 0 ? process.argv[at + 1] : undefined;
  const files: BenchRegionFiles | undefined = directory ? benchRegionFiles(directory) : undefined;
  const rows = benchWholeProcess({ quick: process.argv.includes('--quick'), files });
  printWholeProcessTable(rows);
}
