// The README's "past one machine" how-to, run as written: a throwaway PostgreSQL + PostGIS server
// (as the tests start it), then `npm run analyze` with the built-in engine and with
// `--engine postgis --db URL`, and `npm run export-sql -- … --db URL`, on the demo region and
// (with --files DIR) on a generated province; prints each run's wall and CPU time and the largest
// difference between the engines' township and county shares (percentage points) and distances.
//   npx tsx scripts/bench/province-postgis.ts [--files DIR]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { findPostgres, startThrowawayPostgres } from '../../test/postgis/throwaway-postgres.ts';
import { parseCostLine } from './whole-process.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const { values } = parseArgs({ options: { files: { type: 'string' } } });

function readCsv(path: string): Record<string, string>[] {
  const [header, ...rows] = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((line) => line.split(','));
  return rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i]])));
}

interface Run {
  out: string;
  wallS: number;
  cpuS: number;
  ok: boolean;
  tail: string;
}

function run(script: string, args: string[]): Run {
  const out = mkdtempSync(join(tmpdir(), 'gapmap-bench-pg-'));
  const started = performance.now();
  const child = spawnSync('npm', ['run', '--silent', script, '--', ...args, '--out', out], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
  const wallS = (performance.now() - started) / 1000;
  const cpuMs = parseCostLine(child.stderr)?.cpuMs ?? NaN;
  return { out, wallS, cpuS: cpuMs / 1000, ok: child.status === 0, tail: child.stderr.trim().split('\n').slice(-3).join(' | ') };
}

/** Largest gap between two runs' tables: shares (points) and distances (m), over townships and counties. */
function compare(a: Run, b: Run): { share: number; metres: number } {
  let share = 0, metres = 0;
  for (const file of ['townships.csv', 'counties.csv']) {
    const x = readCsv(join(a.out, file)), y = readCsv(join(b.out, file));
    x.forEach((row, r) => {
      for (const [column, value] of Object.entries(row)) {
        const d = Math.abs(Number(value) - Number(y[r][column]));
        if (!Number.isFinite(d)) continue;
        if (column.endsWith('_pct')) share = Math.max(share, d);
        if (column.endsWith('_m')) metres = Math.max(metres, d);
      }
    });
  }
  return { share, metres };
}

const found = findPostgres();
if ('missing' in found) {
  console.error(found.missing);
  process.exit(1);
}
const server = await startThrowawayPostgres(found.install);
const rows: string[] = [];
try {
  const datasets: [string, string[]][] = [['demo (玉溪, synthetic geometry)', []]];
  if (values.files) {
    const f = (name: string) => join(values.files!, name);
    datasets.push([
      `generated province (${values.files})`,
      ['--boundaries', f('townships.geojson'), '--counties', f('counties.geojson'), '--areas', f('areas.geojson'), '--facilities', f('facilities.geojson'), '--type-field', 'type',
        '--places', f('places.geojson'), '--population', f('population.tif'), '--cohort-raster', `age60plus=${f('age60plus.tif')}`, '--cohort-raster', `age0_3=${f('age0_3.tif')}`],
    ]);
  }
  for (const [name, args] of datasets) {
    const load = loadavg()[0].toFixed(1);
    console.error(`${name}: built-in …`);
    const builtin = run('analyze', args);
    console.error(`${name}: --engine postgis …`);
    const postgis = run('analyze', [...args, '--engine', 'postgis', '--db', server.url]);
    console.error(`${name}: export-sql …`);
    const exportSql = run('export-sql', [...args, '--db', server.url]);
    for (const [label, r] of [['built-in', builtin], ['analyze --engine postgis', postgis], ['export-sql', exportSql]] as const) {
      const gap = r !== builtin && r.ok && builtin.ok ? compare(builtin, r) : null;
      rows.push(`| ${name} | ${label} | ${r.ok ? 'ok' : `failed: ${r.tail}`} | ${r.wallS.toFixed(1)} | ${r.cpuS.toFixed(1)} | ${gap ? gap.share.toFixed(3) : '–'} | ${gap ? gap.metres.toFixed(1) : '–'} | ${load} |`);
    }
    for (const r of [builtin, postgis, exportSql]) rmSync(r.out, { recursive: true, force: true });
  }
} finally {
  server.stop();
}
console.log('\n| dataset | run | result | wall (s) | CPU of the Node process (s) | largest share gap to built-in (points) | largest distance gap (m) | load average |');
console.log('|---|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
