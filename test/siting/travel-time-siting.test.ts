// Siting with a travel-time reach, on a road network small enough to solve by hand. Two parallel
// east–west roads 400 m apart, joined only at their west end (x = 0):
//
//   road B  y = 400  (0,400) ─────────────── ● cell H (2500,400), 200 people; candidate C3 here
//              │
//   road A  y = 0    (0,0) ──●────●────●────●────●────●──── (6000,0)
//                cells at x = 0, 500, 1000 (10 each), 2000, 3000 (50 each), 4000 (20), 5000 (5)
//                candidates C0 (500,0), C1 (2500,0), C2 (4500,0)
//
// Walking is 4.5 km/h (75 m per minute) on the roads and off them; the limit is 10 minutes
// (750 m). By road, C1 reaches the cells at 2000 and 3000 (500 m: 6⅔ min) but not H: from road A to
// road B is 2,500 + 400 + 2,500 m, and H is 400 m from C1 in a straight line, beyond the 300 m
// direct walk. C3 reaches H only (0 min). So the best single site by travel time is C3 (200
// people), while the straight line (750 m) picks C1 (100 + H's 200); the best pair by travel time
// is {C1, C3} (300). C0 reaches 0, 500, 1000 (30); C2 reaches 4000 and 5000 (25).
import { describe, expect, it } from 'vitest';
import { preparedAt, toLonLat } from '../network/network-fixtures.ts';
import { TWO_PARALLEL_ROADS } from './two-parallel-roads.ts';
import { planSites, type SitingRequest } from '../../src/core/siting/plan-sites.ts';
import { projectCandidates } from '../../src/core/siting/project-candidates.ts';
import { reachEngine } from '../../src/core/siting/reach-engine.ts';
import type { Reach } from '../../src/core/coverage/coverage-types.ts';

const roads = TWO_PARALLEL_ROADS;
const cells = [
  { x: 0, y: 0, population: 10 },
  { x: 500, y: 0, population: 10 },
  { x: 1000, y: 0, population: 10 },
  { x: 2000, y: 0, population: 50 },
  { x: 3000, y: 0, population: 50 },
  { x: 4000, y: 0, population: 20 },
  { x: 5000, y: 0, population: 5 },
  { x: 2500, y: 400, population: 200 },
];
const CANDIDATES = [[500, 0], [2500, 0], [4500, 0], [2500, 400]] as const;
const walk10: Reach = { kind: 'travel-time', minutes: 10, mode: 'walk' };

function setup(withRoads = true) {
  // One existing facility of another type far away (the new sites' service has none: nothing is covered before).
  const prepared = preparedAt([{ x: 6000, y: 0, type: 'clinic' }], cells, [{ x: 2500, y: 400 }], withRoads ? roads : undefined);
  const candidates = projectCandidates(prepared, CANDIDATES.map(([x, y], j) => ({ id: `C${j}`, lon: toLonLat(x, y)[0], lat: toLonLat(x, y)[1] })));
  return { prepared, candidates };
}

const request = (reach: Reach, k: number): SitingRequest => ({ service: 'elder-daycare', reach, spacingMetres: 0, problem: { kind: 'max-coverage', k } });
const chosen = (ids: string[]) => [...ids].sort();

describe('siting with a travel-time reach', () => {
  it('builds each candidate’s covering set from a bounded network search, with the times by hand', () => {
    const { prepared, candidates } = setup();
    const reach = reachEngine(prepared).candidateReach(walk10, candidates)!;
    const cellsAt = (j: number) => Array.from(reach.cellsOf(j)).map((i) => cells[i].x + (cells[i].y ? 'B' : '')).sort();
    expect(cellsAt(0)).toEqual(['0', '1000', '500']);
    expect(cellsAt(1)).toEqual(['2000', '3000']);
    expect(cellsAt(2)).toEqual(['4000', '5000']);
    expect(cellsAt(3)).toEqual(['2500B']);
    // minutes: 500 m at 75 m/min (tolerance 5e-6 min, 0.4 mm: road lengths are ellipsoidal, the fixture places points in plane metres)
    for (const minutes of reach.costsOf!(1)) expect(minutes).toBeCloseTo(500 / 75, 5);
    expect(Array.from(reach.placesOf!(3))).toEqual([0]);
    expect(Array.from(reach.placesOf!(1))).toEqual([]);
  });

  it('chooses by travel time what the roads allow, not what the straight line would', async () => {
    const { prepared, candidates } = setup();
    const byTime = planSites({ prepared, candidates }, request(walk10, 1));
    const byLine = planSites({ prepared, candidates }, request({ kind: 'distance', metres: 750 }, 1));
    expect(byTime.ok && byLine.ok).toBe(true);
    if (!byTime.ok || !byLine.ok) return;
    expect(byTime.value.sites.map((s) => s.id)).toEqual(['C3']);
    expect(byTime.value.solution.objective).toBeCloseTo(200, 9);
    expect(byLine.value.sites.map((s) => s.id)).toEqual(['C1']);
    expect(byLine.value.solution.objective).toBeCloseTo(300, 9);
    const pair = planSites({ prepared, candidates }, request(walk10, 2));
    expect(pair.ok).toBe(true);
    if (!pair.ok) return;
    expect(chosen(pair.value.sites.map((s) => s.id))).toEqual(['C1', 'C3']);
    expect(pair.value.solution.objective).toBeCloseTo(300, 9);
    expect(pair.value.demand.unreachable).toBeCloseTo(0, 9); // every cell is reached by some candidate
  });

  it('counts existing facilities of the service as fixed coverage over the roads', () => {
    const prepared = preparedAt([{ x: 2500, y: 400, type: 'elder-daycare' }], cells, [], roads);
    const candidates = projectCandidates(prepared, CANDIDATES.map(([x, y], j) => ({ id: `C${j}`, lon: toLonLat(x, y)[0], lat: toLonLat(x, y)[1] })));
    const answer = planSites({ prepared, candidates }, request(walk10, 1));
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    // H is already reached by the existing centre: C1's 100 people are the best new gain.
    expect(answer.value.sites.map((s) => s.id)).toEqual(['C1']);
    expect(answer.value.demand.coveredBefore).toBeCloseTo(200, 9);
    expect(answer.value.solution.objective).toBeCloseTo(100, 9);
  });

  it('p-median by travel time: costs and cap in minutes, measured over the roads out to the cap', () => {
    // Cap 30 min (2,250 m walking). No elder day care exists: every cell's fallback is the cap.
    // By hand, k = 2: {C1, C3}; H costs 0 (C3), the rest from C1 along road A: x = 0 → 2,500 m
    // (33⅓ min, capped 30), 500 → 26⅔, 1000 → 20, 2000 and 3000 → 6⅔, 4000 → 20, 5000 → 30:
    // 300 + 266⅔ + 200 + 666⅔ + 400 + 150 = 1,983⅓ people-minutes. Before: 355 people × 30 = 10,650.
    // Costs only out to the 10 minutes of the reach would miss x = 500, 1000 and 4000 (2,316⅔).
    const { prepared, candidates } = setup();
    const answer = planSites({ prepared, candidates }, { ...request(walk10, 2), problem: { kind: 'p-median', k: 2, cap: 30 } });
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    expect(chosen(answer.value.sites.map((s) => s.id))).toEqual(['C1', 'C3']);
    // tolerance 0.005 people-minutes: road lengths are ellipsoidal, the fixture's points plane metres
    expect(answer.value.solution.objective).toBeCloseTo(1983 + 1 / 3, 2);
    expect(answer.value.weightedDistance!.before).toBeCloseTo(10_650, 6);
    expect(answer.value.objectiveLabel.en).toMatch(/travel time .*minutes, capped at 30 min/);
    expect(answer.value.objectiveLabel.zh).toMatch(/出行时间.*封顶 30 分钟/);
    const byLine = planSites({ prepared, candidates }, { ...request({ kind: 'distance', metres: 750 }, 2), problem: { kind: 'p-median', k: 2, cap: 2250 } });
    expect(byLine.ok && byLine.value.objectiveLabel.en).toMatch(/distance .*capped at 2250 m/);
  });

  it('says in both languages that a travel time needs a road layer when there is none', () => {
    const { prepared, candidates } = setup(false);
    const answer = planSites({ prepared, candidates }, request(walk10, 1));
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe('reach-unavailable');
    expect(answer.error.message.zh).toMatch(/道路图层/);
    expect(answer.error.message.en).toMatch(/road layer/);
  });
});
