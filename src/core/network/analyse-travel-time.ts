// The app's one-call analysis (core/reach/analyse-reach.ts) for a travel-time reach: coverage
// within the minutes, 2SFCA with the same travel-time catchments, the isochrone of the whole
// service at the reach (drawn where the discs are for a distance), and what a travel time adds:
// the nearest facility's time per cell and per township, each facility's catchment, and the
// network report.
import type { CoverageResult, Reach, TwoStepFcaResult } from '../coverage/coverage-types.ts';
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import type { RunOptions } from '../types.ts';
import { computeCatchments, type CatchmentResult } from './compute-catchments.ts';
import type { NearestTimeResult } from './compute-nearest-time.ts';
import type { DistanceDecay } from './compute-travel-time-fca.ts';
import { describeModeAccess, describeRoadNetwork, type ModeAccessReport, type RoadNetworkReport } from './describe-road-network.ts';
import type { IsochroneFeature } from './trace-isochrones.ts';
import { isochroneOf, nearestTimeOf, travelModeNetworkOf, travelModeOfReach, travelTimeCoverage, travelTimesOf, travelTimeTwoStepFca } from './travel-time-coverage-of-dataset.ts';
import type { FacilityFilter } from '../coverage/coverage-types.ts';
import { prepareTravelGrid } from './prepare-travel-network.ts';

export interface TravelTimeAnalysis {
  /** Minutes to the nearest selected facility (per cell and per township, county, region). */
  nearestTime: NearestTimeResult;
  /** Each selected facility's served population and allocated area, within the reach. */
  catchments: CatchmentResult;
  /** "Within the reach" polygon(s): the isochrone of the whole service. */
  isochrone: IsochroneFeature;
  network: RoadNetworkReport;
  access: ModeAccessReport;
}

export interface TravelTimeReachResult {
  coverage: CoverageResult;
  twoStep: TwoStepFcaResult | null;
  travel: TravelTimeAnalysis;
}

export function analyseTravelTime(
  prepared: PreparedDataset,
  request: { filter: FacilityFilter; reach: Extract<Reach, { kind: 'travel-time' }>; cohort?: string; decay?: DistanceDecay },
  withTwoStep: boolean,
  run: RunOptions = {},
  /** The coverage of this filter and reach when the caller has it (the rules' cache). */
  known?: CoverageResult,
): TravelTimeReachResult {
  const mode = travelModeOfReach(request.reach);
  const network = travelModeNetworkOf(prepared, mode, run);
  // the view shows covered areas and the isochrone: the travel grid now, with progress and cancel
  prepareTravelGrid(network, run);
  const times = travelTimesOf(prepared, request.filter, mode, run);
  const coverage = known ?? travelTimeCoverage(prepared, request.filter, request.reach, run);
  const twoStep = withTwoStep ? travelTimeTwoStepFca(prepared, { ...request, decay: request.decay ?? request.reach.decay }, run) : null;
  return {
    coverage,
    twoStep,
    travel: {
      nearestTime: nearestTimeOf(prepared, times),
      catchments: computeCatchments(prepared, network, times, request.reach.minutes),
      // Traced when first read (and kept with the search): a what-if edit's answer sends the
      // dashboard's figures before the map's outline.
      get isochrone() {
        return isochroneOf(prepared, network, times, request.reach.minutes);
      },
      network: describeRoadNetwork(network.network.graph),
      access: describeModeAccess(prepared, network),
    },
  };
}
