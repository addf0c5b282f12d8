// What-if edits (editFacilities: applyFacilityEdits plus the nearest distances carried over) give
// the same answers as preparing the edited dataset from scratch: facility arrays and zone
// assignment, coverage, and nearest distances updated incrementally (the cells' order merged, not
// sorted again), for add, move and remove, chained.
import { describe, expect, it } from 'vitest';
import { prepareDataset, type PreparedDataset } from '../../src/core/prepare/prepare-dataset.ts';
import { computeNearestDistance } from '../../src/core/coverage/compute-nearest-distance.ts';
import { analyseReach } from '../../src/core/reach/analyse-reach.ts';
import { editFacilities, type FacilityEdit } from '../../src/core/what-if/edit-facilities.ts';
import type { Dataset, Facility } from '../../src/core/types.ts';
import { tinyRegion } from '../rules/tiny-region.ts';

const nurseries = { types: ['nursery'] };
const request = { filter: nurseries, reach: { kind: 'distance' as const, metres: 800 }, cohort: 'age0_3' };

/** The dataset with the same edits applied by hand. */
function editedByHand(dataset: Dataset, edits: FacilityEdit[]): Dataset {
  const facilities = dataset.facilities.slice();
  for (const edit of edits) {
    if (edit.kind === 'add') facilities.push(edit.facility);
    else {
      const at = facilities.findIndex((facility) => facility.id === edit.id);
      if (at < 0) continue; // an unknown id changes nothing
      if (edit.kind === 'move') facilities[at] = { ...facilities[at], lon: edit.lon, lat: edit.lat };
      else facilities.splice(at, 1);
    }
  }
  return { ...dataset, facilities };
}

function expectSamePrepared(actual: PreparedDataset, expected: PreparedDataset): void {
  expect(actual.dataset.facilities).toEqual(expected.dataset.facilities);
  expect(Array.from(actual.facilities.x)).toEqual(Array.from(expected.facilities.x));
  expect(Array.from(actual.facilities.scale)).toEqual(Array.from(expected.facilities.scale));
  expect(Array.from(actual.facilityTownship)).toEqual(Array.from(expected.facilityTownship));
  expect(Array.from(actual.facilityCounty)).toEqual(Array.from(expected.facilityCounty));
  expect(Array.from(actual.facilityArea)).toEqual(Array.from(expected.facilityArea));
}

function expectSameAnalysis(actual: PreparedDataset, expected: PreparedDataset): void {
  const a = analyseReach(actual, request);
  const b = analyseReach(expected, request);
  expect(Array.from(a.coverage.townships.coveredPopulation)).toEqual(Array.from(b.coverage.townships.coveredPopulation));
  expect(Array.from(a.coverage.townships.coveredAreaKm2)).toEqual(Array.from(b.coverage.townships.coveredAreaKm2));
  expect(Array.from(a.coverage.townships.facilityCount)).toEqual(Array.from(b.coverage.townships.facilityCount));
  expect(Array.from(a.nearest.cellDistance)).toEqual(Array.from(b.nearest.cellDistance));
  expect(Array.from(a.nearest.townships.median)).toEqual(Array.from(b.nearest.townships.median));
  expect(Array.from(a.nearest.townships.p90)).toEqual(Array.from(b.nearest.townships.p90));
  expect(Array.from(a.nearest.region.median)).toEqual(Array.from(b.nearest.region.median));
}

describe('what-if facility edits', () => {
  const dataset = tinyRegion();
  const newNursery: Facility = { id: 'N9', type: 'nursery', name: 'N9', lon: 102.512, lat: 24.318, capacity: 4, properties: {} };

  const cases: [string, FacilityEdit[]][] = [
    ['move a nursery into another township', [{ kind: 'move', id: 'N1', lon: 102.505, lat: 24.335 }]],
    ['add a nursery', [{ kind: 'add', facility: newNursery }]],
    ['remove a nursery', [{ kind: 'remove', id: 'N1' }]],
    ['add, move it, remove another (chained)', [{ kind: 'add', facility: newNursery }, { kind: 'move', id: 'N9', lon: 102.52, lat: 24.31 }, { kind: 'remove', id: 'N1' }]],
    ['move a hospital (the nurseries’ distances are kept)', [{ kind: 'move', id: 'H1', lon: 102.53, lat: 24.33 }]],
    ['an edit naming no facility', [{ kind: 'remove', id: 'nobody' }]],
  ];

  for (const [name, edits] of cases) {
    it(`${name}: equals preparing the edited dataset`, () => {
      const prepared = prepareDataset(dataset);
      analyseReach(prepared, request); // the app has analysed before the planner edits: distances are cached
      const edited = editFacilities(prepared, edits);
      const reference = prepareDataset(editedByHand(dataset, edits));
      expectSamePrepared(edited, reference);
      expectSameAnalysis(edited, reference);
      expect(edited.cellIndex).toBe(prepared.cellIndex); // shared: nothing was prepared again
      // The original stays as it was.
      expect(prepared.dataset.facilities).toBe(dataset.facilities);
      expect(Array.from(analyseReach(prepared, request).nearest.cellDistance)).toEqual(Array.from(computeNearestDistance(prepareDataset(dataset), nurseries).cellDistance));
    });
  }

});
