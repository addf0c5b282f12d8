// A small synthetic region for the siting tests: four 2 km-ish square townships in two counties, a
// 100 m population grid with a seeded head count (and people aged 60+ and 0–3), a few existing
// facilities and target places.
import { createRandom } from '../../scripts/demo/seeded-random.ts';
import type { AdminUnit, Dataset, TargetPlace } from '../../src/core/types.ts';
import { facility, makeDataset, populationCells, township } from '../helpers/make-dataset.ts';

const square = (west: number, south: number, east: number, north: number) => ({
  type: 'Polygon' as const,
  coordinates: [[[west, south], [east, south], [east, north], [west, north], [west, south]]],
});

export const WEST = 102.5, SOUTH = 24.3, STEP = 0.02;

export function sitingRegion(): Dataset {
  const townships = [
    township('T1', square(WEST, SOUTH, WEST + STEP, SOUTH + STEP), 'C1'),
    township('T2', square(WEST + STEP, SOUTH, WEST + 2 * STEP, SOUTH + STEP), 'C1'),
    township('T3', square(WEST, SOUTH + STEP, WEST + STEP, SOUTH + 2 * STEP), 'C2'),
    township('T4', square(WEST + STEP, SOUTH + STEP, WEST + 2 * STEP, SOUTH + 2 * STEP), 'C2'),
  ];
  const county = (code: string, south: number): AdminUnit => ({
    code,
    name: code === 'C1' ? '南县' : '北县',
    level: 'county',
    geometry: square(WEST, south, WEST + 2 * STEP, south + STEP),
    properties: {},
  });
  const random = createRandom(4242);
  const points: Array<[number, number, number]> = [];
  const old: number[] = [];
  const young: number[] = [];
  for (let i = 0; i < 40; i++) {
    for (let j = 0; j < 40; j++) {
      const lon = WEST + (i + 0.5) * 0.001, lat = SOUTH + (j + 0.5) * 0.001;
      // Two towns and a thin countryside.
      const town = Math.exp(-((i - 10) ** 2 + (j - 12) ** 2) / 40) + 0.7 * Math.exp(-((i - 29) ** 2 + (j - 27) ** 2) / 60);
      const people = Math.round(5 + 400 * town * random.range(0.6, 1.4));
      points.push([lon, lat, people]);
      old.push(Math.round(people * 0.2));
      young.push(Math.round(people * 0.03));
    }
  }
  const facilities = [
    facility('D1', WEST + 0.0105, SOUTH + 0.0125, 'elder-daycare', 30),
    facility('R1', WEST + 0.011, SOUTH + 0.012, 'elder-regional-centre', 60, { comprehensive: true }),
    facility('N1', WEST + 0.01, SOUTH + 0.011, 'nursery', 40, { public: true }),
    facility('B1', WEST + 0.005, SOUTH + 0.005, 'broadcast-terminal'),
  ];
  const place = (id: string, kind: string, lon: number, lat: number): TargetPlace => ({ id, kind, name: id, lon, lat, properties: { id, kind } });
  const places = [
    place('P1', 'resettlement-site', WEST + 0.0055, SOUTH + 0.0052),
    place('P2', 'resettlement-site', WEST + 0.031, SOUTH + 0.008),
    place('P3', 'resettlement-site', WEST + 0.012, SOUTH + 0.033),
    place('P4', 'disaster-prone-village', WEST + 0.035, SOUTH + 0.036),
  ];
  return makeDataset({
    townships,
    counties: [county('C1', SOUTH), county('C2', SOUTH + STEP)],
    population: populationCells(points, { age60plus: old, age0_3: young }),
    facilities,
    places,
  });
}
