// The CLI's gaps drawn in two threads (scripts/lib/draw-gaps-in-parallel.ts, as JSON text) are the
// very features one thread draws (generateGaps), in township order, to the byte of JSON.stringify:
// both threads drawing, the worker alone, and a worker that cannot start (this thread draws all).
// Handed the discs before the cells are prepared, the worker's covered areas are the ones this
// thread computes, to the bit, and the coverage that takes them is the coverage computed here.
import { afterEach, describe, expect, it } from 'vitest';
import { loadDemoDataset } from '../../scripts/lib/load-demo-dataset.ts';
import { beginGapDrawing, drawGapsInParallel, startGapWorker, stopGapWorker, takeWorkerArea, type GapWorker } from '../../scripts/lib/draw-gaps-in-parallel.ts';
import { prepareCells, prepareDataset, prepareSites } from '../../src/core/prepare/prepare-dataset.ts';
import { computeCoverage, selectDiscs } from '../../src/core/coverage/compute-coverage.ts';
import { discUnionAreaByZone } from '../../src/core/coverage/disc-union-area.ts';
import { rememberDiscUnionArea, rememberedDiscUnionArea } from '../../src/core/coverage/remember-disc-union-area.ts';
import { generateGaps } from '../../src/core/coverage/compute-gaps.ts';
import type { CoverageRequest } from '../../src/core/coverage/coverage-types.ts';

/** Until the worker has begun the areas (or taken the first township): the CLI's usual case, where it was started long before. */
async function workerBegun(worker: GapWorker): Promise<void> {
  while (Atomics.load(worker.counters, 2) === 0 && Atomics.load(worker.counters, 0) === 0 && !worker.gone) await new Promise((resolve) => setTimeout(resolve, 5));
}

async function collect(features: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const feature of features) out.push(feature);
  return out;
}

describe('drawGapsInParallel', () => {
  const prepared = prepareDataset(loadDemoDataset());
  const request: CoverageRequest = { filter: { types: ['elder-daycare'] }, reach: { kind: 'distance', metres: 2000 } };
  const coverage = computeCoverage(prepared, request);
  const single = [...generateGaps(prepared, request, coverage)].map((feature) => JSON.stringify(feature));
  const saved = process.env.GAPMAP_BUNDLE_DIRECTORY;
  afterEach(() => {
    if (saved === undefined) delete process.env.GAPMAP_BUNDLE_DIRECTORY;
    else process.env.GAPMAP_BUNDLE_DIRECTORY = saved;
  });

  it('gives the features one thread gives, in township order, whoever draws them', async () => {
    delete process.env.GAPMAP_BUNDLE_DIRECTORY; // the worker through tsx, as the tests run
    const discs = selectDiscs(prepared, request).discs;
    const both = await collect(drawGapsInParallel(prepared, coverage.townships, discs));
    expect(both.length).toBe(prepared.dataset.townships.length);
    expect(both).toEqual(single);
    // The worker alone (this thread only turns its polygons into features).
    const logged: string[] = [];
    const write = process.stderr.write;
    process.env.GAPMAP_DEBUG = '1';
    process.stderr.write = ((text: string) => (logged.push(String(text)), true)) as typeof process.stderr.write;
    let byWorker: string[];
    try {
      byWorker = await collect(drawGapsInParallel(prepared, coverage.townships, discs, {}, { drawHere: false }));
    } finally {
      process.stderr.write = write;
      delete process.env.GAPMAP_DEBUG;
    }
    expect(logged.join('')).toContain('[gaps] 76 of 76 townships drawn in the worker thread');
    expect(byWorker).toEqual(single);
  }, 60_000);

  /** What the CLI hands the worker before the cells: the sites, the discs and the township of each disc's centre. */
  const handedOver = () => {
    const sites = prepareSites(prepared.dataset);
    const { selected, discs } = selectDiscs(sites, request);
    return { sites, discs, centreZone: Int32Array.from(selected, (f) => sites.facilityTownship[f]) };
  };

  it('computes the townships\' covered areas as this thread does when handed the discs before the cells, then draws the same gaps', async () => {
    delete process.env.GAPMAP_BUNDLE_DIRECTORY;
    const { sites, discs, centreZone } = handedOver();
    const worker = startGapWorker();
    beginGapDrawing(worker, sites, discs, { centreZone });
    await workerBegun(worker);
    const area = await takeWorkerArea(worker);
    expect(area).not.toBeNull();
    expect(Array.from(area!)).toEqual(Array.from(discUnionAreaByZone(sites.townships, discs, {}, centreZone)));
    rememberDiscUnionArea(sites.townships, discs, centreZone, area!);
    const cells = prepareCells(sites);
    expect(rememberedDiscUnionArea(cells.townships, discs, centreZone)).toBe(area);
    const taken = computeCoverage(cells, request);
    expect(taken.townships).toEqual(coverage.townships);
    const features = await collect(drawGapsInParallel(cells, taken.townships, discs, {}, { worker, drawHere: false }));
    expect(features).toEqual(single);
  }, 60_000);

  it('gives the areas only when asked not to draw; none when taken back before the worker begins them, or from a worker that cannot start', async () => {
    delete process.env.GAPMAP_BUNDLE_DIRECTORY;
    const { sites, discs, centreZone } = handedOver();
    const areasOnly = startGapWorker();
    try {
      beginGapDrawing(areasOnly, sites, discs, { centreZone, drawGaps: false });
      await workerBegun(areasOnly);
      const area = await takeWorkerArea(areasOnly);
      expect(Array.from(area!)).toEqual(Array.from(discUnionAreaByZone(sites.townships, discs, {}, centreZone)));
    } finally {
      await stopGapWorker(areasOnly);
    }
    // Taken back before the worker begins them: this thread computes them (null), and the worker still draws the gaps.
    const late = startGapWorker();
    beginGapDrawing(late, sites, discs, { centreZone });
    expect(await takeWorkerArea(late)).toBeNull();
    expect(await collect(drawGapsInParallel(prepared, coverage.townships, discs, {}, { worker: late, drawHere: false }))).toEqual(single);
    process.env.GAPMAP_BUNDLE_DIRECTORY = '/no/such/bundle';
    const broken = startGapWorker();
    try {
      beginGapDrawing(broken, sites, discs, { centreZone });
      expect(await takeWorkerArea(broken)).toBeNull();
    } finally {
      await stopGapWorker(broken);
    }
  }, 60_000);

  it('draws everything in this thread when the worker cannot start', async () => {
    process.env.GAPMAP_BUNDLE_DIRECTORY = '/no/such/bundle';
    const parallel = await collect(drawGapsInParallel(prepared, coverage.townships, selectDiscs(prepared, request).discs, {}, { drawHere: false }));
    expect(parallel).toEqual(single);
  }, 60_000);
});
