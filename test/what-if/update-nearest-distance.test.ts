// Nearest distances carried over what-if edits (core/what-if/update-nearest-distance.ts: only the
// cells whose nearest facility changed are measured again and re-ordered, only their zones' median
// and p90 read again) equal computeNearestDistance on the edited data, exactly: per cell, and the
// median and p90 of every township, county and the region — through ties (cells on a lattice
// around facilities on lattice points, integer head counts so that a quantile often falls exactly on
// a cumulative share), a cell without people, the last facility of the service removed (every
// distance and quantile Infinity) and facilities added back.
import { describe, expect, it } from 'vitest';
import { prepareDataset, type PreparedDataset } from '../../src/core/prepare/prepare-dataset.ts';
import { computeNearestDistance } from '../../src/core/coverage/compute-nearest-distance.ts';
import { editFacilities, type FacilityEdit } from '../../src/core/what-if/edit-facilities.ts';
import { analyseReach } from '../../src/core/reach/analyse-reach.ts';
import { facility, makeDataset, populationCells, township } from '../helpers/make-dataset.ts';
import type { AdminUnit } from '../../src/core/types.ts';

const WEST = 102.5, SOUTH = 24.3, STEP = 0.002;
const square = (x0: number, y0: number, x1: number, y1: number) => ({ type: 'Polygon' as const, coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });

function latticeRegion() {
  // Four townships in two counties over a 20 × 20 lattice of cells.
  const size = 20 * STEP;
  const half = size / 2;
  const townships = [
    township('T1', square(WEST, SOUTH, WEST + half, SOUTH + half), 'C1'),
    township('T2', square(WEST + half, SOUTH, WEST + size, SOUTH + half), 'C1'),
    township('T3', square(WEST, SOUTH + half, WEST + half, SOUTH + size), 'C2'),
    township('T4', square(WEST + half, SOUTH + half, WEST + size, SOUTH + size), 'C2'),
  ];
  const county = (code: string, geometry: AdminUnit['geometry']): AdminUnit => ({ code, name: code, level: 'county', geometry, properties: {} });
  const points: Array<[number, number, number]> = [];
  for (let i = 0; i < 20; i++) for (let j = 0; j < 20; j++) points.push([WEST + (i + 0.5) * STEP, SOUTH + (j + 0.5) * STEP, i === 3 && j === 3 ? 0 : 1 + ((i * 7 + j * 3) % 5)]);
  const at = (i: number, j: number) => [WEST + (i + 0.5) * STEP, SOUTH + (j + 0.5) * STEP] as const;
  const facilities = [facility('A', ...at(4, 4), 'nursery'), facility('B', ...at(15, 5), 'nursery'), facility('C', ...at(9, 14), 'nursery'), facility('H', ...at(10, 10), 'clinic')];
  return {
    dataset: makeDataset({
      townships,
      counties: [county('C1', square(WEST, SOUTH, WEST + size, SOUTH + half)), county('C2', square(WEST, SOUTH + half, WEST + size, SOUTH + size))],
      population: populationCells(points),
      facilities,
    }),
    at,
  };
}

function expectSameNearest(actual: PreparedDataset, step: string): number {
  const filter = { types: ['nursery'] };
  const got = analyseReach(actual, { filter, reach: { kind: 'distance', metres: 500 }, discs: false }).nearest;
  const expected = computeNearestDistance(prepareDataset(actual.dataset), filter);
  expect(Array.from(got.cellDistance), `${step}: cells`).toEqual(Array.from(expected.cellDistance));
  for (const level of ['townships', 'counties', 'region'] as const) {
    expect(Array.from(got[level].median), `${step}: ${level} median`).toEqual(Array.from(expected[level].median));
    expect(Array.from(got[level].p90), `${step}: ${level} p90`).toEqual(Array.from(expected[level].p90));
  }
  return got.region.median[0];
}

describe('nearest distances over what-if edits', () => {
  it('equal a full computation after every edit, through ties, the last facility removed and facilities added back', () => {
    const { dataset, at } = latticeRegion();
    const edits: FacilityEdit[] = [
      { kind: 'move', id: 'A', lon: at(5, 5)[0], lat: at(5, 5)[1] },
      { kind: 'move', id: 'H', lon: at(1, 1)[0], lat: at(1, 1)[1] }, // another service: nothing changes
      { kind: 'add', facility: facility('D', ...at(14, 14), 'nursery') },
      { kind: 'remove', id: 'B' },
      { kind: 'remove', id: 'A' },
      { kind: 'remove', id: 'C' },
      { kind: 'remove', id: 'D' }, // no nursery left: every distance Infinity
      { kind: 'add', facility: facility('E', ...at(10, 9), 'nursery') },
      { kind: 'add', facility: facility('F', ...at(10, 9), 'nursery') }, // on top of E: ties everywhere
      { kind: 'move', id: 'E', lon: at(2, 17)[0], lat: at(2, 17)[1] },
    ];
    let current = prepareDataset(dataset);
    expectSameNearest(current, 'before');
    const regionMedians = edits.map((edit, n) => {
      current = editFacilities(current, [edit]);
      return expectSameNearest(current, `after edit ${n + 1} (${edit.kind})`);
    });
    expect(regionMedians[6]).toBe(Infinity);
    expect(Number.isFinite(regionMedians[7])).toBe(true);
  });
});
