// GeoParquet 1.1 writer over hyparquet-writer (pure JS, browser and Node): attribute columns plus
// a WKB `geometry` column and the file's `geo` metadata (encoding, geometry types, bbox; no `crs`
// member, which GeoParquet reads as OGC:CRS84 — lon/lat on WGS84, what the layers hold). Rows are
// written in chunks of CHUNK_ROWS so a province's 39 M cells never become one array of WKB buffers;
// the geometry column is plain BYTE_ARRAY (not Parquet's newer GEOMETRY logical type) so that
// DuckDB, Apache Sedona, GDAL and BigQuery of today all read it.

import { ParquetWriter, geojsonToWkb, schemaFromColumnData, type Writer } from 'hyparquet-writer';
import type { RunOptions } from '../types.ts';
import { throwIfAborted } from '../types.ts';

export type GeoParquetGeometry = { type: 'Point'; coordinates: number[] } | { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };

export interface GeoParquetColumn {
  name: string;
  type: 'STRING' | 'DOUBLE' | 'INT32';
  value: (row: number) => string | number | null;
}

export interface GeoParquetLayer {
  rows: number;
  columns: GeoParquetColumn[];
  geometry: (row: number) => GeoParquetGeometry;
  geometryTypes: ('Point' | 'Polygon' | 'MultiPolygon')[];
  /** [west, south, east, north] of every geometry. */
  bbox: [number, number, number, number];
}

export const CHUNK_ROWS = 100_000;

/** The `geo` file metadata of GeoParquet 1.1 for a layer. */
function geoMetadata(layer: GeoParquetLayer): string {
  return JSON.stringify({
    version: '1.1.0',
    primary_column: 'geometry',
    columns: { geometry: { encoding: 'WKB', geometry_types: layer.geometryTypes, bbox: layer.bbox, edges: 'planar' } },
  });
}

function chunkColumns(layer: GeoParquetLayer, from: number, to: number) {
  const rows = Array.from({ length: to - from }, (_, k) => from + k);
  return [
    ...layer.columns.map((column) => ({ name: column.name, type: column.type, data: rows.map((row) => column.value(row)) })),
    { name: 'geometry', type: 'BYTE_ARRAY' as const, data: rows.map((row) => geojsonToWkb(layer.geometry(row) as Parameters<typeof geojsonToWkb>[0])) },
  ];
}

/** Writes one layer as a GeoParquet file through a hyparquet-writer Writer (ByteWriter, or fileWriter in Node). */
export async function writeGeoParquet(writer: Writer, layer: GeoParquetLayer, run: RunOptions = {}): Promise<void> {
  const first = chunkColumns(layer, 0, Math.min(layer.rows, CHUNK_ROWS));
  // With no rows the schema cannot be guessed from data: give every column one value to read types from.
  const sample = layer.rows > 0 ? first : first.map((column) => ({ ...column, data: [column.type === 'STRING' ? '' : column.type === 'BYTE_ARRAY' ? new Uint8Array(0) : 0] }));
  const schema = schemaFromColumnData({ columnData: sample });
  const parquet = new ParquetWriter({ writer, schema, kvMetadata: [{ key: 'geo', value: geoMetadata(layer) }], createdBy: 'gapmap' });
  for (let from = 0; from < layer.rows; from += CHUNK_ROWS) {
    throwIfAborted(run.signal);
    run.onProgress?.(from / layer.rows, 'geoparquet');
    const columnData = from === 0 ? first : chunkColumns(layer, from, Math.min(layer.rows, from + CHUNK_ROWS));
    await parquet.write({ columnData, rowGroupSize: CHUNK_ROWS });
  }
  parquet.finish();
  run.onProgress?.(1, 'geoparquet');
}
