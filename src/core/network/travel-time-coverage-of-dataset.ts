// Travel time for a prepared dataset whose Dataset carries a road layer (Dataset.roads): the road
// network is built on first use and kept with the prepared dataset, each mode's graph and snaps
// likewise, and the travel times of the last few (facility filter, mode) requests, so coverage at
// 10, 15 and 30 minutes is one search. This is what computeCoverage calls for a travel-time reach.
import type { CoverageResult, FacilityFilter, Reach, TwoStepFcaResult } from '../coverage/coverage-types.ts';
import { UnsupportedReachError } from '../coverage/unsupported-reach-error.ts';
import { selectFacilities } from '../coverage/select-facilities.ts';
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import type { RunOptions } from '../types.ts';
import { coverageFromTravelTimes } from './compute-travel-time-coverage.ts';
import { computeTravelTimeFca, type DistanceDecay } from './compute-travel-time-fca.ts';
import { travelTimesFrom, type TravelTimeResult } from './compute-travel-times.ts';
import { prepareRoadNetwork, prepareTravelMode, retargetTravelMode, type RoadNetwork, type TravelModeNetwork } from './prepare-travel-network.ts';
import { DEFAULT_MODE_SPEEDS, parseTravelMode, type TravelMode } from './travel-modes.ts';
import { computeNearestTime, type NearestTimeResult } from './compute-nearest-time.ts';
import { traceFacilityIsochrones, traceIsochrones, type IsochroneFeature } from './trace-isochrones.ts';
import { computeCatchments } from './compute-catchments.ts';
import { traceCatchments, type CatchmentFeature } from './trace-catchments.ts';

interface TravelState {
  network: RoadNetwork;
  modes: Map<TravelMode, TravelModeNetwork>;
  times: Map<string, TravelTimeResult>;
  /** 2SFCA results (one bounded search per facility each): by filter, mode, minutes, cohort and decay. */
  twoStep: Map<string, TwoStepFcaResult>;
  /** What the network and the snaps were made for (see reusable). */
  basis: { projection: string; dataset: PreparedDataset['dataset'] };
}

const states = new WeakMap<PreparedDataset, TravelState>();
/**
 * The last state per road layer (its lines): a dataset that differs only in its facilities reuses
 * the graph and the snaps; one whose speed tables changed reuses the graph and the grid, and the
 * modes whose speeds are unchanged.
 */
const lastByRoads = new WeakMap<object, TravelState>();

const speedsOf = (prepared: PreparedDataset, mode: TravelMode) => prepared.dataset.roads?.speeds?.[mode] ?? DEFAULT_MODE_SPEEDS[mode];

const projectionKey = (prepared: PreparedDataset) => `${prepared.projection.proj4Definition}|${prepared.projection.originNorthing}`;

/** Same roads, projection, townships, population and places: only the facilities may differ. */
function reusable(state: TravelState, prepared: PreparedDataset): boolean {
  const before = state.basis.dataset, now = prepared.dataset;
  return (
    state.basis.projection === projectionKey(prepared) &&
    before.roads?.snapToleranceMetres === now.roads?.snapToleranceMetres &&
    before.townships === now.townships &&
    before.population === now.population &&
    before.places === now.places
  );
}
/** Travel-time results kept per dataset (each holds three arrays per cell). */
const TIMES_KEPT = 8;

const noRoads = (mode: string) =>
  new UnsupportedReachError('travel-time', {
    zh: `没有道路网：按出行时间（${mode}）评估需要先载入道路图层（命令行 --roads，或导入时选择“道路网”）`,
    en: `no road network: a travel-time reach (${mode}) needs a road layer (--roads on the command line, or the "road network" role when importing)`,
  });

/** The mode a reach names ('cycle' is the e-bike table). */
export function travelModeOfReach(reach: Extract<Reach, { kind: 'travel-time' }>): TravelMode {
  return parseTravelMode(reach.mode) ?? 'walk';
}

function stateOf(prepared: PreparedDataset, mode: string, run: RunOptions): TravelState {
  let state = states.get(prepared);
  if (state) return state;
  const roads = prepared.dataset.roads;
  if (!roads) throw noRoads(mode);
  const basis = { projection: projectionKey(prepared), dataset: prepared.dataset };
  const last = lastByRoads.get(roads.lines);
  if (last && reusable(last, prepared)) {
    const previous = last.basis.dataset;
    const sameSpeeds = (mode: TravelMode) =>
      previous.roads?.maxSnapMetres === roads.maxSnapMetres && JSON.stringify(previous.roads?.speeds?.[mode] ?? DEFAULT_MODE_SPEEDS[mode]) === JSON.stringify(speedsOf(prepared, mode));
    const modes = new Map([...last.modes].filter(([key]) => sameSpeeds(key)).map(([key, network]) => [key, retargetTravelMode(network, prepared)]));
    state = { network: last.network, modes, times: new Map(), twoStep: new Map(), basis };
  } else {
    state = { network: prepareRoadNetwork(prepared, roads.lines, { snapToleranceMetres: roads.snapToleranceMetres }, run), modes: new Map(), times: new Map(), twoStep: new Map(), basis };
  }
  states.set(prepared, state);
  lastByRoads.set(roads.lines, state);
  return state;
}

/** The road network and one mode's graph and snaps for the dataset (built once). */
export function travelModeNetworkOf(prepared: PreparedDataset, mode: TravelMode, run: RunOptions = {}): TravelModeNetwork {
  const state = stateOf(prepared, mode, run);
  let network = state.modes.get(mode);
  if (!network) {
    const roads = prepared.dataset.roads!;
    network = prepareTravelMode(prepared, state.network, mode, { speeds: speedsOf(prepared, mode), maxSnapMetres: roads.maxSnapMetres }, run);
    state.modes.set(mode, network);
  }
  return network;
}

/** Travel times from the selected facilities, by mode (cached for the last few requests). */
export function travelTimesOf(prepared: PreparedDataset, filter: FacilityFilter, mode: TravelMode, run: RunOptions = {}): TravelTimeResult {
  const network = travelModeNetworkOf(prepared, mode, run);
  const state = states.get(prepared)!;
  const key = `${mode}:${JSON.stringify(filter)}`;
  let times = state.times.get(key);
  if (!times) {
    times = travelTimesFrom(network, selectFacilities(prepared.dataset, filter), run);
    if (state.times.size >= TIMES_KEPT) state.times.delete(state.times.keys().next().value!);
    state.times.set(key, times);
  }
  return times;
}

/** The search kept for a filter and mode, if any (nothing is searched). */
export function keptTravelTimesOf(prepared: PreparedDataset, filter: FacilityFilter, mode: TravelMode): TravelTimeResult | undefined {
  return states.get(prepared)?.times.get(`${mode}:${JSON.stringify(filter)}`);
}

export function travelTimeCoverage(prepared: PreparedDataset, filter: FacilityFilter, reach: Extract<Reach, { kind: 'travel-time' }>, run: RunOptions = {}): CoverageResult {
  const mode = travelModeOfReach(reach);
  const network = travelModeNetworkOf(prepared, mode, run);
  const coverage = coverageFromTravelTimes(prepared, network, travelTimesOf(prepared, filter, mode, run), reach.minutes);
  return { ...coverage, reach };
}

/**
 * 2SFCA with travel-time catchments (and a Gaussian decay on request) in the coverage engine's
 * shape (catchmentMetres NaN: the catchment is a time); kept for the last few requests, as the
 * travel times are.
 */
export function travelTimeTwoStepFca(
  prepared: PreparedDataset,
  request: { filter: FacilityFilter; reach: Extract<Reach, { kind: 'travel-time' }>; cohort?: string; decay?: DistanceDecay },
  run: RunOptions = {},
): TwoStepFcaResult {
  const mode = travelModeOfReach(request.reach);
  const network = travelModeNetworkOf(prepared, mode, run);
  const state = states.get(prepared)!;
  const decay = request.decay ?? 'none';
  const key = `${mode}:${request.reach.minutes}:${request.cohort ?? ''}:${decay}:${JSON.stringify(request.filter)}`;
  let result = state.twoStep.get(key);
  if (!result) {
    const fca = computeTravelTimeFca(prepared, network, { filter: request.filter, minutes: request.reach.minutes, cohort: request.cohort, decay }, run);
    result = { catchmentMetres: NaN, cellIndex: fca.cellIndex, townships: fca.townships, counties: fca.counties, region: fca.region };
    if (state.twoStep.size >= TIMES_KEPT) state.twoStep.delete(state.twoStep.keys().next().value!);
    state.twoStep.set(key, result);
  }
  return result;
}

/** What is derived from one search's times and kept with them: the nearest times, and isochrones by minutes. */
interface DerivedFromTimes {
  nearest?: NearestTimeResult;
  isochrones: Map<number, IsochroneFeature>;
}
const derived = new WeakMap<TravelTimeResult, DerivedFromTimes>();
/** Isochrones kept per search (a planner goes back and forth between a few minutes). */
const ISOCHRONES_KEPT = 4;

function derivedOf(times: TravelTimeResult): DerivedFromTimes {
  let entry = derived.get(times);
  if (!entry) derived.set(times, (entry = { isochrones: new Map() }));
  return entry;
}

/** The nearest times of a search (they do not depend on the minutes: computed once per search). */
export function nearestTimeOf(prepared: PreparedDataset, times: TravelTimeResult): NearestTimeResult {
  const entry = derivedOf(times);
  return (entry.nearest ??= computeNearestTime(prepared, times));
}

/** The isochrone of a search at some minutes (traced on first use, kept for the last few minutes). */
export function isochroneOf(prepared: PreparedDataset, network: TravelModeNetwork, times: TravelTimeResult, minutes: number): IsochroneFeature {
  const { isochrones } = derivedOf(times);
  let isochrone = isochrones.get(minutes);
  if (!isochrone) {
    [isochrone] = traceIsochrones(network, prepared.projection, times.grid.seconds, [minutes]);
    if (isochrones.size >= ISOCHRONES_KEPT) isochrones.delete(isochrones.keys().next().value!);
    isochrones.set(minutes, isochrone);
  }
  return isochrone;
}

/** Isochrones of one facility (dataset index) at the given minutes, by one bounded search: for "click a facility". */
export function facilityIsochronesOf(prepared: PreparedDataset, mode: TravelMode, facility: number, bands: number[], run: RunOptions = {}): IsochroneFeature[] {
  return traceFacilityIsochrones(travelModeNetworkOf(prepared, mode, run), prepared.projection, facility, bands);
}

/** Each selected facility's catchment (cells reaching it first within the reach) as polygons, with its served population and area. */
export function catchmentPolygonsOf(prepared: PreparedDataset, filter: FacilityFilter, reach: Extract<Reach, { kind: 'travel-time' }>, run: RunOptions = {}): CatchmentFeature[] {
  const mode = travelModeOfReach(reach);
  const network = travelModeNetworkOf(prepared, mode, run);
  const times = travelTimesOf(prepared, filter, mode, run);
  return traceCatchments(prepared, network, times, computeCatchments(prepared, network, times, reach.minutes), reach.minutes);
}

/** A kept search as a what-if edit sees it: its mode and facility filter, its times and their nearest times (if derived). */
export interface KeptTravelTimes {
  mode: TravelMode;
  filter: FacilityFilter;
  times: TravelTimeResult;
  nearest: NearestTimeResult | undefined;
}

/** A kept 2SFCA result as a what-if edit sees it: its request and result. */
export interface KeptTravelTimeFca {
  mode: TravelMode;
  request: { filter: FacilityFilter; minutes: number; cohort?: string; decay: DistanceDecay };
  result: TwoStepFcaResult;
}

/**
 * After a what-if edit (`to` is `from` with its facilities edited, the rest shared): the searches
 * and 2SFCA results kept for `from` go to `to` as `carry` says — updated by the edit (core/what-if),
 * or dropped (null) to be computed again when asked for; a carried search may bring its nearest
 * times. `to` shares the road network and grid, and each mode's network is carried by `carry.mode`
 * (only the edited facilities snapped again); `carry` is given each mode's network for `from` and for `to`.
 */
export function carryTravelState(
  from: PreparedDataset,
  to: PreparedDataset,
  carry: {
    /** Each mode's network for `to`, from `from`'s (the facilities' snaps and direct walks brought up to date). */
    mode(network: TravelModeNetwork): TravelModeNetwork;
    times(kept: KeptTravelTimes, fromNetwork: TravelModeNetwork, toNetwork: TravelModeNetwork): { times: TravelTimeResult; nearest?: NearestTimeResult } | null;
    twoStep(kept: KeptTravelTimeFca, fromNetwork: TravelModeNetwork, toNetwork: TravelModeNetwork): TwoStepFcaResult | null;
  },
): void {
  const state = states.get(from);
  if (!state || states.has(to)) return;
  const target: TravelState = {
    network: state.network,
    modes: new Map([...state.modes].map(([mode, network]) => [mode, carry.mode(network)])),
    times: new Map(),
    twoStep: new Map(),
    basis: { projection: projectionKey(to), dataset: to.dataset },
  };
  states.set(to, target);
  if (to.dataset.roads) lastByRoads.set(to.dataset.roads.lines, target);
  const networks = (mode: TravelMode): [TravelModeNetwork, TravelModeNetwork] | null => {
    const before = state.modes.get(mode);
    return before ? [before, target.modes.get(mode)!] : null;
  };
  for (const [key, times] of state.times) {
    const at = key.indexOf(':');
    const mode = key.slice(0, at) as TravelMode;
    const both = networks(mode);
    const carried = both && carry.times({ mode, filter: JSON.parse(key.slice(at + 1)) as FacilityFilter, times, nearest: derived.get(times)?.nearest }, ...both);
    if (!carried) continue;
    target.times.set(key, carried.times);
    if (carried.nearest) derivedOf(carried.times).nearest = carried.nearest;
  }
  for (const [key, result] of state.twoStep) {
    // `${mode}:${minutes}:${cohort}:${decay}:${filter}`
    const parts = key.split(':');
    const mode = parts[0] as TravelMode;
    const both = networks(mode);
    const request = { minutes: Number(parts[1]), ...(parts[2] ? { cohort: parts[2] } : {}), decay: parts[3] as DistanceDecay, filter: JSON.parse(parts.slice(4).join(':')) as FacilityFilter };
    const carried = both && carry.twoStep({ mode, request, result }, ...both);
    if (carried) target.twoStep.set(key, carried);
  }
}
