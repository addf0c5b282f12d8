// GeoJSON shapes the importer produces (RFC 7946: WGS84 lon/lat, exterior rings counter-clockwise).
// Kept local to the import module; the coverage engine has its own narrower model in ../types.ts.

export type GeoJSONPosition = number[];

export type GeoJSONGeometry =
  | { type: 'Point'; coordinates: GeoJSONPosition }
  | { type: 'MultiPoint'; coordinates: GeoJSONPosition[] }
  | { type: 'LineString'; coordinates: GeoJSONPosition[] }
  | { type: 'MultiLineString'; coordinates: GeoJSONPosition[][] }
  | { type: 'Polygon'; coordinates: GeoJSONPosition[][] }
  | { type: 'MultiPolygon'; coordinates: GeoJSONPosition[][][] }
  | { type: 'GeometryCollection'; geometries: GeoJSONGeometry[] };

export type GeoJSONGeometryType = GeoJSONGeometry['type'];

export interface GeoJSONFeature {
  type: 'Feature';
  id?: string | number;
  geometry: GeoJSONGeometry | null;
  properties: Record<string, unknown>;
}

/** [west, south, east, north] in degrees. */
export type BBox = [number, number, number, number];
