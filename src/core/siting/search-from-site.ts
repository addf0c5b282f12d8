// Sites' reach over the road network: for each site (a candidate, an edited facility), the
// population cells, target places and travel grid cells from which it is reached within a time
// limit, with their times. The sites are snapped to the mode's graph and their direct walks found
// all at once, as the network does for facilities; then each site is one search bounded by the
// limit from that site alone (searchNetwork over a one-site source set), read off with
// pointsReachedFrom. The arrays are reused between sites and reset only where a search wrote, so a
// site costs its own neighbourhood, not a pass over every point (siting asks for thousands of
// sites, a what-if edit for two).
import type { TravelModeNetwork } from '../network/prepare-travel-network.ts';
import { createNodeTimes, findDirectWalks, pointsReachedFrom, resetNodeTimes, searchNetwork, type PointTimes, type SourceSet, type TravelPoints } from '../network/search-network.ts';
import { snapToNetwork } from '../network/snap-to-network.ts';

export type PointSetName = 'cells' | 'places' | 'grid';

/** Per point set: the points reached and their times (seconds), same order. */
export type SiteReach = Record<PointSetName, { points: number[]; seconds: number[] }>;

/** Sites in the prepared plane, with the point scale factor at each. */
export interface Sites {
  x: Float64Array;
  y: Float64Array;
  scale: Float64Array;
}

// Scratch arrays, kept per graph and point set: every search leaves them as it found them (Infinity,
// −1), so searches one after another share them — a what-if edit makes two searches, and without
// this would allocate and fill arrays the size of the travel grid for each.
const nodeScratches = new WeakMap<TravelModeNetwork['graph'], ReturnType<typeof createNodeTimes>>();
const pointScratches = new WeakMap<Float64Array, { times: PointTimes; stamp: Int32Array }>();

function nodeScratch(graph: TravelModeNetwork['graph']) {
  let nodes = nodeScratches.get(graph);
  if (!nodes) nodeScratches.set(graph, (nodes = createNodeTimes(graph.road.nodeCount)));
  return nodes;
}

function pointScratch(graph: TravelModeNetwork['graph'], points: TravelPoints): { times: PointTimes; stamp: Int32Array } {
  let scratch = pointScratches.get(points.x);
  if (!scratch || scratch.stamp.length !== graph.road.edgeCount) {
    const n = points.x.length;
    scratch = { times: { seconds: new Float64Array(n).fill(Infinity), source: new Int32Array(n).fill(-1) }, stamp: new Int32Array(graph.road.edgeCount).fill(-1) };
    pointScratches.set(points.x, scratch);
  }
  return scratch;
}

/** A search from site j (within `limitSeconds`), reading off the named point sets. */
export function searchFromSites(network: TravelModeNetwork, sets: readonly PointSetName[], sites: Sites): (j: number, limitSeconds: number) => SiteReach {
  const { graph } = network;
  const snapped = snapToNetwork(graph, sites, network.maxSnapMetres);
  const nodes = nodeScratch(graph);
  const scratch = Object.fromEntries(
    sets.map((name) => [name, { ...pointScratch(graph, network[name]), walks: findDirectWalks(sites, network[name], network.directWalkMetres) }]),
  ) as Record<PointSetName, { times: PointTimes; stamp: Int32Array; walks: ReturnType<typeof findDirectWalks> }>;
  return (j, limitSeconds) => {
    const source: SourceSet = {
      x: Float64Array.of(sites.x[j]),
      y: Float64Array.of(sites.y[j]),
      scale: Float64Array.of(sites.scale[j]),
      snapped: { edge: Int32Array.of(snapped.edge[j]), fraction: Float64Array.of(snapped.fraction[j]), offMetres: Float64Array.of(snapped.offMetres[j]) },
    };
    const touched: number[] = [];
    searchNetwork(graph, source, { cutoffSeconds: limitSeconds, scratch: nodes }, touched);
    const reach: SiteReach = { cells: { points: [], seconds: [] }, places: { points: [], seconds: [] }, grid: { points: [], seconds: [] } };
    for (const name of sets) {
      const { times, stamp, walks } = scratch[name];
      // Site j's direct walks, as the walks of source 0 of its one-site set.
      const points: TravelPoints = {
        ...network[name],
        walkStart: Uint32Array.of(0, walks.walkStart[j + 1] - walks.walkStart[j]),
        walkPoint: walks.walkPoint.subarray(walks.walkStart[j], walks.walkStart[j + 1]),
        walkMetres: walks.walkMetres.subarray(walks.walkStart[j], walks.walkStart[j + 1]),
      };
      for (const i of pointsReachedFrom(graph, nodes, source, 0, points, limitSeconds, times, stamp)) {
        reach[name].points.push(i);
        reach[name].seconds.push(times.seconds[i]);
        times.seconds[i] = Infinity;
        times.source[i] = -1;
      }
      // The stamps say "read off for source 0": cleared where this search wrote them (the site's
      // own edge, the edges at the nodes it settled).
      if (snapped.edge[j] >= 0) stamp[snapped.edge[j]] = -1;
      for (let m = 0; m < nodes.settledCount; m++) {
        const u = nodes.settled[m];
        for (let a = graph.incidentStart[u]; a < graph.incidentStart[u + 1]; a++) stamp[graph.incidentEdge[a]] = -1;
      }
    }
    resetNodeTimes(nodes, touched);
    return reach;
  };
}
