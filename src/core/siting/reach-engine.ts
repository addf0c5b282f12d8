// Where covering sets come from. The straight-line engine answers from the prepared k-d trees; a
// travel-time engine (the road network) implements the same two calls with its per-facility
// reachable sets, and the solvers do not change. An engine that cannot answer a reach returns null
// and the caller reports it as a value.

import type { Bilingual } from '../rules/rule-types.ts';
import type { FacilityFilter, Reach } from '../coverage/coverage-types.ts';
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import { computeCoverage } from '../coverage/compute-coverage.ts';
import { computeNearestDistance } from '../coverage/compute-nearest-distance.ts';
import type { CandidateReach, CandidateSet } from './siting-types.ts';
import { straightLineReach } from './straight-line-reach.ts';

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

export function reachUnavailableMessage(reach: Reach): Bilingual {
  return reach.kind === 'travel-time'
    ? {
        zh: `按出行时间（${reach.minutes} 分钟，${reach.mode}）选址需要路网引擎提供可达集合，当前未提供；可先用 --radius 直线距离`,
        en: `siting by travel time (${reach.minutes} min, ${reach.mode}) needs reachable sets from the road-network engine, which is not available here; use a straight-line --radius instead`,
      }
    : { zh: '不支持的可达方式', en: 'unsupported reach' };
}
