// A travel-time analysis carried over what-if edits (core/what-if/update-travel-times.ts: only the
// road nodes and points a removed facility was nearest to are searched again, an added one's search
// goes only where it is nearer; nearest-time quantiles and travel-time 2SFCA updated where the edit
// reaches; the mode's network carried with only the edited facility snapped again) equals the same
// analysis on the edited data prepared from scratch — first on a network
// small enough to work out by hand, then after every edit of a seeded sequence on a street grid.
//
// By hand: two parallel east–west roads 400 m apart, joined only at their west end (x = 0);
// walking 75 m a minute on and off the roads. Day-care centres at (500, 0) and (4500, 0) on road A;
// cells along road A and one, H, on road B at (2500, 400).
//   before:                 x = 0 → 500 m (6⅔ min), 1000 → 6⅔, 3000 → 20, 5000 → 6⅔;
//                           H → 500 + 400 + 2500 m from the west centre: 3,400 m (45⅓ min)
//   remove the west centre: x = 0 → 4,500 m (60 min), 1000 → 3,500 m (46⅔), H → 0 + 400 + 2500
//                           + 4500 = 7,400 m (98⅔ min)
//   add one at H:           H → 0; x = 0 → 2,900 m (38⅔ min) now from H, 1000 → 3,500 m still from the east
import { describe, expect, it } from 'vitest';
import { preparedAt, toLonLat } from '../network/network-fixtures.ts';
import { TWO_PARALLEL_ROADS } from '../siting/two-parallel-roads.ts';
import { prepareDataset, type PreparedDataset } from '../../src/core/prepare/prepare-dataset.ts';
import { analyseReach, type ReachAnalysis, type ReachAnalysisRequest } from '../../src/core/reach/analyse-reach.ts';
import { editFacilities, type FacilityEdit } from '../../src/core/what-if/edit-facilities.ts';
import { editedFacilities } from '../../src/core/siting/apply-facility-edits.ts';
import { createRandom } from '../../scripts/demo/seeded-random.ts';
import { facility, makeDataset, populationCells, township } from '../helpers/make-dataset.ts';
import { createRoadLinesBuilder } from '../../src/core/network/road-lines.ts';
import { ROAD_CLASS_IDS } from '../../src/core/network/road-classes.ts';
import { travelModeNetworkOf } from '../../src/core/network/travel-time-coverage-of-dataset.ts';

const roads = TWO_PARALLEL_ROADS;
const cells = [
  { x: 0, y: 0, population: 10 },
  { x: 1000, y: 0, population: 10 },
  { x: 3000, y: 0, population: 50 },
  { x: 5000, y: 0, population: 5 },
  { x: 2500, y: 400, population: 200 },
];

const walk = (minutes: number, filter = { types: ['elder-daycare'] }): ReachAnalysisRequest => ({ filter, reach: { kind: 'travel-time', minutes, mode: 'walk' }, discs: false });

/** The analysis on `prepared` (after edits, carried) beside the same on the edited data prepared anew. */
function both(prepared: PreparedDataset, request: ReachAnalysisRequest): [ReachAnalysis, ReachAnalysis] {
  return [analyseReach(prepared, request), analyseReach(prepareDataset(prepared.dataset), request)];
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number, what: string): void {
  expect(actual.length, what).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const same = actual[i] === expected[i] || Math.abs(actual[i] - expected[i]) <= tolerance;
    if (!same) expect.fail(`${what}[${i}]: ${actual[i]} vs ${expected[i]} (tolerance ${tolerance})`);
  }
}

function expectSameTravel(actual: ReachAnalysis, expected: ReachAnalysis, what: string): void {
  const a = actual.travel!.nearestTime, b = expected.travel!.nearestTime;
  // Times exactly: the same path sums, added in the same order.
  expect(Array.from(a.cellMinutes), `${what}: minutes`).toEqual(Array.from(b.cellMinutes));
  for (const level of ['townships', 'counties', 'region'] as const) {
    expect(Array.from(a[level].median), `${what}: ${level} median`).toEqual(Array.from(b[level].median));
    expect(Array.from(a[level].p90), `${what}: ${level} p90`).toEqual(Array.from(b[level].p90));
    expect(Array.from(a[level].unreachablePopulation), `${what}: ${level} unreachable`).toEqual(Array.from(b[level].unreachablePopulation));
  }
  expect(Array.from(actual.coverage.cellCovered), `${what}: covered cells`).toEqual(Array.from(expected.coverage.cellCovered));
  expectClose(actual.coverage.townships.coveredAreaKm2, expected.coverage.townships.coveredAreaKm2, 1e-9, `${what}: covered km²`);
  // Served people per facility (catchments): equal up to ties between facilities at equal times.
  expectClose(actual.travel!.catchments.servedPopulation, expected.travel!.catchments.servedPopulation, 1e-9, `${what}: served`);
  expect(actual.twoStep === null, `${what}: 2SFCA present`).toBe(expected.twoStep === null);
  if (actual.twoStep && expected.twoStep) {
    expectClose(actual.twoStep.cellIndex, expected.twoStep.cellIndex, 1e-9, `${what}: 2SFCA cells`);
    expectClose(actual.twoStep.townships, expected.twoStep.townships, 1e-9, `${what}: 2SFCA townships`);
    expectClose(actual.twoStep.region, expected.twoStep.region, 1e-9, `${what}: 2SFCA region`);
  }
}

describe('travel times over what-if edits', () => {
  it('by hand: removing a centre searches again what it served; adding one goes where it is nearer', () => {
    let prepared = preparedAt([{ x: 500, y: 0, type: 'elder-daycare', capacity: 20 }, { x: 4500, y: 0, type: 'elder-daycare', capacity: 30 }, { x: 6000, y: 400, type: 'clinic' }], cells, [], roads);
    const minutes = () => Array.from(analyseReach(prepared, walk(120)).travel!.nearestTime.cellMinutes);
    // tolerance 5e-5 min (under 4 mm at 75 m a minute): road lengths are ellipsoidal, the fixture's points plane metres
    const expectMinutes = (expected: number[]) => minutes().forEach((value, i) => expect(value).toBeCloseTo(expected[i], 4));
    expectMinutes([500 / 75, 500 / 75, 1500 / 75, 500 / 75, 3400 / 75]);
    prepared = editFacilities(prepared, [{ kind: 'remove', id: 'F0' }]);
    expectMinutes([4500 / 75, 3500 / 75, 1500 / 75, 500 / 75, 7400 / 75]);
    expectSameTravel(...both(prepared, walk(120)), 'after the removal');
    const [lon, lat] = toLonLat(2500, 400);
    prepared = editFacilities(prepared, [{ kind: 'add', facility: facility('H', lon, lat, 'elder-daycare', 25) }]);
    expectMinutes([2900 / 75, 3500 / 75, 1500 / 75, 500 / 75, 0]);
    expectSameTravel(...both(prepared, walk(120)), 'after the addition');
    // The clinic (another service) removed: the day-care times are only renumbered.
    prepared = editFacilities(prepared, [{ kind: 'remove', id: 'F2' }]);
    expectSameTravel(...both(prepared, walk(120)), 'after removing the clinic');
  });

  it('equal a full analysis after every edit of a seeded sequence on a street grid (times, quantiles, coverage, catchments, 2SFCA)', () => {
    const WEST = 102.5, SOUTH = 24.3, SIZE = 0.05;
    const builder = createRoadLinesBuilder();
    for (let k = 0; k <= 10; k++) {
      const at = (SIZE / 10) * k;
      builder.add([WEST, SOUTH + at, WEST + SIZE, SOUTH + at], { roadClass: ROAD_CLASS_IDS.indexOf('urban'), maxspeed: 0, oneway: 0, forbidden: 0 });
      if (k !== 5) builder.add([WEST + at, SOUTH, WEST + at, SOUTH + SIZE], { roadClass: ROAD_CLASS_IDS.indexOf('village'), maxspeed: 0, oneway: 0, forbidden: 0 });
    }
    const random = createRandom(5);
    const points: Array<[number, number, number]> = [];
    const old: number[] = [];
    for (let i = 0; i < 40; i++) {
      for (let j = 0; j < 40; j++) {
        const people = Math.round(random.range(0, 40));
        points.push([WEST + (i + 0.5) * (SIZE / 40), SOUTH + (j + 0.5) * (SIZE / 40), people]);
        old.push(Math.round(people * 0.2));
      }
    }
    const half = (x0: number, x1: number) => ({ type: 'Polygon' as const, coordinates: [[[x0, SOUTH], [x1, SOUTH], [x1, SOUTH + SIZE], [x0, SOUTH + SIZE], [x0, SOUTH]]] });
    const facilities = Array.from({ length: 8 }, (_, k) => facility(`E${k}`, WEST + random.range(0.003, SIZE - 0.003), SOUTH + random.range(0.003, SIZE - 0.003), k < 6 ? 'elder-daycare' : 'nursery', random.int(10, 40)));
    const dataset = makeDataset({
      townships: [township('T1', half(WEST, WEST + SIZE / 2)), township('T2', half(WEST + SIZE / 2, WEST + SIZE))],
      population: populationCells(points, { age60plus: old }),
      facilities,
      roads: { name: 'streets', lines: builder.finish() },
    });
    const request: ReachAnalysisRequest = { ...walk(8), cohort: 'age60plus' };
    let prepared = prepareDataset(dataset);
    analyseReach(prepared, request);
    let list = dataset.facilities;
    for (let step = 0; step < 14; step++) {
      const choice = random.next();
      const target = list[random.int(0, list.length - 1)];
      const lon = WEST + random.range(0.002, SIZE - 0.002), lat = SOUTH + random.range(0.002, SIZE - 0.002);
      const edit: FacilityEdit =
        choice < 0.3 || list.length < 4
          ? { kind: 'add', facility: facility(`A${step}`, lon, lat, random.next() < 0.8 ? 'elder-daycare' : 'nursery', random.int(10, 40)) }
          : choice < 0.75
            ? { kind: 'move', id: target.id, lon, lat }
            : { kind: 'remove', id: target.id };
      list = editedFacilities(list, [edit]);
      prepared = editFacilities(prepared, [edit]);
      expectSameTravel(...both(prepared, request), `after edit ${step + 1} (${edit.kind})`);
      // The mode's network carried over the edit (only the edited facility snapped and its walks found) equals one made for the data anew.
      const carried = travelModeNetworkOf(prepared, 'walk');
      const fresh = travelModeNetworkOf(prepareDataset(prepared.dataset), 'walk');
      for (const key of ['edge', 'fraction', 'offMetres'] as const) expect(Array.from(carried.facilities.snapped[key]), `snaps ${key}`).toEqual(Array.from(fresh.facilities.snapped[key]));
      for (const set of ['cells', 'places', 'grid'] as const) {
        for (const key of ['walkStart', 'walkPoint', 'walkMetres'] as const) expect(Array.from(carried[set][key]), `${set} ${key}`).toEqual(Array.from(fresh[set][key]));
      }
    }
  });
});
