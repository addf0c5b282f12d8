// A mode's network for a dataset after what-if edits, from the network before them: the road graph,
// grid and snapped points are shared; of the facilities (sources), only those the edits made (added,
// or moved: new objects) are snapped and have their direct walks found, the others keep theirs
// (moved to their new indices). retargetTravelMode does the same for every facility of any dataset
// that differs only in its facilities — a k-d tree query per facility and point set, and a snap per
// facility: on the demo about as long as the rest of a what-if edit, now paid for one facility.
// The snaps and walks are those snapToNetwork and findDirectWalks give each point on its own, so
// they equal retargetTravelMode's.
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import type { Facility } from '../types.ts';
import type { TravelModeNetwork } from '../network/prepare-travel-network.ts';
import { findDirectWalks, type TravelPoints } from '../network/search-network.ts';
import { snapToNetwork } from '../network/snap-to-network.ts';

const POINT_SETS = ['cells', 'places', 'grid'] as const;

export function retargetEditedTravelMode(previous: TravelModeNetwork, from: PreparedDataset, to: PreparedDataset): TravelModeNetwork {
  const indexBefore = new Map<Facility, number>(from.dataset.facilities.map((facility, i) => [facility, i]));
  const count = to.dataset.facilities.length;
  const old = Int32Array.from(to.dataset.facilities, (facility) => indexBefore.get(facility) ?? -1);
  const fresh: number[] = [];
  old.forEach((o, k) => {
    if (o < 0) fresh.push(k);
  });
  const freshSites = {
    x: Float64Array.from(fresh, (k) => to.facilities.x[k]),
    y: Float64Array.from(fresh, (k) => to.facilities.y[k]),
    scale: Float64Array.from(fresh, (k) => to.facilities.scale[k]),
  };
  const freshSnap = snapToNetwork(previous.graph, freshSites, previous.maxSnapMetres);
  const before = previous.facilities.snapped;
  const snapped = { edge: new Int32Array(count), fraction: new Float64Array(count), offMetres: new Float64Array(count) };
  let f = 0;
  for (let k = 0; k < count; k++) {
    const [source, at] = old[k] >= 0 ? [before, old[k]] : [freshSnap, f++];
    snapped.edge[k] = source.edge[at];
    snapped.fraction[k] = source.fraction[at];
    snapped.offMetres[k] = source.offMetres[at];
  }
  // Fresh facilities in order: freshAt[k] is k's position among them (−1: kept).
  const freshAt = new Int32Array(count).fill(-1);
  fresh.forEach((k, n) => (freshAt[k] = n));
  const walksOf = (points: TravelPoints): TravelPoints => {
    const freshWalks = findDirectWalks(freshSites, points, previous.directWalkMetres);
    const walkStart = new Uint32Array(count + 1);
    for (let k = 0; k < count; k++) {
      const [start, at] = old[k] >= 0 ? [points.walkStart, old[k]] : [freshWalks.walkStart, freshAt[k]];
      walkStart[k + 1] = walkStart[k] + start[at + 1] - start[at];
    }
    const walkPoint = new Uint32Array(walkStart[count]);
    const walkMetres = new Float32Array(walkStart[count]);
    for (let k = 0; k < count; k++) {
      const from = old[k] >= 0 ? points : freshWalks;
      const at = old[k] >= 0 ? old[k] : freshAt[k];
      for (let w = from.walkStart[at], to = walkStart[k]; w < from.walkStart[at + 1]; w++, to++) {
        walkPoint[to] = from.walkPoint[w];
        walkMetres[to] = from.walkMetres[w];
      }
    }
    return { ...points, walkStart, walkPoint, walkMetres };
  };
  const sets = Object.fromEntries(POINT_SETS.map((set) => [set, walksOf(previous[set])])) as Pick<TravelModeNetwork, (typeof POINT_SETS)[number]>;
  return { ...previous, ...sets, facilities: { ...to.facilities, snapped } };
}
