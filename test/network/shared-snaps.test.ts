// Population cells, places and grid cells are snapped once to every road and each mode keeps that
// snap where it may use the road (snap-to-network.ts): the result must be exactly the mode's own
// snap, including where the nearest road is one the mode may not use, and that the nearest usable
// segment by a scan of every segment.
import { describe, expect, it } from 'vitest';
import { buildModeGraph } from '../../src/core/network/build-mode-graph.ts';
import { buildRoadGraph } from '../../src/core/network/build-road-graph.ts';
import { buildTravelGrid } from '../../src/core/network/prepare-travel-network.ts';
import { snapToNetwork } from '../../src/core/network/snap-to-network.ts';
import { DEFAULT_MODE_SPEEDS, TRAVEL_MODES } from '../../src/core/network/travel-modes.ts';
import { preparedAt, randomRoads, roadLines, seeded } from './network-fixtures.ts';

/** The edge of the nearest segment the mode may use, by a scan of every segment (−1: none within reach). */
function scanNearestEdge(road: ReturnType<typeof buildRoadGraph>, graph: ReturnType<typeof buildModeGraph>, x: number, y: number, reach: number): number {
  let best = -1, bestDistance = Infinity;
  for (let e = 0; e < road.edgeCount; e++) {
    if (graph.timeForward[e] === Infinity && graph.timeBackward[e] === Infinity) continue;
    for (let g = road.geometryStart[e]; g < road.geometryStart[e + 1] - 1; g++) {
      const ax = road.geometryX[g], ay = road.geometryY[g], dx = road.geometryX[g + 1] - ax, dy = road.geometryY[g + 1] - ay;
      const t = dx * dx + dy * dy > 0 ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy))) : 0;
      const d = Math.hypot(ax + t * dx - x, ay + t * dy - y);
      if (d < bestDistance) {
        bestDistance = d;
        best = e;
      }
    }
  }
  return bestDistance <= reach ? best : -1;
}

describe('snaps shared by the modes', () => {
  it('equal each mode snapping on its own, on random networks with roads closed to some modes', () => {
    let elsewhere = 0;
    for (const seed of [4, 5, 6]) {
      const size = 6000;
      const random = seeded(2000 + seed);
      const homes = Array.from({ length: 2000 }, () => ({ x: random() * size, y: random() * size }));
      const prepared = preparedAt([], homes);
      const road = buildRoadGraph(roadLines(randomRoads(seed, 60, size)), prepared.projection);
      const points = { x: prepared.cells.x, y: prepared.cells.y, scale: prepared.cells.scale };
      for (const mode of TRAVEL_MODES) {
        const graph = buildModeGraph(road, mode, DEFAULT_MODE_SPEEDS[mode]);
        for (const maxSnap of [150, 600]) {
          const own = snapToNetwork(graph, points, maxSnap);
          const shared = snapToNetwork(graph, points, maxSnap, {}, true);
          expect(shared.edge).toEqual(own.edge);
          expect(shared.fraction).toEqual(own.fraction);
          expect(shared.offMetres).toEqual(own.offMetres);
          for (let i = 0; i < points.x.length; i += 7) expect(own.edge[i], `${mode} point ${i}`).toBe(scanNearestEdge(road, graph, points.x[i], points.y[i], maxSnap * points.scale[i]));
          // points whose nearest road (of any kind) is one this mode may not use
          const any = snapToNetwork(buildModeGraph(road, 'walk', { ...DEFAULT_MODE_SPEEDS.walk, roads: Object.fromEntries(Object.keys(DEFAULT_MODE_SPEEDS.walk.roads).map((k) => [k, 5])) as never }), points, maxSnap);
          own.edge.forEach((e, i) => {
            if (any.edge[i] >= 0 && e !== any.edge[i]) elsewhere++;
          });
        }
      }
    }
    expect(elsewhere).toBeGreaterThan(50);
  });

  it('the travel grid snapped segment by segment equals each cell snapped on its own', () => {
    for (const seed of [7]) {
      const size = 6000;
      const prepared = preparedAt([], []);
      const road = buildRoadGraph(roadLines(randomRoads(seed, 60, size)), prepared.projection);
      for (const cellMetres of [170, 400]) {
        const grid = buildTravelGrid(prepared, road, { gridCellMetres: cellMetres });
        const layout = { originX: grid.originX, originY: grid.originY, cellSize: grid.cellMetres, columns: grid.columns, rows: grid.rows, active: grid.active };
        for (const mode of TRAVEL_MODES) {
          const graph = buildModeGraph(road, mode, DEFAULT_MODE_SPEEDS[mode]);
          for (const maxSnap of [100, 700]) {
            const each = snapToNetwork(graph, { x: grid.x, y: grid.y, scale: grid.scale }, maxSnap);
            const swept = snapToNetwork(graph, { x: grid.x, y: grid.y, scale: grid.scale, layout }, maxSnap);
            expect(swept.edge).toEqual(each.edge);
            expect(swept.fraction).toEqual(each.fraction);
            expect(swept.offMetres).toEqual(each.offMetres);
            expect(each.edge.some((e) => e < 0) && each.edge.some((e) => e >= 0)).toBe(true);
          }
        }
      }
    }
  });
});
