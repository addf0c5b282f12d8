// What-if edits: add, move or remove one facility and get the prepared dataset that results,
// without preparing the whole dataset again. Only the facility arrays change (a copy with one
// entry replaced, appended or taken out, the facility projected and located in its township,
// county and area); zones, cells, places and their indexes are shared with the original, which
// stays valid (edits never mutate). A new PreparedDataset object also means fresh caches: the
// rules' and analyseReach's caches are keyed by it.
import type { Facility } from '../types.ts';
import type { PreparedDataset, ProjectedPoints } from '../prepare/prepare-dataset.ts';
import { locateZone } from '../geometry/projected-zones.ts';
import { matchesFilter } from '../coverage/select-facilities.ts';
import { carryNearestDistances } from '../reach/analyse-reach.ts';
import { updateNearestDistance } from '../coverage/compute-nearest-distance.ts';

export type FacilityEdit =
  | { kind: 'add'; facility: Facility }
  | { kind: 'move'; index: number; lon: number; lat: number }
  | { kind: 'remove'; index: number };

/** Where an edit changed something, in the prepared plane: the old and/or new position of the facility. */
export interface EditedPositions {
  x: number[];
  y: number[];
}

export class FacilityEditError extends Error {
  readonly code = 'bad-facility-edit';
}

function checkIndex(prepared: PreparedDataset, index: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= prepared.dataset.facilities.length) {
    throw new FacilityEditError(`no facility ${index} (the dataset has ${prepared.dataset.facilities.length})`);
  }
}

function checkPosition(lon: number, lat: number): void {
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
    throw new FacilityEditError(`not a lon/lat position: ${lon}, ${lat}`);
  }
}

/** Copies `array` with entry `index` replaced (index < length), appended (index = length) or removed. */
function spliced<A extends Float64Array | Int32Array>(array: A, index: number, value: number | null): A {
  const Type = array.constructor as new (length: number) => A;
  if (value === null) {
    const out = new Type(array.length - 1);
    out.set(array.subarray(0, index) as ArrayLike<number>);
    out.set(array.subarray(index + 1) as ArrayLike<number>, index);
    return out;
  }
  const out = new Type(Math.max(array.length, index + 1));
  out.set(array as ArrayLike<number>);
  out[index] = value;
  return out;
}

/** The prepared dataset after one edit, and the positions it touched. */
export function applyFacilityEdit(prepared: PreparedDataset, edit: FacilityEdit): { prepared: PreparedDataset; touched: EditedPositions } {
  const facilities = prepared.dataset.facilities;
  const touched: EditedPositions = { x: [], y: [] };
  let index: number;
  let facility: Facility | null;
  if (edit.kind === 'add') {
    checkPosition(edit.facility.lon, edit.facility.lat);
    index = facilities.length;
    facility = edit.facility;
  } else {
    checkIndex(prepared, edit.index);
    index = edit.index;
    touched.x.push(prepared.facilities.x[index]);
    touched.y.push(prepared.facilities.y[index]);
    if (edit.kind === 'move') {
      checkPosition(edit.lon, edit.lat);
      facility = { ...facilities[index], lon: edit.lon, lat: edit.lat };
    } else facility = null;
  }
  let point: { x: number; y: number; scale: number } | null = null;
  if (facility) {
    const [x, y] = prepared.projection.forward(facility.lon, facility.lat);
    point = { x, y, scale: prepared.projection.scaleFactor(x, facility.lat) };
    touched.x.push(x);
    touched.y.push(y);
  }
  const nextFacilities = facilities.slice();
  if (facility) nextFacilities[index] = facility;
  else nextFacilities.splice(index, 1);
  const projected: ProjectedPoints = {
    x: spliced(prepared.facilities.x, index, point?.x ?? null),
    y: spliced(prepared.facilities.y, index, point?.y ?? null),
    scale: spliced(prepared.facilities.scale, index, point?.scale ?? null),
  };
  const zoneOf = (zones: PreparedDataset['townships']) => (point ? locateZone(zones, point.x, point.y) : null);
  return {
    prepared: {
      ...prepared,
      dataset: { ...prepared.dataset, facilities: nextFacilities },
      facilities: projected,
      facilityTownship: spliced(prepared.facilityTownship, index, zoneOf(prepared.townships)),
      facilityCounty: spliced(prepared.facilityCounty, index, zoneOf(prepared.counties)),
      facilityArea: spliced(prepared.facilityArea, index, zoneOf(prepared.areas)),
    },
    touched,
  };
}

/**
 * Edits in order (the index of each refers to the facilities after the edits before it), carrying
 * the cached nearest distances over: a filter that selects none of the edited facilities keeps
 * its result (moving a hospital leaves the nurseries' distances as they were); one that selects it
 * gets an update that asks the index again only for the cells that were nearest to it. The
 * what-if entry point the worker uses.
 */
export function editFacilities(prepared: PreparedDataset, edits: readonly FacilityEdit[]): PreparedDataset {
  let current = prepared;
  for (const edit of edits) {
    const beforeIndex = edit.kind === 'add' ? -1 : edit.index;
    const before = beforeIndex >= 0 ? current.dataset.facilities[beforeIndex] : null;
    const beforeAt: [number, number] | null = before ? [current.facilities.x[beforeIndex], current.facilities.y[beforeIndex]] : null;
    const next = applyFacilityEdit(current, edit).prepared;
    const afterIndex = edit.kind === 'add' ? next.dataset.facilities.length - 1 : edit.kind === 'move' ? edit.index : -1;
    const after = afterIndex >= 0 ? next.dataset.facilities[afterIndex] : null;
    const afterAt: [number, number] | null = after ? [next.facilities.x[afterIndex], next.facilities.y[afterIndex]] : null;
    carryNearestDistances(current, next, (entry) => {
      const { filter } = entry;
      const removed = before && beforeAt && matchesFilter(before.type, before.properties, filter) ? beforeAt : undefined;
      const added = after && afterAt && matchesFilter(after.type, after.properties, filter) ? afterAt : undefined;
      if (!removed && !added) return entry;
      const previous = entry.order ? { nearest: entry.nearest, order: entry.order } : entry.nearest;
      return { filter, ...updateNearestDistance(next, filter, previous, { removed, added }) };
    });
    current = next;
  }
  return current;
}
