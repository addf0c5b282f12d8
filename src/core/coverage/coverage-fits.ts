// Whether a straight-line coverage computed elsewhere (the app's interactive worker) is the coverage
// of `request` on this prepared dataset: same reach, same number of units and cells, and discs with
// the same fingerprint (same facilities, positions and radii). The background worker then draws the
// gaps from it, with the discs built here for the check, instead of measuring the coverage a second time.
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import type { CoverageRequest, CoverageResult } from './coverage-types.ts';
import type { Discs } from './disc-union-area.ts';
import { fingerprintDiscs, selectDiscs } from './compute-coverage.ts';

/** The request's discs when `coverage` is theirs; null when it is another coverage. */
export function discsOfFittingCoverage(prepared: PreparedDataset, request: CoverageRequest, coverage: CoverageResult): Discs | null {
  if (request.reach.kind !== 'distance' || coverage.reach.kind !== 'distance' || coverage.reach.metres !== request.reach.metres) return null;
  if (coverage.discsFingerprint === undefined || coverage.cellCovered.length !== prepared.dataset.population.population.length) return null;
  if (coverage.townships.population.length !== prepared.dataset.townships.length) return null;
  const { selected, discs } = selectDiscs(prepared, request);
  if (selected.length !== coverage.facilityIndices.length || selected.some((index, i) => index !== coverage.facilityIndices[i])) return null;
  return fingerprintDiscs(discs) === coverage.discsFingerprint ? discs : null;
}
