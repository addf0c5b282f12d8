// GeoJSON (RFC 7946: WGS84 lon/lat) types, from @types/geojson, in the shapes gapmap uses:
// - the dataset model's: geometries without GeometryCollection, properties an object or null;
// - the importer's: any geometry (a GeometryCollection too) or none, properties always an object.
import type { Feature as GeoJsonFeature, FeatureCollection as GeoJsonFeatureCollection, Geometry, GeometryCollection, Position } from 'geojson';

export type GeoJsonPosition = Position;

/** Every GeoJSON geometry, as a file may hold it. */
export type AnyGeoJsonGeometry = Geometry;

export type GeoJsonGeometryType = Geometry['type'];

/** The geometries the dataset model reads and the exports write. */
export type GeoJsonGeometry = Exclude<Geometry, GeometryCollection>;

export type Feature<G extends GeoJsonGeometry | null = GeoJsonGeometry | null> = GeoJsonFeature<G, Record<string, unknown> | null>;

export type FeatureCollection<G extends GeoJsonGeometry | null = GeoJsonGeometry | null> = GeoJsonFeatureCollection<G, Record<string, unknown> | null> & {
  /** Non-standard but common (GDAL writes it): the layer's name. */
  name?: string;
  /** Foreign member: free text about the layer (the demo says its geometry is synthetic). */
  description?: string;
};

/** A feature as the importer produces it (safe repairs applied; properties never dropped). */
export type ImportedFeature = GeoJsonFeature<Geometry | null, Record<string, unknown>>;
