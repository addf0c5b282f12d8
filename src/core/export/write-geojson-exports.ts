// GeoJSON layers for GIS: townships with their table figures, gaps, isochrones and proposed sites.
// Each is an RFC 7946 FeatureCollection (WGS84 lon/lat) with a `name` and, for synthetic data, the
// notice as `description` (foreign members GDAL also writes and reads).

import type { Feature, FeatureCollection } from '../geojson-types.ts';
import type { ExportTable } from './export-table.ts';

export interface GeoJsonExportOptions {
  /** Set for a synthetic dataset: carried as the collection's description. */
  notice?: string;
}

export function geoJsonCollection(name: string, features: Feature[], options: GeoJsonExportOptions = {}): FeatureCollection {
  return { type: 'FeatureCollection', name, ...(options.notice ? { description: options.notice } : {}), features };
}

/** Table rows joined to their geometries (row i ↔ geometry i) as a named collection. */
export function tableToGeoJson(table: ExportTable, geometries: Feature['geometry'][], options: GeoJsonExportOptions = {}): FeatureCollection {
  const features: Feature[] = table.rows.map((row, i) => ({ type: 'Feature', geometry: geometries[i] ?? null, properties: { ...row } }));
  return geoJsonCollection(table.name, features, options);
}
