// The CLI's gaps drawn in two threads (scripts/lib/draw-gaps-in-parallel.ts, as JSON text) are the
// very features one thread draws (generateGaps), in township order, to the byte of JSON.stringify:
// both threads drawing, the worker alone, and a worker that cannot start (this thread draws all).
import { afterEach, describe, expect, it } from 'vitest';
import { loadDemoDataset } from '../../scripts/lib/load-demo-dataset.ts';
import { drawGapsInParallel } from '../../scripts/lib/draw-gaps-in-parallel.ts';
import { prepareDataset } from '../../src/core/prepare/prepare-dataset.ts';
import { computeCoverage, selectDiscs } from '../../src/core/coverage/compute-coverage.ts';
import { generateGaps } from '../../src/core/coverage/compute-gaps.ts';
import type { CoverageRequest } from '../../src/core/coverage/coverage-types.ts';

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

  it('draws everything in this thread when the worker cannot start', async () => {
    process.env.GAPMAP_BUNDLE_DIRECTORY = '/no/such/bundle';
    const parallel = await collect(drawGapsInParallel(prepared, coverage.townships, selectDiscs(prepared, request).discs, {}, { drawHere: false }));
    expect(parallel).toEqual(single);
  }, 60_000);
});
