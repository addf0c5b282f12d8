// A seeded synthetic province at Yunnan's scale, for the province run (README, "Speed"): not committed.
//   npx tsx scripts/generate-province.ts [--out DIR] [--seed N] [--townships 1400] [--counties 16]
//        [--facilities 100000] [--scale 1]
// Writes to DIR (default /tmp/gapmap-province):
//   townships.geojson   ≈1,400 townships: Voronoi cells of jittered seeds over 6.2° × 4.8°
//                       (≈ 334,000 km²), borders wiggled deterministically per edge so that
//                       neighbours share them exactly (≈ 100 vertices per township)
//   counties.geojson    16 counties: the union of their townships (shared edges cancel exactly)
//   areas.geojson       the central city (the townships around the largest seat)
//   facilities.geojson  100,000 facilities of every type the plan's rules use: each copies the
//                       type, capacity and attributes of a random demo facility (data/demo), placed
//                       near a township seat (urban-biased) — so every rule of yuxi-2025 has data
//   places.geojson      target places (urban communities, disaster-prone villages, resettlement sites)
//   population.tif + age60plus.tif, age0_3.tif, age0_14.tif
//                       3″ (≈ 90 m) WGS84 float32 GeoTIFFs, deflate, 256² tiles, like WorldPop:
//                       7,440 × 5,760 = 42.9 M pixels, ≈ 25 M populated, 47 M people (town blobs
//                       at every seat, bigger cities at county seats, scattered rural cells).
// --scale s multiplies the extent's sides by s (0.3 ≈ a tenth of the province) for quick runs.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { deflateSync } from 'node:zlib';
import { Delaunay } from 'd3-delaunay';
import { writeGeoTiff } from '../src/core/raster/write-geotiff.ts';
import { createRandom } from './demo/seeded-random.ts';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: '/tmp/gapmap-province' },
    seed: { type: 'string', default: '20251130' },
    townships: { type: 'string', default: '1400' },
    counties: { type: 'string', default: '16' },
    facilities: { type: 'string', default: '100000' },
    scale: { type: 'string', default: '1' },
  },
});
const OUT = values.out!;
const SCALE = Number(values.scale);
const TOWNSHIPS = Math.round(Number(values.townships) * SCALE * SCALE);
const COUNTIES = Math.max(2, Math.round(Number(values.counties) * SCALE * SCALE));
const FACILITIES = Math.round(Number(values.facilities) * SCALE * SCALE);
const PEOPLE = 47_000_000 * SCALE * SCALE;
const CELL = 1 / 1200; // 3 arc-seconds
const WEST = 98.6, SOUTH = 22.6;
const WIDTH = Math.round(6.2 * SCALE * 1200), HEIGHT = Math.round(4.8 * SCALE * 1200);
const EAST = WEST + WIDTH * CELL, NORTH = SOUTH + HEIGHT * CELL;
const log = (line: string) => process.stderr.write(`[province] ${line}\n`);
const rand = createRandom(Number(values.seed)).next;
const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** Seeds on a jittered grid of about `count` points over the extent. */
function jitteredSeeds(count: number, jitter: number): [number, number][] {
  const columns = Math.max(1, Math.round(Math.sqrt((count * (EAST - WEST)) / (NORTH - SOUTH))));
  const rows = Math.max(1, Math.ceil(count / columns));
  const seeds: [number, number][] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns && seeds.length < count; c++) {
      const x = WEST + ((c + 0.5 + (rand() - 0.5) * jitter) / columns) * (EAST - WEST);
      const y = SOUTH + ((r + 0.5 + (rand() - 0.5) * jitter) / rows) * (NORTH - SOUTH);
      seeds.push([x, y]);
    }
  }
  return seeds;
}

// --- Geometry: township Voronoi cells, wiggled shared edges, counties as unions ----------------
const townshipSeeds = jitteredSeeds(TOWNSHIPS, 0.8);
const countySeeds = jitteredSeeds(COUNTIES, 0.5);
const voronoi = Delaunay.from(townshipSeeds).voronoi([WEST, SOUTH, EAST, NORTH]);
const countyOf = townshipSeeds.map(([x, y]) => {
  let best = 0;
  countySeeds.forEach(([cx, cy], k) => {
    if ((cx - x) ** 2 + (cy - y) ** 2 < (countySeeds[best][0] - x) ** 2 + (countySeeds[best][1] - y) ** 2) best = k;
  });
  return best;
});

/** Points strictly between a and b, wiggled sideways; the same for (a, b) and (b, a), reversed. */
function edgePoints(a: number[], b: number[]): number[][] {
  const forward = a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
  const [p, q] = forward ? [a, b] : [b, a];
  const onBorder = (p[0] === q[0] && (p[0] === WEST || p[0] === EAST)) || (p[1] === q[1] && (p[1] === SOUTH || p[1] === NORTH));
  const steps = 16;
  const dx = q[0] - p[0], dy = q[1] - p[1];
  const phase = (Math.sin(p[0] * 12.9898 + p[1] * 78.233 + q[0] * 37.719 + q[1] * 4.581) * 43758.5453) % 1;
  const points: number[][] = [];
  for (let i = 1; i < steps; i++) {
    const t = i / steps;
    // Sideways offset up to 4% of the edge, zero at both ends: no self-intersection at Voronoi angles.
    const offset = onBorder ? 0 : 0.04 * Math.sin(Math.PI * t) * Math.sin(2 * Math.PI * (2 * t + phase));
    points.push([round6(p[0] + dx * t - dy * offset), round6(p[1] + dy * t + dx * offset)]);
  }
  return forward ? points : points.reverse();
}

function wiggle(ring: number[][]): number[][] {
  const out: number[][] = [];
  for (let i = 0; i + 1 < ring.length; i++) out.push([round6(ring[i][0]), round6(ring[i][1])], ...edgePoints(ring[i], ring[i + 1]));
  out.push(out[0]);
  return out;
}

const cellRings = townshipSeeds.map((_, t) => voronoi.cellPolygon(t) as number[][]);

/** Union of cells by cancelling shared edges, then chaining the rest into rings (holes: clockwise). */
function unionRings(cells: number[]): number[][][][] {
  const key = (p: number[]) => `${p[0]},${p[1]}`;
  const edges = new Map<string, [number[], number[]]>();
  for (const t of cells) {
    const ring = cellRings[t];
    for (let i = 0; i + 1 < ring.length; i++) {
      const reverse = `${key(ring[i + 1])}>${key(ring[i])}`;
      if (edges.has(reverse)) edges.delete(reverse);
      else edges.set(`${key(ring[i])}>${key(ring[i + 1])}`, [ring[i], ring[i + 1]]);
    }
  }
  const next = new Map<string, number[]>();
  for (const [a, b] of edges.values()) next.set(key(a), b);
  const rings: number[][][] = [];
  const used = new Set<string>();
  for (const [a] of edges.values()) {
    if (used.has(key(a))) continue;
    const ring = [a];
    let p = a;
    while (true) {
      used.add(key(p));
      p = next.get(key(p))!;
      ring.push(p);
      if (key(p) === key(a)) break;
    }
    rings.push(ring);
  }
  const area = (ring: number[][]) => ring.slice(1).reduce((s, p, i) => s + (ring[i][0] * p[1] - p[0] * ring[i][1]), 0) / 2;
  const outers = rings.filter((r) => area(r) > 0).map((r) => [wiggle(r)]);
  for (const hole of rings.filter((r) => area(r) <= 0)) outers[0]?.push(wiggle(hole));
  return outers;
}

const countyCode = (k: number) => `53${String(k + 1).padStart(2, '0')}00`;
const townshipCode = (t: number) => `${countyCode(countyOf[t]).slice(0, 6)}${String(t + 1).padStart(3, '0')}`;
const townships = townshipSeeds.map((_, t) => ({
  type: 'Feature',
  geometry: { type: 'Polygon', coordinates: [wiggle(cellRings[t])] },
  properties: {
    code: townshipCode(t),
    name: `合成乡镇${t + 1}`,
    county_code: countyCode(countyOf[t]),
    vaccination_rate: Math.round((85 + rand() * 14) * 10) / 10,
  },
}));
const counties = countySeeds.map((_, k) => {
  const members = townshipSeeds.map((_, t) => t).filter((t) => countyOf[t] === k);
  const polygons = unionRings(members);
  return { type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: polygons }, properties: { code: countyCode(k), name: `合成县${k + 1}` } };
});
// Central city: the townships whose seat lies within 0.15° of the first county's seat.
const [cityX, cityY] = countySeeds[0];
const central = townshipSeeds.map((_, t) => t).filter((t) => Math.hypot(townshipSeeds[t][0] - cityX, townshipSeeds[t][1] - cityY) < 0.15 * Math.max(1, SCALE));
const areas = [{ type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: unionRings(central.length > 0 ? central : [0]) }, properties: { code: 'central-city', name: '合成中心城区' } }];
mkdirSync(OUT, { recursive: true });
const writeJson = (name: string, features: unknown[]) => writeFileSync(join(OUT, name), JSON.stringify({ type: 'FeatureCollection', features }));
writeJson('townships.geojson', townships);
writeJson('counties.geojson', counties);
writeJson('areas.geojson', areas);
log(`${townships.length} townships, ${counties.length} counties, central city of ${central.length} townships`);

// --- Population: town blobs + rural scatter, as 3″ rasters ------------------------------------
const population = new Float32Array(WIDTH * HEIGHT);
const hash = (i: number) => {
  let h = Math.imul(i ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
};
for (let i = 0; i < population.length; i++) {
  const h = hash(i);
  if (h < 0.55) population[i] = -Math.log(1 - h / 0.55 + 1e-9) * 0.6; // rural, exponential
}
const blob = (x: number, y: number, peak: number, radiusCells: number) => {
  const column = Math.floor((x - WEST) / CELL), row = Math.floor((NORTH - y) / CELL);
  const reach = Math.ceil(radiusCells * 2.5);
  for (let r = Math.max(0, row - reach); r < Math.min(HEIGHT, row + reach); r++) {
    for (let c = Math.max(0, column - reach); c < Math.min(WIDTH, column + reach); c++) {
      const d2 = ((c - column) ** 2 + (r - row) ** 2) / (radiusCells * radiusCells);
      population[r * WIDTH + c] += peak * Math.exp(-d2);
    }
  }
};
townshipSeeds.forEach(([x, y]) => blob(x, y, 20 + rand() * 60, 8 + rand() * 16));
countySeeds.forEach(([x, y]) => blob(x, y, 150 + rand() * 150, 30 + rand() * 30));
let total = 0;
for (let i = 0; i < population.length; i++) total += population[i];
let populated = 0;
for (let i = 0; i < population.length; i++) {
  population[i] *= PEOPLE / total;
  if (population[i] > 0) populated++;
}
log(`${WIDTH} × ${HEIGHT} = ${(WIDTH * HEIGHT / 1e6).toFixed(1)} M pixels, ${(populated / 1e6).toFixed(1)} M populated, ${(PEOPLE / 1e6).toFixed(1)} M people`);
const writeRaster = (name: string, values: Float32Array) => {
  const bytes = writeGeoTiff({
    width: WIDTH, height: HEIGHT, values, sampleType: 'float32', originX: WEST, originY: NORTH, cellWidth: CELL, cellHeight: CELL,
    crs: 4326, noData: -99999, compression: 'deflate', deflate: (b) => deflateSync(b, { level: 1 }), tile: 256,
  });
  writeFileSync(join(OUT, name), Buffer.from(bytes));
  log(`wrote ${name} (${(bytes.byteLength / 1e6).toFixed(0)} MB)`);
};
writeRaster('population.tif', population);
// Cohorts: a share per pixel that varies smoothly (older in the countryside, younger in towns).
const cohort = (base: number, urbanShift: number) => {
  const values = new Float32Array(population.length);
  for (let i = 0; i < values.length; i++) {
    const p = population[i];
    if (p > 0) values[i] = p * Math.max(0.005, base + urbanShift * Math.min(1, p / 20) + 0.02 * Math.sin(i * 0.0001));
  }
  return values;
};
writeRaster('age60plus.tif', cohort(0.2, -0.06));
writeRaster('age0_3.tif', cohort(0.04, 0.005));
writeRaster('age0_14.tif', cohort(0.16, 0.01));

// --- Facilities and places: demo templates near seats -----------------------------------------
const demo = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'data', 'demo', 'facilities.geojson'), 'utf8')).features as { properties: Record<string, unknown> }[];
const demoPlaces = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'data', 'demo', 'places.geojson'), 'utf8')).features as { properties: Record<string, unknown> }[];
/** A point near township t's seat: mostly within 2 km, some up to 12 km out. */
const near = (t: number) => {
  const [x, y] = townshipSeeds[t];
  const distance = (rand() < 0.7 ? rand() * 0.02 : rand() * 0.11) * Math.max(0.3, 1);
  const angle = rand() * 2 * Math.PI;
  return [round6(Math.min(EAST, Math.max(WEST, x + distance * Math.cos(angle)))), round6(Math.min(NORTH, Math.max(SOUTH, y + distance * Math.sin(angle))))];
};
const facilities = Array.from({ length: FACILITIES }, (_, i) => {
  const template = demo[Math.floor(rand() * demo.length)].properties;
  const t = Math.floor(rand() * townshipSeeds.length);
  const { township_code: _t, county_code: _c, id: _id, name: _n, ...attributes } = template;
  // Types without a capacity (broadcast terminals, culture centres) leave the field out rather than empty.
  if (attributes.capacity === null) delete attributes.capacity;
  return { type: 'Feature', geometry: { type: 'Point', coordinates: near(t) }, properties: { ...attributes, id: `p${i + 1}`, name: `${String(template.type)}-${i + 1}` } };
});
writeJson('facilities.geojson', facilities);
const places = Array.from({ length: Math.round(demoPlaces.length * 20 * SCALE * SCALE) }, (_, i) => {
  const kind = demoPlaces[Math.floor(rand() * demoPlaces.length)].properties.kind;
  return { type: 'Feature', geometry: { type: 'Point', coordinates: near(Math.floor(rand() * townshipSeeds.length)) }, properties: { id: `place-${i + 1}`, kind, name: `${String(kind)}-${i + 1}` } };
});
writeJson('places.geojson', places);
log(`${facilities.length} facilities (${new Set(demo.map((f) => f.properties.type)).size} types), ${places.length} places → ${OUT}`);
