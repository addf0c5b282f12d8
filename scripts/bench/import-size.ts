// How big an import gapmap takes, and what reading "at memory speed" buys: writes a 1 M-row CSV
// (population points) and a ~200 MB GeoJSON of polygons to /tmp, loads each in Node and prints time,
// peak memory and the longest stretch without yielding to the event loop (the "does the page
// freeze" figure: the importer yields between chunks). The CSV is read two ways in the same run:
// as the app still reads it (one GeoJSON Feature per row, then to-model) — the naive baseline — and
// as the CLI reads it (`pointTable`: typed columns straight into PopulationCells).
// Run: npx tsx --expose-gc scripts/bench/import-size.ts [--rows 1000000] [--megabytes 200] [--only csv|geojson]
// (also a GeoJSON of rows/4 population points, both ways, unless --only is given)
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRandom } from '../demo/seeded-random.ts';
import { importLayer, type ImportOptions } from '../../src/core/import/import-layer.ts';
import { toAdminUnits, toPopulationCells } from '../../src/core/import/to-model.ts';

const argument = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const ROWS = argument('rows', 1_000_000);
const MEGABYTES = argument('megabytes', 200);
const onlyIndex = process.argv.indexOf('--only');
const ONLY = onlyIndex >= 0 ? process.argv[onlyIndex + 1] : undefined;

function writeCsv(path: string): void {
  const random = createRandom(1);
  const lines = ['序号,名称,经度,纬度,人口,类型'];
  for (let i = 0; i < ROWS; i++) {
    lines.push(`${i + 1},格网${i},${(101.5 + random.next() * 2).toFixed(6)},${(23.5 + random.next() * 1.5).toFixed(6)},${Math.floor(random.next() * 200)},常住`);
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

function writePointGeoJson(path: string, count: number): void {
  const random = createRandom(3);
  const chunks: string[] = ['{"type":"FeatureCollection","features":[\n'];
  for (let i = 0; i < count; i++) {
    const lon = (101.5 + random.next() * 2).toFixed(6);
    const lat = (23.5 + random.next() * 1.5).toFixed(6);
    chunks.push(`${i > 0 ? ',\n' : ''}{"type":"Feature","properties":{"名称":"格网${i}","人口":${Math.floor(random.next() * 200)}},"geometry":{"type":"Point","coordinates":[${lon},${lat}]}}`);
  }
  chunks.push('\n]}\n');
  writeFileSync(path, chunks.join(''));
}

function writeGeoJson(path: string): void {
  const random = createRandom(2);
  const chunks: string[] = ['{"type":"FeatureCollection","features":[\n'];
  let size = chunks[0].length;
  let index = 0;
  while (size < MEGABYTES * 1e6) {
    const lon = 101.5 + random.next() * 2;
    const lat = 23.5 + random.next() * 1.5;
    const ring: string[] = [];
    for (let v = 0; v < 40; v++) {
      const angle = (2 * Math.PI * v) / 40;
      const r = 0.01 * (0.7 + 0.6 * random.next());
      ring.push(`[${(lon + r * Math.cos(angle)).toFixed(6)},${(lat + r * Math.sin(angle)).toFixed(6)}]`);
    }
    ring.push(ring[0]);
    const feature = `${index > 0 ? ',\n' : ''}{"type":"Feature","id":${index},"properties":{"名称":"地块${index}","代码":"5304${String(index).padStart(8, '0')}","人口":${Math.floor(random.next() * 5000)}},"geometry":{"type":"Polygon","coordinates":[[${ring.join(',')}]]}}`;
    chunks.push(feature);
    size += Buffer.byteLength(feature);
    index++;
  }
  chunks.push('\n]}\n');
  writeFileSync(path, chunks.join(''));
}

interface Row {
  what: string;
  file: string;
  result: string;
  seconds: number;
  cpuSeconds: number;
  peakRss: number;
  rssGrowth: number;
  peakHeap: number;
  longestBlock: number;
}

async function measure(what: string, path: string, options: ImportOptions, convert: (layer: Parameters<typeof toPopulationCells>[0]) => string): Promise<Row> {
  const bytes = new Uint8Array(readFileSync(path));
  (globalThis as { gc?: () => void }).gc?.();
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakHeap = baseline.heapUsed;
  let lastTick = performance.now();
  let longestBlock = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longestBlock = Math.max(longestBlock, now - lastTick);
    lastTick = now;
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }, 5);
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const layer = await importLayer([{ name: path.split('/').pop() as string, bytes }], options);
  const result = layer.ok ? `${layer.value.loadedCount} rows, ${layer.value.problemCount} with problems → ${convert(layer.value)}` : `error ${layer.error.code}`;
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  clearInterval(timer);
  const usage = process.memoryUsage();
  peakRss = Math.max(peakRss, usage.rss);
  peakHeap = Math.max(peakHeap, usage.heapUsed);
  return { what, file: `${Math.round(statSync(path).size / 1e6)} MB`, result, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakRss, rssGrowth: peakRss - baseline.rss, peakHeap, longestBlock };
}

const csvPath = `/tmp/gapmap-import-${ROWS}-population.csv`;
const geojsonPath = `/tmp/gapmap-import-${MEGABYTES}mb.geojson`;
const toCells = (layer: Parameters<typeof toPopulationCells>[0]): string => {
  const cells = toPopulationCells(layer, { populationField: '人口' });
  return cells.ok ? `${cells.value.value.population.length} population cells` : cells.error.code;
};
const rows: Row[] = [];
if (ONLY !== 'geojson') {
  if (!existsSync(csvPath)) writeCsv(csvPath);
  rows.push(await measure(`CSV ${ROWS.toLocaleString('en-US')} rows, a Feature per row (naive baseline)`, csvPath, {}, toCells));
  rows.push(await measure(`CSV ${ROWS.toLocaleString('en-US')} rows, point table (pointTable: the CLI)`, csvPath, { pointTable: true }, toCells));
}
const POINTS = Math.round(ROWS / 4);
const pointsPath = `/tmp/gapmap-import-${POINTS}-population.geojson`;
if (ONLY !== 'geojson' && ONLY !== 'csv') {
  if (!existsSync(pointsPath)) writePointGeoJson(pointsPath, POINTS);
  rows.push(await measure(`GeoJSON ${POINTS.toLocaleString('en-US')} points, a Feature per point (naive baseline)`, pointsPath, {}, toCells));
  rows.push(await measure(`GeoJSON ${POINTS.toLocaleString('en-US')} points, point table (pointTable: the CLI)`, pointsPath, { pointTable: true }, toCells));
}
if (ONLY !== 'csv') {
  if (!existsSync(geojsonPath)) writeGeoJson(geojsonPath);
  rows.push(
    await measure(`GeoJSON ${MEGABYTES} MB of polygons`, geojsonPath, {}, (layer) => {
      const units = toAdminUnits(layer, { nameField: '名称', codeField: '代码', level: 'township' });
      return units.ok ? `${units.value.value.length} units` : units.error.code;
    }),
  );
}
const mb = (value: number): string => `${Math.round(value / 1e6).toLocaleString('en-US')} MB`;
console.log(`Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; read + validate + convert to the model`);
console.log(`load average ${(await import('node:os')).loadavg()[0].toFixed(1)} (CPU time is the figure to trust on a busy machine)`);
console.log('| input | file | result | time (s) | CPU (s) | peak RSS (growth) | peak JS heap | longest block (ms) |');
console.log('|---|---|---|---|---|---|---|---|');
for (const row of rows) {
  console.log(`| ${row.what} | ${row.file} | ${row.result} | ${row.seconds.toFixed(1)} | ${row.cpuSeconds.toFixed(1)} | ${mb(row.peakRss)} (+${mb(row.rssGrowth)}) | ${mb(row.peakHeap)} | ${Math.round(row.longestBlock)} |`);
}
