// npx tsx scripts/bench/compare-gap-engines.ts — which polygon engine draws the gaps.
//
// On the seeded 10× region (1,000 townships, 30,000 facilities, R = 1,500 m) every candidate
// computes, township by township, "township minus the discs whose box touches it" from the same
// inputs (projected rings; discs as the same n-gons) and returns rings. Each engine runs in a child
// process of its own so its peak RSS is its own. Reported: time for all townships (or a sample,
// scaled, where an engine is too slow to finish), peak RSS, output vertices, and the largest
// difference between the drawn area and the exact kernel's uncovered area.
//
// Run of 2026-11-30 (npx tsx scripts/bench/compare-gap-engines.ts --one-process; AMD EPYC, 2 cores,
// load average 38 from other work, so wall times are 3–5× the CPU times; inputs with the parts of
// discs that another disc covers already dropped, 882–898 k output vertices):
//   engine                                 CPU (s)  wall (s)       max |drawn − exact| / perimeter
//   gapmap trace (Clipper2 where declined)   1.58     7.1            0.11 m (0 of 1,000 declined)
//   clipper2-wasm 0.4.0                      2.91    14.3            0.005 m
//   clipper2-ts 2.0.1                        5.88    32.3            0.005 m
//   @countertype/clipper2-ts 1.5.4           5.97    31.2            0.005 m
//   geos-wasm 3.1.1 (GEOS 3.13)              7.47    40.6            (this adapter drops township holes)
//   clipper-lib 6.4.2 (Clipper 1)            8.06    36.2            0.005 m
//   polygon-clipping 0.15.7, 20 townships    2.20    12.5 → 624 scaled to 1,000 (the CLI with it: out of
//                                                   memory at 4.4 GB after 10 min, holding all gaps)
// Kept: the tracer, fastest by 2× over the best clipper and proportional to its output; Clipper2 as
// its fallback in the pure-TypeScript port (clipper2-ts): the WebAssembly build is 2× faster but needs
// an asynchronous start and a .wasm asset in the app's bundle, for townships that tracing rarely declines.
//
// Candidates that are not dependencies of gapmap are loaded only when present:
//   npm i --no-save clipper2-ts@2.0.1 @countertype/clipper2-ts@1.5.4 clipper2-wasm@0.4.0 clipper-lib@6.4.2 geos-wasm@3.1.1
// Usage: npx tsx scripts/bench/compare-gap-engines.ts [--engines a,b] [--sample N] [--raw] [--one-process]
// (--raw: whole disc polygons, without dropping the parts another disc covers)
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { prepareDataset, type PreparedDataset } from '../../src/core/prepare/prepare-dataset.ts';
import { coverageOfDiscs, selectDiscs } from '../../src/core/coverage/compute-coverage.ts';
import type { Discs } from '../../src/core/coverage/disc-union-area.ts';
import { discPolygonSegments, drawDisc } from '../../src/core/gaps/draw-disc.ts';
import { drawReducedDiscs } from '../../src/core/gaps/draw-reduced-discs.ts';
import { createTraceContext, traceTownshipGap } from '../../src/core/gaps/trace-township-gap.ts';
import { zoneVertexStarts } from '../../src/core/gaps/township-rings.ts';
import { generateRegion } from '../demo/generate-region.ts';

const TOLERANCE_METRES = 1;

/** One township's clip: subject rings (outer CCW, holes CW) and disc rings, local coordinates in metres. */
interface ClipInput {
  subject: Float64Array[];
  discs: Float64Array[];
}
/** Output rings (flat x, y) with their signed areas; holes negative. */
type ClipOutput = Float64Array[];
type Engine = (input: ClipInput) => ClipOutput;

function ringArea(ring: ArrayLike<number>): number {
  let sum = 0;
  const n = ring.length / 2;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    sum += ring[2 * i] * ring[2 * j + 1] - ring[2 * j] * ring[2 * i + 1];
  }
  return sum / 2;
}

function buildInputs(prepared: PreparedDataset, discs: Discs, townships: number[], raw: boolean): ClipInput[] {
  const reduced = raw ? null : drawReducedDiscs(discs, TOLERANCE_METRES);
  const zones = prepared.townships;
  const zoneStart = new Uint32Array(zones.count + 1);
  for (let g = 0, z = 0; z <= zones.count; z++) {
    while (g < zones.vertexZone.length && zones.vertexZone[g] < z) g++;
    zoneStart[z] = g;
  }
  return townships.map((z) => {
    const [minX, minY, maxX, maxY] = zones.bounds.subarray(4 * z, 4 * z + 4);
    const ox = (minX + maxX) / 2;
    const oy = (minY + maxY) / 2;
    const subject: Float64Array[] = [];
    for (let start = zoneStart[z], g = start; g < zoneStart[z + 1]; g++) {
      if (zones.edgeEnd[g] !== g + 1) {
        subject.push(Float64Array.from(zones.coords.subarray(2 * start, 2 * g + 2), (v, i) => v - (i % 2 === 0 ? ox : oy)));
        start = g + 1;
      }
    }
    const rings: Float64Array[] = [];
    for (let k = 0; k < discs.x.length; k++) {
      const r = discs.r[k];
      if (discs.x[k] + r < minX || discs.x[k] - r > maxX || discs.y[k] + r < minY || discs.y[k] - r > maxY) continue;
      if (reduced) {
        const ring = reduced.coords.subarray(2 * reduced.offsets[k], 2 * reduced.offsets[k + 1]);
        if (ring.length > 0) rings.push(Float64Array.from(ring, (v, i) => v - (i % 2 === 0 ? ox : oy)));
      } else {
        rings.push(drawDisc(discs.x[k] - ox, discs.y[k] - oy, r, discPolygonSegments(r, TOLERANCE_METRES)));
      }
    }
    return { subject, discs: rings };
  });
}

const SCALE = 100; // integer engines work in centimetres

async function loadEngine(name: string): Promise<Engine | null> {
  const optional = async (specifier: string): Promise<any> => {
    try {
      return await import(specifier);
    } catch {
      return null;
    }
  };
  if (name === 'polygon-clipping') {
    const polyclip = (await import('polygon-clipping')).default;
    const toGeom = (ring: Float64Array) => {
      const out: [number, number][] = [];
      for (let i = 0; i < ring.length; i += 2) out.push([ring[i], ring[i + 1]]);
      out.push(out[0]);
      return out;
    };
    return ({ subject, discs }) => {
      const result = polyclip.difference(subject.map((ring) => [toGeom(ring)]) as any, ...discs.map((ring) => [[toGeom(ring)]] as any));
      return result.flatMap((polygon) => polygon.map((ring) => Float64Array.from(ring.slice(0, -1).flat())));
    };
  }
  if (name === 'clipper2-ts' || name === '@countertype/clipper2-ts') {
    const lib = await optional(name);
    if (!lib) return null;
    const { Clipper64, ClipType, FillRule, PolyTree64 } = lib;
    const toPath = (ring: Float64Array) => {
      const path = new Array(ring.length / 2);
      for (let i = 0; i < path.length; i++) path[i] = { x: Math.round(ring[2 * i] * SCALE), y: Math.round(ring[2 * i + 1] * SCALE) };
      return path;
    };
    return ({ subject, discs }) => {
      const clipper = new Clipper64();
      clipper.addSubject(subject.map(toPath));
      clipper.addClip(discs.map(toPath));
      const tree = new PolyTree64();
      clipper.execute(ClipType.Difference, FillRule.NonZero, tree);
      const out: ClipOutput = [];
      const visit = (node: any) => {
        for (let i = 0; i < node.count; i++) {
          const child = node.child(i);
          out.push(Float64Array.from(child.poly.flatMap((p: any) => [p.x / SCALE, p.y / SCALE])));
          visit(child);
        }
      };
      visit(tree);
      return out;
    };
  }
  if (name === 'clipper2-wasm') {
    const lib = await optional('clipper2-wasm');
    if (!lib) return null;
    const clipper = await lib.default();
    return ({ subject, discs }) => {
      const toPaths = (rings: Float64Array[]) => {
        const paths = new clipper.PathsD();
        for (const ring of rings) {
          const path = clipper.MakePathD(Array.from(ring));
          paths.push_back(path);
          path.delete();
        }
        return paths;
      };
      const subjectPaths = toPaths(subject);
      const clipPaths = toPaths(discs);
      const result = clipper.DifferenceD(subjectPaths, clipPaths, clipper.FillRule.NonZero, 2);
      const out: ClipOutput = [];
      for (let i = 0; i < result.size(); i++) {
        const path = result.get(i);
        const view = path.view(); // x, y, z per point (the Z build)
        const stride = view.length / path.size();
        out.push(Float64Array.from({ length: 2 * path.size() }, (_, j) => view[stride * (j >> 1) + (j & 1)]));
        path.delete();
      }
      subjectPaths.delete();
      clipPaths.delete();
      result.delete();
      return out;
    };
  }
  if (name === 'clipper-lib') {
    const lib = await optional('clipper-lib');
    if (!lib) return null;
    const ClipperLib = lib.default ?? lib;
    const toPath = (ring: Float64Array) => {
      const path = new Array(ring.length / 2);
      for (let i = 0; i < path.length; i++) path[i] = { X: Math.round(ring[2 * i] * SCALE), Y: Math.round(ring[2 * i + 1] * SCALE) };
      return path;
    };
    return ({ subject, discs }) => {
      const clipper = new ClipperLib.Clipper();
      clipper.AddPaths(subject.map(toPath), ClipperLib.PolyType.ptSubject, true);
      clipper.AddPaths(discs.map(toPath), ClipperLib.PolyType.ptClip, true);
      const solution: { X: number; Y: number }[][] = [];
      clipper.Execute(ClipperLib.ClipType.ctDifference, solution, ClipperLib.PolyFillType.pftNonZero, ClipperLib.PolyFillType.pftNonZero);
      return solution.map((path) => Float64Array.from(path.flatMap((p) => [p.X / SCALE, p.Y / SCALE])));
    };
  }
  if (name === 'geos-wasm') {
    const lib = await optional('geos-wasm');
    const helpers = await optional('geos-wasm/helpers');
    if (!lib || !helpers) return null;
    const geos = await lib.default();
    const { geojsonToGeosGeom, geosGeomToGeojson } = helpers.default ?? helpers;
    const toRing = (ring: Float64Array) => {
      const out: number[][] = [];
      for (let i = 0; i < ring.length; i += 2) out.push([ring[i], ring[i + 1]]);
      out.push(out[0]);
      return out;
    };
    return ({ subject, discs }) => {
      // Subject rings: outers CCW, holes CW; GEOS wants polygons, so each hole goes with the outer that contains it (here: the demo has none, every ring is an outer or the test is by sign).
      const outers = subject.filter((ring) => ringArea(ring) > 0).map((ring) => [toRing(ring)]);
      const shape = geojsonToGeosGeom({ type: 'MultiPolygon', coordinates: outers }, geos);
      const discGeom = geojsonToGeosGeom({ type: 'MultiPolygon', coordinates: discs.map((ring) => [toRing(ring)]) }, geos);
      const union = geos.GEOSUnaryUnion(discGeom);
      const difference = geos.GEOSDifference(shape, union);
      const json = geosGeomToGeojson(difference, geos) as any;
      for (const g of [shape, discGeom, union, difference]) geos.GEOSGeom_destroy(g);
      const polygons = json.type === 'Polygon' ? [json.coordinates] : json.type === 'MultiPolygon' ? json.coordinates : json.geometries?.flatMap((g: any) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates)) ?? [];
      return polygons.flatMap((polygon: number[][][]) =>
        polygon.map((ring, i) => {
          const flat = Float64Array.from(ring.slice(0, -1).flat());
          return (ringArea(flat) > 0) === (i === 0) ? flat : flat.reverse().map((_, k, a) => a[k % 2 === 0 ? k + 1 : k - 1]);
        }),
      );
    };
  }
  throw new Error(`unknown engine ${name}`);
}

const TRACE = 'gapmap trace (+ clipper2-ts where it declines)';
const ENGINES = [TRACE, 'polygon-clipping', 'clipper2-ts', '@countertype/clipper2-ts', 'clipper2-wasm', 'clipper-lib', 'geos-wasm'];

interface EngineFigures {
  engine: string;
  available: boolean;
  townships: number;
  ms: number;
  cpuMs: number;
  scaledMs: number;
  peakRssMb: number;
  vertices: number;
  maxAreaDiffM2: number;
  maxAreaDiffPerPerimeter: number;
  failures: number;
}

let region: { prepared: PreparedDataset; discs: Discs; coverage: ReturnType<typeof coverageOfDiscs> } | null = null;

/** The 10× region, prepared, with its discs and exact coverage (made once per process). */
function benchRegion() {
  if (!region) {
    const prepared = prepareDataset(generateRegion({ seed: 10, townshipCount: 1000, facilityCount: 30000, targetCellCount: 1_000_000 }));
    const request = { filter: {}, reach: { kind: 'distance' as const, metres: 1500 } };
    const { selected, discs } = selectDiscs(prepared, request);
    region = { prepared, discs, coverage: coverageOfDiscs(prepared, request, selected, discs) };
  }
  return region;
}

async function runChild(engine: string, sample: number | null, raw: boolean): Promise<EngineFigures> {
  const { prepared, discs, coverage } = benchRegion();
  const all = Array.from({ length: prepared.townships.count }, (_, t) => t);
  const chosen = sample === null ? all : all.filter((t) => t % Math.ceil(all.length / sample) === 0);
  const clip = engine === TRACE ? null : await loadEngine(engine);
  const figures: EngineFigures = { engine, available: clip !== null, townships: chosen.length, ms: 0, cpuMs: 0, scaledMs: 0, peakRssMb: 0, vertices: 0, maxAreaDiffM2: 0, maxAreaDiffPerPerimeter: 0, failures: 0 };
  if (engine === TRACE) figures.available = true;
  else if (!clip) return figures;
  let peak = process.memoryUsage().rss;
  const cpu = process.cpuUsage();
  const start = performance.now();
  const outputs: ClipOutput[] = [];
  if (engine === TRACE) {
    // What generateGaps does: trace each township, clip (Clipper2) the ones tracing declines.
    const zones = prepared.townships;
    const context = createTraceContext(zones, zoneVertexStarts(zones), discs, TOLERANCE_METRES);
    let clipInputs: ClipInput[] | null = null;
    const clipper = await loadEngine('clipper2-ts');
    chosen.forEach((z, i) => {
      const [minX, minY, maxX, maxY] = zones.bounds.subarray(4 * z, 4 * z + 4);
      const traced = traceTownshipGap(context, z, (minX + maxX) / 2, (minY + maxY) / 2);
      if (traced) outputs.push(traced.flat());
      else {
        figures.failures++; // counted as "clipped instead" for this engine
        clipInputs ??= buildInputs(prepared, discs, chosen, raw);
        outputs.push(clipper!(clipInputs[i]));
      }
      peak = Math.max(peak, process.memoryUsage().rss);
    });
  } else {
    const inputs = buildInputs(prepared, discs, chosen, raw);
    for (const input of inputs) {
      try {
        outputs.push(clip!(input));
      } catch {
        outputs.push([]);
        figures.failures++;
      }
      peak = Math.max(peak, process.memoryUsage().rss);
    }
  }
  figures.ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  figures.cpuMs = (used.user + used.system) / 1000;
  figures.scaledMs = (figures.ms * all.length) / chosen.length;
  figures.peakRssMb = peak / 1e6;
  chosen.forEach((z, i) => {
    const rings = outputs[i];
    const k2 = prepared.townships.scale[z] ** 2;
    const exact = prepared.townships.projectedArea[z] - coverage.townships.coveredAreaKm2[z] * 1e6 * k2;
    const drawn = rings.reduce((sum, ring) => sum + ringArea(ring), 0);
    let perimeter = 0;
    for (const ring of rings) {
      const n = ring.length / 2;
      for (let v = 0; v < n; v++) {
        const w = (v + 1) % n;
        perimeter += Math.hypot(ring[2 * w] - ring[2 * v], ring[2 * w + 1] - ring[2 * v + 1]);
      }
      figures.vertices += n;
    }
    figures.maxAreaDiffM2 = Math.max(figures.maxAreaDiffM2, Math.abs(drawn - exact));
    if (perimeter > 0) figures.maxAreaDiffPerPerimeter = Math.max(figures.maxAreaDiffPerPerimeter, Math.abs(drawn - exact) / perimeter);
  });
  return figures;
}

const argument = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

const childEngine = argument('--child');
if (childEngine) {
  const sample = argument('--sample');
  const figures = await runChild(childEngine, sample ? Number(sample) : null, process.argv.includes('--raw'));
  process.stdout.write(JSON.stringify(figures));
} else {
  const engines = argument('--engines')?.split(',') ?? ENGINES;
  const rows: EngineFigures[] = [];
  // --one-process: every engine in this process on one generated region (faster to run; the
  // peak RSS column is then the process's, not the engine's own).
  const oneProcess = process.argv.includes('--one-process');
  for (const engine of engines) {
    // polygon-clipping cannot finish the whole region (10 min, 4.4 GB, out of memory): a sample, scaled.
    const sample = argument('--sample') ?? (engine === 'polygon-clipping' ? '20' : undefined);
    console.error(`gap engines: ${engine}${sample ? ` (sample of ${sample} townships)` : ''} …`);
    if (oneProcess) {
      rows.push(await runChild(engine, sample ? Number(sample) : null, process.argv.includes('--raw')));
      continue;
    }
    const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', engine, ...(sample ? ['--sample', sample] : []), ...(process.argv.includes('--raw') ? ['--raw'] : [])], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
      timeout: 15 * 60_000,
    });
    if (child.status !== 0) {
      console.error(child.stderr);
      continue;
    }
    rows.push(JSON.parse(child.stdout));
  }
  const os = await import('node:os');
  console.log(`\nCPU: ${os.cpus()[0]?.model ?? 'unknown'} (${os.cpus().length} cores), load average ${os.loadavg()[0].toFixed(1)}, Node ${process.version}`);
  console.log(`seeded 10× region, R = 1,500 m, discs drawn within ${TOLERANCE_METRES} m; time for all 1,000 townships (scaled from the sample where one was taken)\n`);
  const header = ['engine', 'townships run', 'time (s)', 'CPU (s)', 'all townships (s, scaled)', 'peak RSS (MB)', 'output vertices', 'max |drawn − exact| (m²)', 'max |Δ| / perimeter (m)', 'failures (trace: clipped instead)'];
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  for (const r of rows) {
    if (!r.available) {
      console.log(`| ${r.engine} | not installed | | | | | | | | |`);
      continue;
    }
    console.log(`| ${[r.engine, r.townships, (r.ms / 1000).toFixed(2), (r.cpuMs / 1000).toFixed(2), (r.scaledMs / 1000).toFixed(2), r.peakRssMb.toFixed(0), r.vertices.toLocaleString('en'), r.maxAreaDiffM2.toFixed(0), r.maxAreaDiffPerPerimeter.toFixed(3), r.failures].join(' | ')} |`);
  }
}
