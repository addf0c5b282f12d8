// Seeded random networks: the engine's times (multi-source search on reversed arcs, snapping
// through Flatbush, partial edges, direct walks) against a reference written separately here:
// brute-force snapping over every segment, every snap point spliced into its edge as a node of
// its own, and a plain O(n²) Dijkstra forward from each home to any facility.
import { describe, expect, it } from 'vitest';
import { buildRoadGraph, type RoadGraph } from '../../src/core/network/build-road-graph.ts';
import { buildTravelGrid, prepareTravelMode } from '../../src/core/network/prepare-travel-network.ts';
import { travelTimesFrom } from '../../src/core/network/compute-travel-times.ts';
import { ROAD_CLASSES } from '../../src/core/network/road-classes.ts';
import { FORBID_BIKE, FORBID_FOOT, FORBID_MOTOR } from '../../src/core/network/road-lines.ts';
import { DEFAULT_MODE_SPEEDS, TRAVEL_MODES, type TravelMode } from '../../src/core/network/travel-modes.ts';
import { preparedAt, randomRoads, roadLines, seeded } from './network-fixtures.ts';

const FORBID: Record<TravelMode, number> = { walk: FORBID_FOOT, 'elderly-walk': FORBID_FOOT, ebike: FORBID_BIKE, drive: FORBID_MOTOR };

/** Seconds per direction of edge e for the mode, worked out from the tables directly. */
function referenceEdgeTimes(road: RoadGraph, e: number, mode: TravelMode): [number, number] {
  const speeds = DEFAULT_MODE_SPEEDS[mode];
  let kmh = speeds.roads[ROAD_CLASSES[road.roadClass[e]].id];
  if (road.forbidden[e] & FORBID[mode]) kmh = 0;
  if (speeds.capsAtMaxspeed && road.maxspeed[e] > 0) kmh = Math.min(kmh, road.maxspeed[e]);
  if (kmh <= 0) return [Infinity, Infinity];
  const t = road.edgeLength[e] / (kmh / 3.6);
  const oneway = speeds.respectsOneway ? road.oneway[e] : 0;
  return [oneway >= 0 ? t : Infinity, oneway <= 0 ? t : Infinity];
}

interface Snap {
  edge: number;
  fraction: number;
  metres: number;
}

function referenceSnap(road: RoadGraph, mode: TravelMode, x: number, y: number, maxMetres: number): Snap | undefined {
  let best: Snap | undefined;
  for (let e = 0; e < road.edgeCount; e++) {
    const [f, b] = referenceEdgeTimes(road, e, mode);
    if (f === Infinity && b === Infinity) continue;
    const start = road.geometryStart[e], end = road.geometryStart[e + 1];
    let total = 0;
    for (let g = start; g < end - 1; g++) total += Math.hypot(road.geometryX[g + 1] - road.geometryX[g], road.geometryY[g + 1] - road.geometryY[g]);
    let offset = 0;
    for (let g = start; g < end - 1; g++) {
      const ax = road.geometryX[g], ay = road.geometryY[g], dx = road.geometryX[g + 1] - ax, dy = road.geometryY[g + 1] - ay;
      const length = Math.hypot(dx, dy);
      const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (length * length)));
      const d = Math.hypot(ax + t * dx - x, ay + t * dy - y);
      if (!best || d < best.metres) best = { edge: e, fraction: (offset + t * length) / total, metres: d };
      offset += length;
    }
  }
  return best && best.metres <= maxMetres ? best : undefined;
}

/** Forward Dijkstra (array scan, no heap) from one home over the road graph with every snap spliced in. */
function referenceTimes(road: RoadGraph, mode: TravelMode, facilities: Array<[number, number]>, homes: Array<[number, number]>, maxSnap: number, scale: (x: number) => number): number[] {
  const walk = DEFAULT_MODE_SPEEDS[mode].offRoad / 3.6;
  const facilitySnaps = facilities.map(([x, y]) => referenceSnap(road, mode, x, y, maxSnap * scale(x)));
  return homes.map(([hx, hy]) => {
    const home = referenceSnap(road, mode, hx, hy, maxSnap * scale(hx));
    let best = Infinity;
    facilities.forEach(([fx, fy]) => {
      const d = Math.hypot(fx - hx, fy - hy) / scale(hx);
      if (d <= 250) best = Math.min(best, d / walk); // the direct walk limit
    });
    if (!home) return best;
    // nodes: road nodes, then one per facility snap, then the home
    const N = road.nodeCount + facilities.length + 1;
    const arcs: Array<Array<[number, number]>> = Array.from({ length: N }, () => []);
    const splices = new Map<number, Array<{ fraction: number; node: number }>>();
    const splice = (snap: Snap, node: number) => {
      const list = splices.get(snap.edge) ?? [];
      list.push({ fraction: snap.fraction, node });
      splices.set(snap.edge, list);
    };
    facilitySnaps.forEach((snap, k) => snap && splice(snap, road.nodeCount + k));
    const homeNode = N - 1;
    splice(home, homeNode);
    for (let e = 0; e < road.edgeCount; e++) {
      const [f, b] = referenceEdgeTimes(road, e, mode);
      const stops = [{ fraction: 0, node: road.edgeFrom[e] }, ...(splices.get(e) ?? []).sort((p, q) => p.fraction - q.fraction), { fraction: 1, node: road.edgeTo[e] }];
      for (let s = 0; s + 1 < stops.length; s++) {
        const share = stops[s + 1].fraction - stops[s].fraction;
        if (f < Infinity) arcs[stops[s].node].push([stops[s + 1].node, share * f]);
        if (b < Infinity) arcs[stops[s + 1].node].push([stops[s].node, share * b]);
      }
    }
    const dist = new Array<number>(N).fill(Infinity);
    const done = new Array<boolean>(N).fill(false);
    dist[homeNode] = home.metres / scale(hx) / walk;
    for (;;) {
      let u = -1;
      for (let v = 0; v < N; v++) if (!done[v] && dist[v] < Infinity && (u < 0 || dist[v] < dist[u])) u = v;
      if (u < 0) break;
      done[u] = true;
      for (const [v, t] of arcs[u]) if (dist[u] + t < dist[v]) dist[v] = dist[u] + t;
    }
    facilitySnaps.forEach((snap, k) => {
      if (snap) best = Math.min(best, dist[road.nodeCount + k] + snap.metres / scale(facilities[k][0]) / walk);
    });
    return best;
  });
}

describe('random networks against a plain Dijkstra', () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: every mode, every home`, () => {
      const size = 6000;
      const roads = randomRoads(seed, 60, size);
      const random = seeded(1000 + seed);
      const facilities = Array.from({ length: 5 }, () => ({ x: random() * size, y: random() * size }));
      const homes = Array.from({ length: 120 }, () => ({ x: random() * size, y: random() * size }));
      const prepared = preparedAt(facilities, homes);
      const graph = buildRoadGraph(roadLines(roads), prepared.projection);
      const network = { graph, grid: buildTravelGrid(prepared, graph, { gridCellMetres: 1000 }) };
      const scale = (x: number) => prepared.projection.scaleFactor(x, 24.3);
      let reachedSomewhere = 0, unreachedSomewhere = 0;
      for (const mode of TRAVEL_MODES) {
        const modeNetwork = prepareTravelMode(prepared, network, mode, { maxSnapMetres: 400, directWalkMetres: 250 });
        const engine = travelTimesFrom(modeNetwork, Uint32Array.from(facilities, (_, k) => k)).cells.seconds;
        const reference = referenceTimes(graph, mode, facilities.map((f) => [f.x, f.y]), homes.map((h) => [h.x, h.y]), 400, scale);
        reference.forEach((expected, i) => {
          if (expected === Infinity) {
            unreachedSomewhere++;
            expect(engine[i], `${mode} home ${i}`).toBe(Infinity);
          } else {
            reachedSomewhere++;
            expect(Math.abs(engine[i] - expected), `${mode} home ${i}: ${engine[i]} vs ${expected}`).toBeLessThan(1e-6 * Math.max(1, expected));
          }
        });
      }
      expect(reachedSomewhere).toBeGreaterThan(100);
      expect(unreachedSomewhere).toBeGreaterThan(0);
    });
  }
});
