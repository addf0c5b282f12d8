// What the UI needs to know about a dataset held in a worker: a small summary (names, codes,
// facility types) and, once per load, the layers as GeoJSON for the map. Feature ids are the
// indices into the dataset's arrays, so the map can address features by index (feature-state).
import type { Feature as GeoJsonFeature, FeatureCollection as GeoJsonFeatureCollection, Geometry } from 'geojson';
import type { AdminUnit, Dataset, DatasetInfo, Facility } from '../types.ts';
import { emptyBoundingBox, extendBoundingBox, unionBoundingBoxes, type BoundingBox } from '../geometry/bounding-box.ts';

/**
 * Characters of a name shown as a map label or in a list. Longer names (a 1 MB township name was
 * seen to stall MapLibre's label layout for good) are clipped with an ellipsis for display; the
 * data keeps them whole.
 */
export const LABEL_CHARS = 64;
/** Characters of any other text property a tooltip may show. */
const PROPERTY_DISPLAY_CHARS = 200;

export function clipLabel(text: string, max = LABEL_CHARS): string {
  if (text.length <= max) return text;
  // Code points, not UTF-16 units: enough units for max + 1 of them, so none is cut in half.
  const chars = Array.from(text.slice(0, 2 * max + 2));
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

export interface UnitSummary {
  code: string;
  name: string;
  parentCode?: string;
  parentName?: string;
  /** [west, south, east, north] of the outer rings. */
  bbox: BoundingBox;
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
  bbox: BoundingBox;
}

/** Features whose id is the index into the dataset's array. */
export type IndexedFeatureCollection = GeoJsonFeatureCollection<Geometry> & { features: (GeoJsonFeature<Geometry> & { id: number })[] };

export interface MapLayers {
  townships: IndexedFeatureCollection;
  counties: IndexedFeatureCollection;
  facilities: IndexedFeatureCollection;
  places: IndexedFeatureCollection;
  areas: IndexedFeatureCollection;
}

function unitBBox(unit: AdminUnit): BoundingBox {
  const box = emptyBoundingBox();
  const polygons = unit.geometry.type === 'Polygon' ? [unit.geometry.coordinates] : unit.geometry.coordinates;
  for (const polygon of polygons) extendBoundingBox(box, polygon[0] ?? []);
  return box;
}

export function describeDataset(dataset: Dataset): DatasetSummary {
  const countyNames = new Map(dataset.counties.map((county) => [county.code, county.name]));
  const townships = dataset.townships.map((unit) => ({
    code: unit.code,
    name: clipLabel(unit.name),
    parentCode: unit.parentCode,
    parentName: unit.parentCode ? clipLabel(countyNames.get(unit.parentCode) ?? String(unit.properties.county_name ?? '')) : undefined,
    bbox: unitBBox(unit),
  }));
  const counties = dataset.counties.map((unit) => ({ code: unit.code, name: clipLabel(unit.name), bbox: unitBBox(unit) }));
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
  // Without boundaries the map opens on the demo region's extent.
  const bbox = unionBoundingBoxes([...townships, ...counties].map((unit) => unit.bbox)) ?? [101.5, 23.3, 103.2, 24.9];
  return {
    info: { ...dataset.info, name: clipLabel(dataset.info.name, PROPERTY_DISPLAY_CHARS) },
    townships,
    counties,
    facilityTypes: [...types.values()],
    placeKinds: [...kinds].map(([kind, count]) => ({ kind, count })),
    areas: dataset.areas.map((area) => ({ code: area.code, name: clipLabel(area.name) })),
    cohorts: Object.keys(dataset.population.cohorts),
    cellCount: dataset.population.population.length,
    cellSizeMetres: dataset.population.cellSizeMetres ?? 250,
    totalPopulation,
    bbox,
  };
}

function unitFeatures(units: AdminUnit[]): IndexedFeatureCollection {
  return {
    type: 'FeatureCollection',
    features: units.map((unit, index) => ({
      type: 'Feature',
      id: index,
      geometry: unit.geometry,
      properties: { code: clipLabel(unit.code), name: clipLabel(unit.name), parent: clipLabel(unit.parentCode ?? '') },
    })),
  };
}

/** Scalar properties only: the map's tooltips show them as text. */
function scalarProperties(properties: Record<string, unknown>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(properties)) {
    if (typeof value === 'string') out[clipLabel(key)] = clipLabel(value, PROPERTY_DISPLAY_CHARS);
    else if (typeof value === 'number' || typeof value === 'boolean') out[clipLabel(key)] = value;
  }
  return out;
}

/** A facility as the map draws it (the facilities layer): its index, or a what-if edit's map id, as the feature id. */
export function facilityMapFeature(facility: Facility, id: number): MapLayers['facilities']['features'][number] {
  return {
    type: 'Feature',
    id,
    geometry: { type: 'Point', coordinates: [facility.lon, facility.lat] },
    properties: { ...scalarProperties(facility.properties), type: facility.type, name: clipLabel(facility.name), capacity: facility.capacity ?? '' },
  };
}

export function datasetMapLayers(dataset: Dataset): MapLayers {
  return {
    townships: unitFeatures(dataset.townships),
    counties: unitFeatures(dataset.counties),
    areas: unitFeatures(dataset.areas),
    facilities: { type: 'FeatureCollection', features: dataset.facilities.map((facility, index) => facilityMapFeature(facility, index)) },
    places: {
      type: 'FeatureCollection',
      features: dataset.places.map((place, index) => ({
        type: 'Feature',
        id: index,
        geometry: { type: 'Point', coordinates: [place.lon, place.lat] },
        properties: { ...scalarProperties(place.properties), kind: place.kind, name: clipLabel(place.name) },
      })),
    },
  };
}

