// Where covering sets come from. The straight-line engine answers from the prepared k-d trees; the
// travel-time engine from the road network (bounded searches from each candidate, the network's
// travel-time coverage and nearest times for the existing facilities); `reachEngine` takes either
// reach, and the solvers do not change. An engine that cannot answer a reach (a travel time without
// a road layer) returns null and the caller reports it as a value.

import type { Bilingual } from '../rules/rule-types.ts';
import type { FacilityFilter, Reach } from '../coverage/coverage-types.ts';
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import { computeCoverage } from '../coverage/compute-coverage.ts';
import { computeNearestDistance } from '../coverage/compute-nearest-distance.ts';
import type { CandidateReach, CandidateSet } from './siting-types.ts';
import { straightLineReach } from './straight-line-reach.ts';
import { travelTimeReach } from './travel-time-reach.ts';
import { UnsupportedReachError } from '../coverage/unsupported-reach-error.ts';
import { travelModeNetworkOf, travelModeOfReach, travelTimesOf } from '../network/travel-time-coverage-of-dataset.ts';

export interface FixedCoverage {
  /** Per cell / per place: 1 when an existing (fixed) facility reaches it. */
  cells: Uint8Array;
  places: Uint8Array;
}

export interface ReachEngine {
  candidateReach(reach: Reach, candidates: CandidateSet): CandidateReach | null;
  fixedCoverage(reach: Reach, filter: FacilityFilter, radiusField?: string): FixedCoverage | null;
  /** Per cell: distance (metres) or time (minutes) to the nearest fixed facility, for p-median. */
  nearestCost(reach: Reach, filter: FacilityFilter): Float64Array | null;
}

export function straightLineEngine(prepared: PreparedDataset): ReachEngine {
  return {
    candidateReach: (reach, candidates) => (reach.kind === 'distance' ? straightLineReach(prepared, candidates, reach.metres) : null),
    fixedCoverage(reach, filter, radiusField) {
      if (reach.kind !== 'distance') return null;
      const coverage = computeCoverage(prepared, { filter, reach, ...(radiusField ? { radiusField } : {}) });
      return { cells: coverage.cellCovered, places: coverage.placeCovered };
    },
    nearestCost: (reach, filter) => (reach.kind === 'distance' ? computeNearestDistance(prepared, filter).cellDistance : null),
  };
}

/** null where the dataset cannot answer a travel time (no road layer). */
function unlessNoRoads<T>(compute: () => T): T | null {
  try {
    return compute();
  } catch (error) {
    if (error instanceof UnsupportedReachError) return null;
    throw error;
  }
}

/** Either reach: straight-line from the k-d trees, travel time over the dataset's road network. */
export function reachEngine(prepared: PreparedDataset): ReachEngine {
  const straight = straightLineEngine(prepared);
  return {
    candidateReach: (reach, candidates) => (reach.kind === 'distance' ? straight.candidateReach(reach, candidates) : unlessNoRoads(() => travelTimeReach(prepared, candidates, reach))),
    fixedCoverage(reach, filter, radiusField) {
      if (reach.kind === 'distance') return straight.fixedCoverage(reach, filter, radiusField);
      return unlessNoRoads(() => {
        const coverage = computeCoverage(prepared, { filter, reach });
        return { cells: coverage.cellCovered, places: coverage.placeCovered };
      });
    },
    nearestCost(reach, filter) {
      if (reach.kind === 'distance') return straight.nearestCost(reach, filter);
      return unlessNoRoads(() => {
        const mode = travelModeOfReach(reach);
        travelModeNetworkOf(prepared, mode);
        return travelTimesOf(prepared, filter, mode).cells.seconds.map((seconds) => seconds / 60);
      });
    },
  };
}

export function reachUnavailableMessage(reach: Reach): Bilingual {
  return reach.kind === 'travel-time'
    ? {
        zh: `按出行时间（${reach.minutes} 分钟，${reach.mode}）选址需要道路图层（命令行 --roads-layer，或导入时选择“道路网”）；也可用 --radius 直线距离`,
        en: `siting by travel time (${reach.minutes} min, ${reach.mode}) needs a road layer (the "road network" role when importing); or use a straight-line --radius`,
      }
    : { zh: '不支持的可达方式', en: 'unsupported reach' };
}
