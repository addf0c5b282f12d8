// GeoParquet export read back with hyparquet (an independent reader): row counts, the `geo`
// metadata of GeoParquet 1.1, geometries (coordinates bit for bit), attributes with Chinese text,
// the township/county each point was assigned to, chunked row groups, and an empty layer.
import { describe, expect, it } from 'vitest';
import { ByteWriter } from 'hyparquet-writer';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { prepareDataset } from '../../src/core/prepare/prepare-dataset.ts';
import { preparedLayers } from '../../src/core/geoparquet/prepared-layers.ts';
import { CHUNK_ROWS, writeGeoParquet, type GeoParquetLayer } from '../../src/core/geoparquet/write-geoparquet.ts';
import type { AreaGeometry } from '../../src/core/types.ts';
import { facility, makeDataset, populationCells, township } from '../helpers/make-dataset.ts';

const square = (w: number, s: number, e: number, n: number): AreaGeometry => ({ type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] });

async function roundTrip(layer: GeoParquetLayer) {
  const writer = new ByteWriter();
  await writeGeoParquet(writer, layer);
  const file = writer.getBuffer();
  const metadata = parquetMetadata(file);
  const rows = (await parquetReadObjects({ file })) as Record<string, unknown>[];
  const geo = JSON.parse(metadata.key_value_metadata?.find((kv) => kv.key === 'geo')?.value ?? 'null');
  return { metadata, rows, geo };
}

// Two townships side by side; cells on a 0.001° grid; two facilities with Chinese names.
const N = CHUNK_ROWS + 2_345; // crosses a chunk (row group) boundary
const cells: [number, number, number][] = Array.from({ length: N }, (_, i) => [102 + (i % 400) * 0.0005 + 0.00025, 24 + Math.floor(i / 400) * 0.0001 + 0.00005, (i % 7) + 0.5]);
const dataset = makeDataset({
  townships: [township('530402001', square(102, 24, 102.1, 24.1), '530402'), township('530402002', square(102.1, 24, 102.2, 24.1), '530402')],
  counties: [{ code: '530402', name: '红塔区', level: 'county', geometry: square(102, 24, 102.2, 24.1), properties: {} }],
  facilities: [facility('托育-1', 102.05, 24.05, 'nursery', 40, { 名称: '玉兴托育园' }), facility('托育-2', 102.15, 24.05, 'nursery')],
  population: populationCells(cells, { age60plus: cells.map((c) => c[2] / 5) }),
});
const prepared = prepareDataset(dataset);
const layers = preparedLayers(prepared);

describe('GeoParquet export of the prepared layers', () => {
  it('townships: polygons and codes, with GeoParquet 1.1 metadata', async () => {
    const { rows, geo, metadata } = await roundTrip(layers.townships);
    expect(geo).toMatchObject({ version: '1.1.0', primary_column: 'geometry', columns: { geometry: { encoding: 'WKB', geometry_types: ['Polygon'], bbox: [102, 24, 102.2, 24.1] } } });
    expect(geo.columns.geometry.crs).toBeUndefined(); // absent = OGC:CRS84
    expect(Number(metadata.num_rows)).toBe(2);
    expect(rows.map((r) => [r.code, r.county_code])).toEqual([['530402001', '530402'], ['530402002', '530402']]);
    expect(rows[1].geometry).toEqual(dataset.townships[1].geometry);
  });

  it('facilities: points, Chinese attributes, null capacity, assigned township', async () => {
    const { rows } = await roundTrip(layers.facilities);
    expect(rows.map((r) => [r.id, r.capacity, r.township_code])).toEqual([['托育-1', 40, '530402001'], ['托育-2', null, '530402002']]);
    expect(JSON.parse(String(rows[0].properties)).名称).toBe('玉兴托育园');
    expect(rows[0].geometry).toEqual({ type: 'Point', coordinates: [102.05, 24.05] });
  });

  it('population: every cell in chunked row groups, bit-exact coordinates, cohorts and townships', async () => {
    const { rows, metadata } = await roundTrip(layers.population);
    expect(metadata.row_groups.length).toBe(2);
    expect(rows.length).toBe(N);
    for (const i of [0, 1, CHUNK_ROWS - 1, CHUNK_ROWS, N - 1]) {
      expect(rows[i].geometry).toEqual({ type: 'Point', coordinates: [cells[i][0], cells[i][1]] });
      expect(rows[i].population).toBe(cells[i][2]);
      expect(rows[i].age60plus).toBe(cells[i][2] / 5);
      expect(rows[i].township_code).toBe(cells[i][0] < 102.1 ? '530402001' : '530402002');
    }
    // A GROUP BY township_code reproduces the engine's per-township totals.
    const byTownship = new Map<string, number>();
    for (const row of rows) byTownship.set(String(row.township_code), (byTownship.get(String(row.township_code)) ?? 0) + Number(row.population));
    const expected = new Map<string, number>();
    prepared.cellTownship.forEach((t, i) => expected.set(dataset.townships[t].code, (expected.get(dataset.townships[t].code) ?? 0) + cells[i][2]));
    for (const [code, total] of expected) expect(byTownship.get(code)).toBeCloseTo(total, 6);
  });

  it('an empty layer is a valid file with no rows', async () => {
    const { rows, geo } = await roundTrip(layers.places);
    expect(rows).toEqual([]);
    expect(geo.columns.geometry.encoding).toBe('WKB');
  });
});
