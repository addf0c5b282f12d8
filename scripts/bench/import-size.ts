// How big an import gapmap takes: writes a 1 M-row CSV and a ~200 MB GeoJSON to /tmp, loads each
// through importLayer in Node, and prints time, peak memory and the longest stretch without yielding
// to the event loop (the "does the page freeze" figure: the importer yields between chunks).
// Run: npx tsx scripts/bench/import-size.ts [--rows 1000000] [--megabytes 200]
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRandom } from '../demo/seeded-random.ts';
import { importLayer } from '../../src/core/import/import-layer.ts';

const argument = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const ROWS = argument('rows', 1_000_000);
const MEGABYTES = argument('megabytes', 200);

function writeCsv(path: string): void {
  const random = createRandom(1);
  const lines = ['序号,名称,经度,纬度,床位数,类型'];
  for (let i = 0; i < ROWS; i++) {
    lines.push(`${i + 1},设施${i},${(101.5 + random.next() * 2).toFixed(6)},${(23.5 + random.next() * 1.5).toFixed(6)},${Math.floor(random.next() * 200)},托育`);
  }
  writeFileSync(path, lines.join('\n') + '\n');
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

async function measure(label: string, path: string): Promise<void> {
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
  let progressCalls = 0;
  const started = performance.now();
  const result = await importLayer([{ name: path.split('/').pop() as string, bytes }], {}, { onProgress: () => progressCalls++ });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  const usage = process.memoryUsage();
  peakRss = Math.max(peakRss, usage.rss);
  peakHeap = Math.max(peakHeap, usage.heapUsed);
  const mb = (value: number): string => `${Math.round(value / 1e6)} MB`;
  console.log(
    [
      label,
      `file ${mb(statSync(path).size)}`,
      result.ok ? `${result.value.loadedCount} features, ${result.value.problemCount} with problems` : `error ${result.error.code}`,
      `${seconds.toFixed(1)} s`,
      `peak RSS ${mb(peakRss)} (+${mb(peakRss - baseline.rss)})`,
      `peak heap ${mb(peakHeap)}`,
      `longest block ${Math.round(longestBlock)} ms`,
      `${progressCalls} progress calls`,
    ].join(' | '),
  );
}

const csvPath = `/tmp/gapmap-import-${ROWS}-rows.csv`;
const geojsonPath = `/tmp/gapmap-import-${MEGABYTES}mb.geojson`;
if (!existsSync(csvPath)) writeCsv(csvPath);
if (!existsSync(geojsonPath)) writeGeoJson(geojsonPath);
await measure(`CSV ${ROWS} rows`, csvPath);
await measure(`GeoJSON ${MEGABYTES} MB`, geojsonPath);
