// One analysis of one service at one reach, as the app's worker runs it on every change of the
// panel: the facilities are selected and their discs made once, and everything the map, table,
// legend and dashboard show comes from them — coverage per unit (exact disc-union areas, covered
// cells), the populated cells left uncovered (from the same covered-cell flags), nearest
// distances (independent of the reach: cached per prepared dataset and filter), 2SFCA when the
// facilities carry a capacity, and the discs as polygons for the map. The request travels
// unchanged into the result, so a caller can tell which reach a result answers.
import type { RunOptions } from '../types.ts';
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import type { CoverageRequest, CoverageResult, FacilityFilter, NearestDistanceResult, TwoStepFcaResult } from '../coverage/coverage-types.ts';
import { selectDiscs } from '../coverage/compute-coverage.ts';
import { uncoveredCells } from '../coverage/compute-gaps.ts';
import { computeNearestDistance } from '../coverage/compute-nearest-distance.ts';
import { RuleContext } from '../rules/rule-context.ts';
import { buildReachDiscs, type ReachDiscCollection } from './reach-discs.ts';
import { selectFacilities } from '../coverage/select-facilities.ts';
import { analyseTravelTime, type TravelTimeAnalysis } from '../network/analyse-travel-time.ts';

export interface ReachAnalysisRequest extends CoverageRequest {
  /** Cohort whose head count is the demand for capacity (2SFCA); absent: the whole population. */
  cohort?: string;
  /** Draw the discs for the map (default true; the township detail's figures skip them). */
  discs?: boolean;
}

export interface ReachAnalysis {
  /** The request, unchanged. */
  request: ReachAnalysisRequest;
  coverage: CoverageResult;
  nearest: NearestDistanceResult;
  /** Null when no selected facility has a capacity, or the population lacks the request's cohort. */
  twoStep: TwoStepFcaResult | null;
  discs: ReachDiscCollection | null;
  /** Populated cells inside a township that no facility reaches. */
  uncoveredCells: Uint32Array;
  /** A travel-time reach: nearest times, catchments, the isochrone (in place of the discs), the network report. */
  travel?: TravelTimeAnalysis;
}

/** Per prepared dataset and filter: the nearest distances. */
interface NearestEntry {
  filter: FacilityFilter;
  nearest: NearestDistanceResult;
}
const nearestCache = new WeakMap<PreparedDataset, Map<string, NearestEntry>>();

function nearestCacheOf(prepared: PreparedDataset) {
  let cache = nearestCache.get(prepared);
  if (!cache) nearestCache.set(prepared, (cache = new Map()));
  return cache;
}

/** Nearest distances depend on the facilities, not on the reach: computed once per filter. */
function nearestDistances(prepared: PreparedDataset, filter: FacilityFilter, run: RunOptions): NearestDistanceResult {
  const cache = nearestCacheOf(prepared);
  const key = JSON.stringify(filter);
  let entry = cache.get(key);
  if (!entry) cache.set(key, (entry = { filter, nearest: computeNearestDistance(prepared, filter, run) }));
  return entry.nearest;
}

/**
 * After a what-if edit (`to` is `from` edited): each cached nearest-distance entry is carried
 * over as `carry` says — unchanged, updated, or (null) dropped to be computed again when asked for.
 */
export function carryNearestDistances(from: PreparedDataset, to: PreparedDataset, carry: (entry: NearestEntry) => NearestEntry | null): void {
  const target = nearestCacheOf(to);
  for (const [key, entry] of nearestCacheOf(from)) {
    const carried = carry(entry);
    if (carried) target.set(key, carried);
  }
}

export function analyseReach(prepared: PreparedDataset, request: ReachAnalysisRequest, run: RunOptions = {}): ReachAnalysis {
  const stage = (from: number, to: number): RunOptions => ({
    signal: run.signal,
    onProgress: run.onProgress && ((fraction, label) => run.onProgress!(from + (to - from) * fraction, label)),
  });
  if (request.reach.kind === 'travel-time') {
    const facilities = prepared.dataset.facilities;
    const selected = selectFacilities(prepared.dataset, request.filter);
    const hasCapacity = Array.from(selected).some((f) => (facilities[f].capacity ?? 0) > 0);
    const hasDemand = !request.cohort || prepared.cohortNames.includes(request.cohort);
    // Coverage through the rules' cache, as for a distance: shared with the rules and carried over
    // (updated, not measured again) by a what-if edit.
    const coverage = new RuleContext(prepared).coverage({ filter: request.filter, reach: request.reach }, stage(0, 0.3));
    const result = analyseTravelTime(prepared, { filter: request.filter, reach: request.reach, cohort: request.cohort }, hasCapacity && hasDemand, stage(0.3, 0.8), coverage);
    return {
      request,
      coverage: result.coverage,
      nearest: nearestDistances(prepared, request.filter, stage(0.8, 1)),
      twoStep: result.twoStep,
      discs: null,
      uncoveredCells: uncoveredCells(prepared, result.coverage),
      travel: result.travel,
    };
  }
  const { selected, discs } = selectDiscs(prepared, request);
  // Coverage and 2SFCA through the rules' cache: shared with the rules, and carried over (updated,
  // not computed again) by a what-if edit (core/what-if/edit-facilities.ts).
  const cached = new RuleContext(prepared);
  const coverage = cached.coverage({ filter: request.filter, reach: request.reach, radiusField: request.radiusField }, stage(0, 0.5));
  const nearest = nearestDistances(prepared, request.filter, stage(0.5, 0.8));
  const facilities = prepared.dataset.facilities;
  const hasCapacity = Array.from(selected).some((f) => (facilities[f].capacity ?? 0) > 0);
  // Without the cohort's head counts (a population layer with no age fields) there is no demand
  // to divide by: 2SFCA is not available rather than computed against the wrong people.
  const hasDemand = !request.cohort || prepared.cohortNames.includes(request.cohort);
  // 2SFCA's catchment is the straight-line reach (a travel-time reach went to analyseTravelTime)
  const catchmentMetres = request.reach.kind === 'distance' ? request.reach.metres : NaN;
  const twoStep = hasCapacity && hasDemand
    ? cached.twoStepFca(request.filter, catchmentMetres, request.cohort, stage(0.8, 0.95))
    : null;
  run.onProgress?.(1, 'done');
  return {
    request,
    coverage,
    nearest,
    twoStep,
    discs: request.discs === false ? null : buildReachDiscs(prepared, selected, discs),
    uncoveredCells: uncoveredCells(prepared, coverage),
  };
}
