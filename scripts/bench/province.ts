// The province as a user runs it: `npm run analyze` on the seeded synthetic province
// (scripts/generate-province.ts: 1,400 townships, 16 counties, 100,000 facilities, four 3″ GeoTIFFs
// of 42.9 M pixels), in one piece and by county tiles (--tile county) in the same run, with the
// wall and CPU time of each phase and the peak RSS the CLI reports, and the load average around
// each run (CPU time is the figure to compare on a shared machine).
//   npx tsx scripts/bench/province.ts [--files DIR] [--scale S] [--only whole|tiled]
// DIR defaults to /tmp/gapmap-province; the province is generated there when it is missing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PHASES } from '../lib/report-memory.ts';
import { parseCostLine } from './whole-process.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const { values } = parseArgs({ options: { files: { type: 'string' }, scale: { type: 'string', default: '1' }, only: { type: 'string' } } });
const DIR = values.files ?? '/tmp/gapmap-province';

if (!existsSync(join(DIR, 'townships.geojson'))) {
  console.error(`writing the province to ${DIR} …`);
  spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/generate-province.ts'), '--out', DIR, '--scale', values.scale!], { cwd: ROOT, stdio: 'inherit' });
}
const file = (name: string) => join(DIR, name);
const ARGS = [
  '--boundaries', file('townships.geojson'), '--counties', file('counties.geojson'), '--areas', file('areas.geojson'),
  '--facilities', file('facilities.geojson'), '--type-field', 'type', '--places', file('places.geojson'), '--population', file('population.tif'),
  '--cohort-raster', `age60plus=${file('age60plus.tif')}`, '--cohort-raster', `age0_3=${file('age0_3.tif')}`, '--cohort-raster', `age0_14=${file('age0_14.tif')}`,
];

const rows: string[][] = [];
for (const mode of ['whole', 'tiled'] as const) {
  if (values.only && values.only !== mode) continue;
  const out = mkdtempSync(join(tmpdir(), 'gapmap-bench-province-'));
  const loadBefore = loadavg()[0];
  console.error(`province, ${mode === 'whole' ? 'in one piece' : 'by county tiles'} …`);
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/analyze.ts'), ...ARGS, ...(mode === 'tiled' ? ['--tile', 'county'] : []), '--out', out], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const wallMs = performance.now() - started;
  rmSync(out, { recursive: true, force: true });
  const cost = parseCostLine(child.stderr);
  if (child.status !== 0 || !cost) {
    console.error(child.stderr.split('\n').slice(-5).join('\n'));
    rows.push([mode, `failed (exit ${child.status})`]);
    continue;
  }
  const s = (ms: number) => (ms / 1000).toFixed(1);
  rows.push([
    mode === 'whole' ? 'in one piece' : '--tile county',
    ...PHASES.map((p) => `${s(cost.cpuPhases[p])} (${s(cost.phases[p])})`),
    `${s(cost.cpuMs)} (${s(wallMs)})`,
    cost.peakRssMb.toLocaleString('en'),
    `${loadBefore.toFixed(1)} → ${loadavg()[0].toFixed(1)}`,
  ]);
}
console.log(`\nProvince (${DIR}), CPU seconds (wall seconds) per phase:\n`);
console.log(`| run | ${PHASES.join(' | ')} | whole process | peak RSS (MB) | load average |`);
console.log(`|---|${PHASES.map(() => '---').join('|')}|---|---|---|`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
