// What-if edits answered at once: `applyFacilityEdits` (core/siting) gives the edited prepared
// dataset without preparing it again (only the facility arrays change; zones, cells and indexes are
// shared), and this carries every cached result over to it, edit by edit, updated instead of
// computed again:
//   - a result whose filter selects none of the edited facility's versions is kept as it is
//     (moving a hospital leaves the nurseries' coverage and distances as they were);
//   - straight-line coverage: per-cell cover counts and the exact area of the zones near the old
//     and the new position only (update-coverage.ts);
//   - 2SFCA: the edited facility's catchments only (update-two-step-fca.ts);
//   - nearest distances: the cells the facility was nearest to are asked again, and only the zones
//     holding a changed cell get their median and p90 again, from each zone's cells kept in order
//     by distance (update-nearest-distance.ts);
//   - travel-time coverage: read off the travel times carried over the same edit — only the points
//     whose time changed can cross the limit (update-travel-time-coverage.ts);
//   - travel times to the nearest facility (the analysis of a travel-time reach): only the road
//     nodes and points the removed facility was nearest to are searched again, and the added one's
//     search goes only where it is nearer (update-travel-times.ts); their quantiles per zone as for
//     distances (update-nearest-time.ts); travel-time 2SFCA in the two catchments
//     (update-travel-time-fca.ts);
//   - anything else the edit may change (the facility selections, the types present) is dropped
//     and computed again when asked for.
// The analysis (reach/analyse-reach.ts) and the rules (rules/rule-context.ts) read the same cache,
// so after an edit both answer from the carried results. Used by the worker for every scenario on
// show; `npm run bench:what-if` measures it against a full recompute.
import type { Facility } from '../types.ts';
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import type { CoverageRequest, CoverageResult, FacilityFilter, NearestDistanceResult, TwoStepFcaResult } from '../coverage/coverage-types.ts';
import type { TwoStepFcaRequest } from '../coverage/compute-two-step-fca.ts';
import { matchesFilter, selectFacilities } from '../coverage/select-facilities.ts';
import { updateNearestDistance } from './update-nearest-distance.ts';
import { carryNearestDistances } from '../reach/analyse-reach.ts';
import { carryRuleCache, stableKey } from '../rules/rule-context.ts';
import { applyFacilityEdits, type FacilityEdit } from '../siting/apply-facility-edits.ts';
import { updateCoverage, type FacilityChange } from './update-coverage.ts';
import { updateTwoStepFca } from './update-two-step-fca.ts';
import { updateTravelTimeCoverage } from './update-travel-time-coverage.ts';
import { carryTravelState, keptTravelTimesOf, travelModeNetworkOf, travelModeOfReach } from '../network/travel-time-coverage-of-dataset.ts';
import { travelTimeChangeOf, updateTravelTimes } from './update-travel-times.ts';
import { updateNearestTime } from './update-nearest-time.ts';
import { updateTravelTimeFca } from './update-travel-time-fca.ts';
import { retargetEditedTravelMode } from './retarget-travel-mode.ts';

export type { FacilityEdit };

/** The index of the one facility with this id, or -1 (none, or several). */
function indexOf(prepared: PreparedDataset, id: string): number {
  let found = -1;
  for (let i = 0; i < prepared.dataset.facilities.length; i++) {
    if (prepared.dataset.facilities[i].id !== id) continue;
    if (found >= 0) return -1;
    found = i;
  }
  return found;
}

/** One edit's carry: which facility versions it touches and where they stand. */
interface EditScope {
  before: PreparedDataset;
  after: PreparedDataset;
  change: FacilityChange;
  /** Set when the edit's id names several facilities (or an add repeats one): nothing it may touch is carried. */
  ambiguous: Facility | null;
  /** Nearest distances updated in this edit, by filter (the analysis and the rules cache the same ones). */
  nearest: Map<string, NearestDistanceResult>;
}

function touches(scope: EditScope, filter: FacilityFilter): boolean {
  const versions = scope.ambiguous
    ? [scope.ambiguous]
    : [scope.change.removed !== undefined ? scope.before.dataset.facilities[scope.change.removed] : undefined, scope.change.added !== undefined ? scope.after.dataset.facilities[scope.change.added] : undefined];
  return versions.some((facility) => facility !== undefined && matchesFilter(facility.type, facility.properties, filter));
}

function position(prepared: PreparedDataset, index: number | undefined): [number, number] | undefined {
  return index === undefined ? undefined : [prepared.facilities.x[index], prepared.facilities.y[index]];
}

function carryNearest(scope: EditScope, filter: FacilityFilter, nearest: NearestDistanceResult): NearestDistanceResult {
  const { before, after, change } = scope;
  const key = stableKey(filter);
  const done = scope.nearest.get(key);
  if (done) return done;
  const selects = (prepared: PreparedDataset, index: number | undefined) => {
    if (index === undefined) return undefined;
    const facility = prepared.dataset.facilities[index];
    return matchesFilter(facility.type, facility.properties, filter) ? position(prepared, index) : undefined;
  };
  const updated = updateNearestDistance(after, filter, nearest, { removed: selects(before, change.removed), added: selects(after, change.added) });
  scope.nearest.set(key, updated);
  return updated;
}

/** One cached rule result carried over the edit (undefined: dropped). */
function carryRuleResult(scope: EditScope, kind: string, input: unknown, value: unknown): unknown {
  if (kind === 'population') return value; // head counts per unit: facilities do not change them
  if (kind === 'coverage') {
    const request = input as CoverageRequest;
    if (!touches(scope, request.filter)) {
      // A removal shifts the indices of the facilities after it: the selection is taken again.
      const shifted = scope.after.dataset.facilities.length < scope.before.dataset.facilities.length;
      return shifted ? { ...(value as CoverageResult), facilityIndices: selectFacilities(scope.after.dataset, request.filter) } : value;
    }
    if (scope.ambiguous) return undefined;
    if (request.reach.kind === 'distance') return updateCoverage(scope.before, scope.after, request, value as CoverageResult, scope.change);
    // Read off the travel times carried over this edit (carryTravelState ran first); without them
    // (no roads, or a search no longer kept) it is measured again when asked for.
    const mode = travelModeOfReach(request.reach);
    const previous = keptTravelTimesOf(scope.before, request.filter, mode);
    const times = keptTravelTimesOf(scope.after, request.filter, mode);
    const change = times && travelTimeChangeOf(times);
    if (!previous || !times || !change) return undefined;
    return updateTravelTimeCoverage(scope.after, travelModeNetworkOf(scope.after, mode), request, value as CoverageResult, previous, times, change.changed);
  }
  if (kind === '2sfca') {
    const request = input as TwoStepFcaRequest;
    if (!touches(scope, request.filter)) return value;
    if (scope.ambiguous) return undefined;
    return updateTwoStepFca(scope.before, scope.after, request, value as TwoStepFcaResult, scope.change) ?? undefined;
  }
  if (kind === 'nearest') {
    const filter = input as FacilityFilter;
    if (!touches(scope, filter)) return value;
    if (scope.ambiguous) return undefined;
    return carryNearest(scope, filter, value as NearestDistanceResult);
  }
  // facility selections (indices shift when one is removed), the types present: cheap to compute again
  return undefined;
}

/** `applyFacilityEdits`, one edit at a time, carrying every cached result over (see above). */
export function editFacilities(prepared: PreparedDataset, edits: readonly FacilityEdit[]): PreparedDataset {
  let current = prepared;
  for (const edit of edits) {
    const next = applyFacilityEdits(current, [edit]);
    const removed = edit.kind === 'add' ? -1 : indexOf(current, edit.id);
    const added = edit.kind === 'add' ? indexOf(next, edit.facility.id) : edit.kind === 'move' ? indexOf(next, edit.id) : -1;
    const ambiguous = (edit.kind !== 'add' && removed < 0) || (edit.kind !== 'remove' && added < 0);
    const scope: EditScope = {
      before: current,
      after: next,
      change: { ...(removed >= 0 ? { removed } : {}), ...(added >= 0 ? { added } : {}) },
      nearest: new Map(),
      ambiguous: !ambiguous ? null : edit.kind === 'add' ? edit.facility : (current.dataset.facilities.find((f) => f.id === edit.id) ?? null),
    };
    // An id naming no facility changed nothing: every result carries over as it is.
    const unchanged = ambiguous && scope.ambiguous === null;
    // The travel searches first: the rules' travel-time coverage is read off them.
    carryTravelState(current, next, {
      mode: (network) => (unchanged ? network : retargetEditedTravelMode(network, current, next)),
      times: (kept, fromNetwork, toNetwork) => {
        if (unchanged) return kept;
        if (scope.ambiguous && touches(scope, kept.filter)) return null;
        const { times, change } = updateTravelTimes(current, next, fromNetwork, toNetwork, kept.times, selectFacilities(next.dataset, kept.filter), scope.change);
        return { times, ...(kept.nearest ? { nearest: updateNearestTime(next, kept.nearest, times, change.changed.cells) } : {}) };
      },
      twoStep: (kept, fromNetwork, toNetwork) => {
        if (unchanged || !touches(scope, kept.request.filter)) return kept.result;
        if (scope.ambiguous) return null;
        return updateTravelTimeFca(current, next, fromNetwork, toNetwork, kept, scope.change);
      },
    });
    carryRuleCache(current, next, (kind, input, value) => (unchanged ? value : carryRuleResult(scope, kind, input, value)));
    carryNearestDistances(current, next, (entry) => {
      if (unchanged || !touches(scope, entry.filter)) return entry;
      if (scope.ambiguous) return null;
      return { filter: entry.filter, nearest: carryNearest(scope, entry.filter, entry.nearest) };
    });
    current = next;
  }
  return current;
}
