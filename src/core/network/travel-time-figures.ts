// What a travel-time reach adds to a service's figures (core/analysis/compute-service-figures.ts):
// the population-weighted minutes to the nearest facility (median, p90, unreachable people) per
// township, county and region, and 2SFCA with travel-time catchments over the served group. The
// metric table shows these in place of the straight-line distances.
import type { FacilityFilter, Reach, TwoStepFcaResult } from '../coverage/coverage-types.ts';
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import type { RunOptions } from '../types.ts';
import type { NearestTimeResult } from './compute-nearest-time.ts';
import type { DistanceDecay } from './compute-travel-time-fca.ts';
import { nearestTimeOf, travelModeOfReach, travelTimesOf, travelTimeTwoStepFca } from './travel-time-coverage-of-dataset.ts';

export interface TravelTimeFigures {
  reach: Extract<Reach, { kind: 'travel-time' }>;
  nearestTime: NearestTimeResult;
  /** Null when not asked for (no capacity, or no served group). */
  twoStepFca: TwoStepFcaResult | null;
}

export function travelTimeFigures(
  prepared: PreparedDataset,
  filter: FacilityFilter,
  reach: Extract<Reach, { kind: 'travel-time' }>,
  withTwoStep: boolean,
  cohort: string | undefined,
  run: RunOptions = {},
  decay: DistanceDecay = reach.decay ?? 'none',
): TravelTimeFigures {
  const times = travelTimesOf(prepared, filter, travelModeOfReach(reach), run);
  return {
    reach,
    nearestTime: nearestTimeOf(prepared, times),
    twoStepFca: withTwoStep ? travelTimeTwoStepFca(prepared, { filter, reach, cohort, decay }, run) : null,
  };
}
