// What-if editing: a prepared dataset with facilities added, moved or removed. Facilities that did
// not change keep their projected position and zones (copied); only new and moved ones are projected
// and located, and cells, zones and indexes are shared with the original — so an edit costs
// microseconds per changed facility, and the coverage and rule engines run on the result unchanged.

import type { Facility } from '../types.ts';
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import { locateZone } from '../geometry/projected-zones.ts';

export type FacilityEdit =
  | { kind: 'add'; facility: Facility }
  | { kind: 'move'; id: string; lon: number; lat: number }
  | { kind: 'remove'; id: string };

/** The facility list after the edits, in order (an edit naming an unknown id changes nothing). */
export function editedFacilities(facilities: Facility[], edits: FacilityEdit[]): Facility[] {
  let list = facilities;
  for (const edit of edits) {
    if (edit.kind === 'add') list = [...list, edit.facility];
    else if (edit.kind === 'remove') list = list.filter((f) => f.id !== edit.id);
    else list = list.map((f) => (f.id === edit.id ? { ...f, lon: edit.lon, lat: edit.lat } : f));
  }
  return list;
}

export function applyFacilityEdits(prepared: PreparedDataset, edits: FacilityEdit[]): PreparedDataset {
  const before = prepared.dataset.facilities;
  const after = editedFacilities(before, edits);
  const oldIndex = new Map(before.map((f, i) => [f, i]));
  const n = after.length;
  const x = new Float64Array(n), y = new Float64Array(n), scale = new Float64Array(n);
  const township = new Int32Array(n), county = new Int32Array(n), area = new Int32Array(n);
  after.forEach((facility, i) => {
    const old = oldIndex.get(facility);
    if (old !== undefined) {
      x[i] = prepared.facilities.x[old];
      y[i] = prepared.facilities.y[old];
      scale[i] = prepared.facilities.scale[old];
      township[i] = prepared.facilityTownship[old];
      county[i] = prepared.facilityCounty[old];
      area[i] = prepared.facilityArea[old];
      return;
    }
    [x[i], y[i]] = prepared.projection.forward(facility.lon, facility.lat);
    scale[i] = prepared.projection.scaleFactor(x[i], facility.lat);
    township[i] = locateZone(prepared.townships, x[i], y[i]);
    county[i] = locateZone(prepared.counties, x[i], y[i]);
    area[i] = locateZone(prepared.areas, x[i], y[i]);
  });
  return {
    ...prepared,
    dataset: { ...prepared.dataset, facilities: after },
    facilities: { x, y, scale },
    facilityTownship: township,
    facilityCounty: county,
    facilityArea: area,
  };
}
