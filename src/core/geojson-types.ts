// The few GeoJSON (RFC 7946) shapes the dataset model reads and the demo generator writes.
// Kept minimal on purpose: coordinates are WGS84 lon/lat.

export type GeoJsonPosition = number[];

export type GeoJsonGeometry =
  | { type: 'Point'; coordinates: GeoJsonPosition }
  | { type: 'MultiPoint'; coordinates: GeoJsonPosition[] }
  | { type: 'LineString'; coordinates: GeoJsonPosition[] }
  | { type: 'MultiLineString'; coordinates: GeoJsonPosition[][] }
  | { type: 'Polygon'; coordinates: GeoJsonPosition[][] }
  | { type: 'MultiPolygon'; coordinates: GeoJsonPosition[][][] };

export interface Feature<G extends GeoJsonGeometry | null = GeoJsonGeometry | null> {
  type: 'Feature';
  id?: string | number;
  geometry: G;
  properties: Record<string, unknown> | null;
}

export interface FeatureCollection<G extends GeoJsonGeometry | null = GeoJsonGeometry | null> {
  type: 'FeatureCollection';
  /** Non-standard but common (GDAL writes it): the layer's name. */
  name?: string;
  /** Foreign member: free text about the layer (the demo says its geometry is synthetic). */
  description?: string;
  features: Array<Feature<G>>;
}
