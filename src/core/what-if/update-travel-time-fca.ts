// 2SFCA with travel-time catchments after one what-if edit, from the result before it, as
// update-two-step-fca.ts does for a straight line: step 1's ratio of a facility depends only on
// the demand reaching it, so the edit changes step 2's sums only over the edited facility's old
// catchment (its old ratio taken away, by one search bounded by the limit from its old position)
// and its new one (the new ratio added, by one search from the new position); the zone means are
// summed again only where those catchments lie. The searches are the ones computeTravelTimeFca
// makes per facility (the same snap, direct walks and cutoff: siting/search-from-site.ts), so the
// result equals a full computation up to the rounding of differently ordered sums.
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import type { TwoStepFcaResult } from '../coverage/coverage-types.ts';
import { matchesFilter } from '../coverage/select-facilities.ts';
import type { TravelModeNetwork } from '../network/prepare-travel-network.ts';
import { decayWeight } from '../network/compute-travel-time-fca.ts';
import type { KeptTravelTimeFca } from '../network/travel-time-coverage-of-dataset.ts';
import { searchFromSites } from '../siting/search-from-site.ts';
import { updateAllMeans } from './update-two-step-fca.ts';
import type { FacilityChange } from './update-coverage.ts';

/** `kept` (2SFCA on `before`) after one facility edit (`after` is `before` edited as `change` says); null when the population lacks the cohort. */
export function updateTravelTimeFca(before: PreparedDataset, after: PreparedDataset, beforeNetwork: TravelModeNetwork, network: TravelModeNetwork, kept: KeptTravelTimeFca, change: FacilityChange): TwoStepFcaResult | null {
  const { request, result } = kept;
  const { population, cohorts } = after.dataset.population;
  const demand = request.cohort ? cohorts[request.cohort] : population;
  if (!demand) return null;
  const limit = request.minutes * 60;
  const cellIndex = result.cellIndex.slice();
  const touched: number[] = [];
  const shift = (prepared: PreparedDataset, modeNetwork: TravelModeNetwork, f: number | undefined, sign: number) => {
    if (f === undefined) return;
    const facility = prepared.dataset.facilities[f];
    if (!matchesFilter(facility.type, facility.properties, request.filter)) return;
    const site = { x: Float64Array.of(prepared.facilities.x[f]), y: Float64Array.of(prepared.facilities.y[f]), scale: Float64Array.of(prepared.facilities.scale[f]) };
    const { points, seconds } = searchFromSites(modeNetwork, ['cells'], site)(0, limit).cells;
    const weights = seconds.map((t) => decayWeight(t, limit, request.decay));
    let catchmentDemand = 0;
    points.forEach((i, m) => (catchmentDemand += weights[m] * demand[i]));
    const ratio = catchmentDemand > 0 ? ((facility.capacity ?? 0) / catchmentDemand) * 1000 : 0;
    points.forEach((i, m) => (cellIndex[i] += sign * weights[m] * ratio));
    touched.push(...points);
  };
  shift(before, beforeNetwork, change.removed, -1);
  shift(after, network, change.added, 1);
  return { catchmentMetres: result.catchmentMetres, cellIndex, ...updateAllMeans(result, cellIndex, demand, after, touched) };
}
