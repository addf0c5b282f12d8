// A prepared dataset with some facilities added: only the new facilities are projected and located
// (the cells, zones and indexes are shared with the original), so a proposal is evaluated by the
// same coverage engine and rule engine as the data it extends, in milliseconds. Existing facilities
// keep their indices; the new ones follow them.

import type { Facility } from '../types.ts';
import type { PreparedDataset, ProjectedPoints } from '../prepare/prepare-dataset.ts';
import { locateZone, type ProjectedZones } from '../geometry/projected-zones.ts';
import type { AttributeCondition, FacilityFilter } from '../coverage/coverage-types.ts';

function concatenate<T extends Float64Array | Int32Array>(a: T, b: ArrayLike<number>): T {
  const out = new (a.constructor as new (n: number) => T)(a.length + b.length);
  out.set(a);
  out.set(b as never, a.length);
  return out;
}

export function addFacilities(prepared: PreparedDataset, added: Facility[]): PreparedDataset {
  const { projection } = prepared;
  const { x, y } = projection.forwardArrays(
    added.map((f) => f.lon),
    added.map((f) => f.lat),
  );
  const scale = Float64Array.from(x, (px, i) => projection.scaleFactor(px, added[i].lat));
  const facilities: ProjectedPoints = {
    x: concatenate(prepared.facilities.x, x),
    y: concatenate(prepared.facilities.y, y),
    scale: concatenate(prepared.facilities.scale, scale),
  };
  const locate = (zones: ProjectedZones) => Int32Array.from(x, (px, i) => locateZone(zones, px, y[i]));
  return {
    ...prepared,
    dataset: { ...prepared.dataset, facilities: [...prepared.dataset.facilities, ...added] },
    facilities,
    facilityTownship: concatenate(prepared.facilityTownship, locate(prepared.townships)),
    facilityCounty: concatenate(prepared.facilityCounty, locate(prepared.counties)),
    facilityArea: concatenate(prepared.facilityArea, locate(prepared.areas)),
  };
}

function valueMeeting(condition: AttributeCondition): unknown {
  const v = condition.value;
  switch (condition.op) {
    case 'truthy':
      return true;
    case 'falsy':
      return false;
    case 'in':
      return Array.isArray(v) ? v[0] : v;
    case '=':
    case '>=':
    case '<=':
      return v;
    case '>':
      return Number(v) + 1;
    case '<':
      return Number(v) - 1;
    case '!=':
      return `not ${String(v)}`;
  }
}

/** Type and properties a new facility needs to be selected by `filter` (e.g. a rule's facilities). */
export function facilityMatching(filter: FacilityFilter, fallbackType: string): { type: string; properties: Record<string, unknown> } {
  const type = filter.types && filter.types.length > 0 ? (filter.types.includes(fallbackType) ? fallbackType : filter.types[0]) : fallbackType;
  const properties: Record<string, unknown> = {};
  for (const condition of filter.where ?? []) properties[condition.field] = valueMeeting(condition);
  return { type, properties };
}
