// The background worker draws gaps from the coverage the interactive worker sends, only when that
// coverage is of the same discs here: then the gaps equal those of a fresh coverage pass; a moved
// facility (a scenario shown in one worker but not yet in the other), another radius or another
// service is recognised as a different coverage.
import { describe, expect, it } from 'vitest';
import { loadDemoDataset } from '../../scripts/lib/load-demo-dataset.ts';
import { prepareDataset } from '../../src/core/prepare/prepare-dataset.ts';
import { computeCoverage } from '../../src/core/coverage/compute-coverage.ts';
import { discsOfFittingCoverage } from '../../src/core/coverage/coverage-fits.ts';
import { collectGaps, computeGaps, townshipsInBox } from '../../src/core/coverage/compute-gaps.ts';
import { applyFacilityEdits } from '../../src/core/siting/apply-facility-edits.ts';
import type { CoverageRequest } from '../../src/core/coverage/coverage-types.ts';

describe('discsOfFittingCoverage', () => {
  const prepared = prepareDataset(loadDemoDataset());
  const request: CoverageRequest = { filter: { types: ['nursery'] }, reach: { kind: 'distance', metres: 1000 } };
  const coverage = computeCoverage(prepared, request);

  it('accepts the coverage of the same request on the same data, and its gaps equal a fresh pass', () => {
    const discs = discsOfFittingCoverage(prepared, request, structuredClone(coverage));
    expect(discs).not.toBeNull();
    const bbox: [number, number, number, number] = [102.4, 24.2, 102.7, 24.5];
    const given = collectGaps(prepared, request, structuredClone(coverage), { bbox }, {}, discs!);
    const fresh = computeGaps(prepared, request, {}, { bbox });
    expect(given.townships.features.length).toBe(townshipsInBox(prepared, bbox).length);
    expect(given.townships.features.length).toBeLessThan(prepared.dataset.townships.length);
    expect(given.townships).toEqual(fresh.townships);
  });

  it('refuses another radius, another service, and a facility moved in one worker only', () => {
    expect(discsOfFittingCoverage(prepared, { ...request, reach: { kind: 'distance', metres: 1500 } }, coverage)).toBeNull();
    expect(discsOfFittingCoverage(prepared, { ...request, filter: { types: ['kindergarten'] } }, coverage)).toBeNull();
    const nursery = prepared.dataset.facilities.find((facility) => facility.type === 'nursery')!;
    const moved = applyFacilityEdits(prepared, [{ kind: 'move', id: nursery.id, lon: nursery.lon + 0.01, lat: nursery.lat }]);
    expect(discsOfFittingCoverage(moved, request, coverage)).toBeNull();
    expect(discsOfFittingCoverage(moved, request, computeCoverage(moved, request))).not.toBeNull();
  });
});
