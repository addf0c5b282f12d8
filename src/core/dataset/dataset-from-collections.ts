// Builds the core Dataset from GeoJSON FeatureCollections (townships, counties, facilities,
// target places, areas of interest) and population cells. The demo files, the generator and the
// Node loader all go through here, so they agree by construction.
// Property conventions: units carry `code` and `name` (townships also `county_code`); facilities
// `id`, `type`, `name`, `capacity`; places `id`, `kind`, `name`; areas `id` (or `code`) and `name`.
import type { Feature, FeatureCollection, GeoJsonGeometry } from '../geojson-types.ts';
import type { AdminLevel, AdminUnit, AreaGeometry, Dataset, DatasetInfo, Facility, PopulationCells, Properties, TargetPlace } from '../types.ts';

export interface DatasetCollections {
  townships: FeatureCollection;
  counties?: FeatureCollection;
  facilities?: FeatureCollection;
  places?: FeatureCollection;
  areas?: FeatureCollection;
  population: PopulationCells;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;

function isArea(geometry: GeoJsonGeometry | null): geometry is AreaGeometry & GeoJsonGeometry {
  return geometry !== null && (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon');
}

function describe(layer: string, index: number, feature: Feature): string {
  const name = text(feature.properties?.name) ?? text(feature.properties?.code) ?? text(feature.id);
  return `${layer} feature ${index}${name ? ` (${name})` : ''}`;
}

function toUnits(collection: FeatureCollection | undefined, layer: string, level: AdminLevel): AdminUnit[] {
  if (!collection) return [];
  return collection.features.map((feature, index) => {
    if (!isArea(feature.geometry)) throw new Error(`${describe(layer, index, feature)}: expected a Polygon or MultiPolygon`);
    const properties: Properties = { ...(feature.properties ?? {}) };
    const code = text(properties.code) ?? text(properties.id) ?? text(feature.id) ?? `${layer}-${index}`;
    const unit: AdminUnit = { code, name: text(properties.name) ?? code, level, geometry: feature.geometry, properties };
    const parent = text(properties.county_code) ?? text(properties.parent_code);
    if (parent !== undefined) unit.parentCode = parent;
    return unit;
  });
}

function pointOf(feature: Feature, layer: string, index: number): [number, number] {
  const geometry = feature.geometry;
  if (geometry === null || geometry.type !== 'Point') throw new Error(`${describe(layer, index, feature)}: expected a Point`);
  const [lon, lat] = geometry.coordinates;
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) throw new Error(`${describe(layer, index, feature)}: coordinates are not numbers`);
  return [lon, lat];
}

/** Position, properties and id of a point feature; `kindField` names its category (type or kind). */
function pointBasics(feature: Feature, layer: string, index: number, kindField: 'type' | 'kind', fallbackKind: string) {
  const [lon, lat] = pointOf(feature, layer, index);
  const properties: Properties = { ...(feature.properties ?? {}) };
  const kind = text(properties[kindField]) ?? fallbackKind;
  const id = text(properties.id) ?? text(feature.id) ?? `${kind}-${index}`;
  return { lon, lat, properties, kind, id, name: text(properties.name) ?? id };
}

function toFacilities(collection: FeatureCollection | undefined): Facility[] {
  if (!collection) return [];
  return collection.features.map((feature, index) => {
    const { lon, lat, properties, kind, id, name } = pointBasics(feature, 'facilities', index, 'type', 'facility');
    const facility: Facility = { id, type: kind, name, lon, lat, properties };
    const capacity = typeof properties.capacity === 'string' ? Number(properties.capacity) : properties.capacity;
    if (typeof capacity === 'number' && Number.isFinite(capacity)) facility.capacity = capacity;
    return facility;
  });
}

function toPlaces(collection: FeatureCollection | undefined): TargetPlace[] {
  if (!collection) return [];
  return collection.features.map((feature, index) => {
    const { lon, lat, properties, kind, id, name } = pointBasics(feature, 'places', index, 'kind', 'place');
    return { id, kind, name, lon, lat, properties };
  });
}

/** Throws an Error naming the layer and feature when a feature has the wrong geometry type. */
export function datasetFromCollections(input: DatasetCollections, info: DatasetInfo): Dataset {
  return {
    info,
    townships: toUnits(input.townships, 'townships', 'township'),
    counties: toUnits(input.counties, 'counties', 'county'),
    facilities: toFacilities(input.facilities),
    population: input.population,
    places: toPlaces(input.places),
    areas: toUnits(input.areas, 'areas', 'city'),
  };
}
