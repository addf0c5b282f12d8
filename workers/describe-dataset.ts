// What the UI needs to know about the dataset held in the worker: a small summary (names, codes,
// facility types) and, once per load, the layers as GeoJSON for the map. Feature ids are the
// indices into the dataset's arrays, so the map can address features by index (feature-state).
import type { AdminUnit, Dataset, DatasetInfo } from '../src/core/types.ts';

export interface UnitSummary {
  code: string;
  name: string;
  parentCode?: string;
  parentName?: string;
  /** [west, south, east, north] */
  bbox: [number, number, number, number];
}

export interface FacilityTypeSummary {
  type: string;
  count: number;
  withCapacity: number;
}

export interface DatasetSummary {
  info: DatasetInfo;
  townships: UnitSummary[];
  counties: UnitSummary[];
  facilityTypes: FacilityTypeSummary[];
  placeKinds: { kind: string; count: number }[];
  areas: { code: string; name: string }[];
  cohorts: string[];
  cellCount: number;
  cellSizeMetres: number;
  totalPopulation: number;
  bbox: [number, number, number, number];
}

type Feature = { type: 'Feature'; id: number; geometry: unknown; properties: Record<string, unknown> };
export interface FeatureCollection {
  type: 'FeatureCollection';
  features: Feature[];
}

export interface MapLayers {
  townships: FeatureCollection;
  counties: FeatureCollection;
  facilities: FeatureCollection;
  places: FeatureCollection;
  areas: FeatureCollection;
}

function unitBBox(unit: AdminUnit): [number, number, number, number] {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  const polygons = unit.geometry.type === 'Polygon' ? [unit.geometry.coordinates] : unit.geometry.coordinates;
  for (const polygon of polygons) {
    for (const position of polygon[0] ?? []) {
      if (position[0] < west) west = position[0];
      if (position[0] > east) east = position[0];
      if (position[1] < south) south = position[1];
      if (position[1] > north) north = position[1];
    }
  }
  return [west, south, east, north];
}

export function describeDataset(dataset: Dataset): DatasetSummary {
  const countyNames = new Map(dataset.counties.map((county) => [county.code, county.name]));
  const townships = dataset.townships.map((unit) => ({
    code: unit.code,
    name: unit.name,
    parentCode: unit.parentCode,
    parentName: unit.parentCode ? countyNames.get(unit.parentCode) ?? String(unit.properties.county_name ?? '') : undefined,
    bbox: unitBBox(unit),
  }));
  const counties = dataset.counties.map((unit) => ({ code: unit.code, name: unit.name, bbox: unitBBox(unit) }));
  const types = new Map<string, FacilityTypeSummary>();
  for (const facility of dataset.facilities) {
    let entry = types.get(facility.type);
    if (!entry) types.set(facility.type, (entry = { type: facility.type, count: 0, withCapacity: 0 }));
    entry.count++;
    if (facility.capacity !== undefined && facility.capacity > 0) entry.withCapacity++;
  }
  const kinds = new Map<string, number>();
  for (const place of dataset.places) kinds.set(place.kind, (kinds.get(place.kind) ?? 0) + 1);
  let totalPopulation = 0;
  for (let i = 0; i < dataset.population.population.length; i++) totalPopulation += dataset.population.population[i];
  const boxes = [...townships, ...counties].map((unit) => unit.bbox);
  const bbox: [number, number, number, number] = boxes.length
    ? [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))]
    : [101.5, 23.3, 103.2, 24.9];
  return {
    info: dataset.info,
    townships,
    counties,
    facilityTypes: [...types.values()],
    placeKinds: [...kinds].map(([kind, count]) => ({ kind, count })),
    areas: dataset.areas.map((area) => ({ code: area.code, name: area.name })),
    cohorts: Object.keys(dataset.population.cohorts),
    cellCount: dataset.population.population.length,
    cellSizeMetres: dataset.population.cellSizeMetres ?? 250,
    totalPopulation,
    bbox,
  };
}

function unitFeatures(units: AdminUnit[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: units.map((unit, index) => ({
      type: 'Feature',
      id: index,
      geometry: unit.geometry,
      properties: { code: unit.code, name: unit.name, parent: unit.parentCode ?? '' },
    })),
  };
}

/** Scalar properties only: the map's tooltips show them as text. */
function scalarProperties(properties: Record<string, unknown>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(properties)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[key] = value;
  }
  return out;
}

export function datasetMapLayers(dataset: Dataset): MapLayers {
  return {
    townships: unitFeatures(dataset.townships),
    counties: unitFeatures(dataset.counties),
    areas: unitFeatures(dataset.areas),
    facilities: {
      type: 'FeatureCollection',
      features: dataset.facilities.map((facility, index) => ({
        type: 'Feature',
        id: index,
        geometry: { type: 'Point', coordinates: [facility.lon, facility.lat] },
        properties: { ...scalarProperties(facility.properties), type: facility.type, name: facility.name, capacity: facility.capacity ?? '' },
      })),
    },
    places: {
      type: 'FeatureCollection',
      features: dataset.places.map((place, index) => ({
        type: 'Feature',
        id: index,
        geometry: { type: 'Point', coordinates: [place.lon, place.lat] },
        properties: { ...scalarProperties(place.properties), kind: place.kind, name: place.name },
      })),
    },
  };
}

/** Population cells as flat arrays for the grid layer (lon, lat, population). */
export function populationPoints(dataset: Dataset): { lon: Float64Array; lat: Float64Array; population: Float64Array } {
  return dataset.population;
}
