// Travel times on small networks whose shortest paths are worked out by hand (metres in the
// local projection; the scale factor within 10 km of the central meridian changes lengths by
// under 2e-6, so times are compared to 1e-3 s, well inside that).
import { describe, expect, it } from 'vitest';
import { buildRoadGraph } from '../../src/core/network/build-road-graph.ts';
import { prepareTravelMode, type RoadNetwork } from '../../src/core/network/prepare-travel-network.ts';
import { buildTravelGrid } from '../../src/core/network/prepare-travel-network.ts';
import { travelTimesFrom } from '../../src/core/network/compute-travel-times.ts';
import { FORBID_FOOT } from '../../src/core/network/road-lines.ts';
import type { TravelMode } from '../../src/core/network/travel-modes.ts';
import { preparedAt, roadLines, type PointSpec, type RoadSpec } from './network-fixtures.ts';

const WALK = 4.5 / 3.6; // m/s
const URBAN_DRIVE = 25 / 3.6;

function times(roads: RoadSpec[], facilities: PointSpec[], cells: PointSpec[], mode: TravelMode = 'walk', maxSnapMetres = 1000, snapToleranceMetres = 3) {
  const prepared = preparedAt(facilities, cells);
  const graph = buildRoadGraph(roadLines(roads), prepared.projection, { snapToleranceMetres });
  const network: RoadNetwork = { graph, grid: buildTravelGrid(prepared, graph, { gridCellMetres: 500 }) };
  const modeNetwork = prepareTravelMode(prepared, network, mode, { maxSnapMetres, directWalkMetres: maxSnapMetres });
  const result = travelTimesFrom(modeNetwork, Uint32Array.from(facilities, (_, k) => k));
  return { seconds: Array.from(result.cells.seconds), source: Array.from(result.cells.source), graph, modeNetwork };
}

// A square with a short and a long way round:
//   D(0,1000) ── the long way, via (−500, 1500): 707.1 + 1581.1 m ── C(1000,1000)
//   │ 1000                                                                      │ 1000
//   A(0,0) ─────────────────────────── 1000 ───────────────────────────────── B(1000,0)
const A = { x: 0, y: 0 }, B = { x: 1000, y: 0 }, C = { x: 1000, y: 1000 }, D = { x: 0, y: 1000 };
const square: RoadSpec[] = [
  { points: [[0, 0], [1000, 0]] },
  { points: [[1000, 0], [1000, 1000]] },
  { points: [[0, 0], [0, 1000]] },
  { points: [[0, 1000], [-500, 1500], [1000, 1000]] }, // D → C the long way: 707.1 + 1581.1 m
];

describe('travel times on hand-made networks', () => {
  it('takes the shortest way round', () => {
    const { seconds, source } = times(square, [A], [C, B, D, A]);
    expect(seconds[0]).toBeCloseTo(2000 / WALK, 3);
    expect(seconds[1]).toBeCloseTo(1000 / WALK, 3);
    expect(seconds[2]).toBeCloseTo(1000 / WALK, 3);
    expect(seconds[3]).toBeCloseTo(0, 6);
    expect(source).toEqual([0, 0, 0, 0]);
  });

  it('picks the nearer of two facilities and says which', () => {
    const { seconds, source } = times(square, [A, C], [B, D, { x: 1000, y: 900 }]);
    expect(seconds[0]).toBeCloseTo(1000 / WALK, 3);
    expect(seconds[2]).toBeCloseTo(100 / WALK, 3);
    expect(source[2]).toBe(1);
    expect(source[0] === 0 || source[0] === 1).toBe(true); // a tie
  });

  it('walks off the network along the straight line to the nearest point of an edge', () => {
    // (600, 200): 200 m to the edge A–B at (600, 0), then 600 m to A
    const { seconds } = times(square, [A], [{ x: 600, y: 200 }], 'walk', 400); // the facility is 632 m away: too far to walk straight
    expect(seconds[0]).toBeCloseTo(800 / WALK, 3);
  });

  it('walks both legs: home → road and road → facility', () => {
        const { seconds } = times(square, [{ x: 700, y: -300 }], [{ x: 1000, y: 600 }], 'walk', 400);
    // facility: 300 m off to (700, 0); home: 0 m off at (1000, 600) on B–C; road: 600 + 300 m
    expect(seconds[0]).toBeCloseTo((300 + 900) / WALK, 3);
  });

  it('counts cells beyond the maximum snap distance as unreachable (Infinity, facility −1), never 0', () => {
    const { seconds, source } = times(square, [A], [{ x: 500, y: -700 }, { x: 500, y: 2500 }], 'walk', 500);
    expect(seconds[0]).toBe(Infinity);
    expect(source[0]).toBe(-1);
    expect(seconds[1]).toBe(Infinity);
  });

  it('lets a home within the snap distance of a facility walk straight to it', () => {
    // a facility off the roads at (500, 500), 500 m from every edge; the home 100 m from it
    const { seconds, source } = times(square, [{ x: 500, y: 500 }], [{ x: 500, y: 400 }], 'walk', 600);
    expect(seconds[0]).toBeCloseTo(100 / WALK, 3);
    expect(source[0]).toBe(0);
  });

  it('finds nothing on a part of the network no facility is on', () => {
    const island: RoadSpec[] = [...square, { points: [[5000, 0], [6000, 0]] }];
    const { seconds, source } = times(island, [A], [{ x: 5500, y: 0 }, { x: 5500, y: 100 }]);
    expect(seconds).toEqual([Infinity, Infinity]);
    expect(source).toEqual([-1, -1]);
  });

  it('travels along the edge to a facility on the same edge', () => {
    const { seconds } = times(square, [{ x: 300, y: 0 }], [{ x: 700, y: 0 }]);
    expect(seconds[0]).toBeCloseTo(400 / WALK, 3);
  });

  it('obeys one-way streets when driving and ignores them when walking', () => {
    // A → B one way (eastbound only); everything else both ways
    const oneway: RoadSpec[] = [{ points: [[0, 0], [1000, 0]], oneway: 1 }, ...square.slice(1)];
    const long = 1000 + Math.hypot(500, 500) + Math.hypot(1500, 500) + 1000; // B → C → (−500,1500) → D → A
    // home at A, facility at B: drive east along A → B
    expect(times(oneway, [B], [A], 'drive').seconds[0]).toBeCloseTo(1000 / URBAN_DRIVE, 3);
    // home at B, facility at A: may not drive west along B → A
    expect(times(oneway, [A], [B], 'drive').seconds[0]).toBeCloseTo(long / URBAN_DRIVE, 3);
    expect(times(oneway, [A], [B], 'walk').seconds[0]).toBeCloseTo(1000 / WALK, 3);
    // −1: one way against the vertex order
    const against: RoadSpec[] = [{ points: [[0, 0], [1000, 0]], oneway: -1 }, ...square.slice(1)];
    expect(times(against, [A], [B], 'drive').seconds[0]).toBeCloseTo(1000 / URBAN_DRIVE, 3);
    // a home halfway along the one-way street, facility at A: drive on east to B and round
    expect(times(oneway, [A], [{ x: 500, y: 0 }], 'drive', 400).seconds[0]).toBeCloseTo((500 + long) / URBAN_DRIVE, 3);
  });

  it('keeps walkers off expressways and drivers off footways', () => {
    const roads: RoadSpec[] = [
      { points: [[0, 0], [1000, 0]], roadClass: 'motorway' },
      { points: [[0, 0], [0, 1000], [1000, 1000], [1000, 0]], roadClass: 'footway' },
      { points: [[0, 0], [0, -1000], [1000, -1000], [1000, 0]], roadClass: 'village' },
    ];
    // (a snap distance under the 1,000 m between A and B: nobody walks there straight)
    expect(times(roads, [A], [B], 'walk', 500).seconds[0]).toBeCloseTo(3000 / WALK, 3);
    expect(times(roads, [A], [B], 'drive', 500).seconds[0]).toBeCloseTo(1000 / (90 / 3.6), 3);
    expect(times(roads, [A], [B], 'ebike', 500).seconds[0]).toBeCloseTo(3000 / (15 / 3.6), 3);
    // foot=no on the footway: walkers take the village road round the south
    const noFoot: RoadSpec[] = [roads[0], { ...roads[1], forbidden: FORBID_FOOT }, roads[2]];
    expect(times(noFoot, [A], [B], 'walk', 500).seconds[0]).toBeCloseTo(3000 / WALK, 3);
    const onlyFootway: RoadSpec[] = [roads[0], { ...roads[1], forbidden: FORBID_FOOT }];
    expect(times(onlyFootway, [A], [B], 'walk', 200).seconds[0]).toBe(Infinity);
  });

  it('caps a vehicle at the posted maxspeed but not below the class speed it would take', () => {
    const roads: RoadSpec[] = [{ points: [[0, 0], [1000, 0]], roadClass: 'trunk', maxspeed: 40 }];
    expect(times(roads, [A], [B], 'drive').seconds[0]).toBeCloseTo(1000 / (40 / 3.6), 3);
    expect(times([{ ...roads[0], maxspeed: 120 }], [A], [B], 'drive').seconds[0]).toBeCloseTo(1000 / (60 / 3.6), 3);
  });

  it('joins a line end that stops just short of another road, and only within the tolerance', () => {
    // the branch (500, 1.5) → (500, 800) stops 1.5 m short of A–B
    const roads: RoadSpec[] = [{ points: [[0, 0], [1000, 0]] }, { points: [[500, 1.5], [500, 800]] }];
    const joined = times(roads, [A], [{ x: 500, y: 800 }], 'walk', 100, 3);
    expect(joined.graph.build.snappedToSegment).toBe(1);
    expect(joined.seconds[0]).toBeCloseTo((500 + 798.5) / WALK, 2);
    const apart = times(roads, [A], [{ x: 500, y: 800 }], 'walk', 100, 1);
    expect(apart.graph.build.snappedToSegment).toBe(0);
    expect(apart.seconds[0]).toBe(Infinity);
    // an end 2 m from another line's end joins the two ends (no split)
    const ends = times([{ points: [[0, 0], [1000, 0]] }, { points: [[1002, 0], [2000, 0]] }], [A], [{ x: 2000, y: 0 }], 'walk', 100, 3);
    expect(ends.graph.build.snappedToVertex).toBe(1);
    // the joined end moves onto the vertex it joins: the second line now starts at (1000, 0)
    expect(ends.seconds[0]).toBeCloseTo(2000 / WALK, 2);
  });

  it('makes nodes at shared vertices only: crossing lines without a shared vertex do not connect', () => {
    const crossing: RoadSpec[] = [{ points: [[0, 0], [1000, 0]] }, { points: [[500, -500], [500, 500]] }];
    const shared: RoadSpec[] = [{ points: [[0, 0], [500, 0], [1000, 0]] }, { points: [[500, -500], [500, 0], [500, 500]] }];
    expect(times(crossing, [A], [{ x: 500, y: 500 }], 'walk', 10).seconds[0]).toBe(Infinity); // a bridge over the road
    const connected = times(shared, [A], [{ x: 500, y: 500 }], 'walk', 10);
    expect(connected.seconds[0]).toBeCloseTo(1000 / WALK, 3);
    expect(connected.graph.nodeCount).toBe(5);
    expect(connected.graph.edgeCount).toBe(4);
  });
});
