// The files planners really hand over, made by scripts/make-import-fixtures.ts: a GBK shapefile in
// CGCS2000 GK zone 34 (zipped, with zone prefix, no .cpg) and loose (CM 102°E, .cpg GBK), an
// Excel-style GBK CSV in GCJ-02 with Chinese headers, a BOM'd TSV with DMS, legacy `crs` members.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLayerFiles } from '../../scripts/lib/read-layer-files.ts';
import { guessFieldMapping } from '../../src/core/import/guess-field-mapping.ts';
import { importLayer, type ImportedLayer } from '../../src/core/import/import-layer.ts';
import { toAdminUnits, toFacilities } from '../../src/core/import/to-model.ts';
import { geodesicDistance } from '../helpers/geodesic-reference.ts';

const GOOD = join(import.meta.dirname, '..', 'fixtures', 'import', 'good');
const file = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(join(GOOD, name))) });
const truth = JSON.parse(readFileSync(join(GOOD, 'townships-truth-wgs84.geojson'), 'utf8')) as {
  features: Array<{ properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } }>;
};
const nurseryTruth = JSON.parse(readFileSync(join(GOOD, 'nurseries-truth-wgs84.json'), 'utf8')) as Array<{ name: string; lon: number; lat: number }>;

function positions(coordinates: unknown): number[][] {
  if (typeof (coordinates as unknown[])[0] === 'number') return [coordinates as number[]];
  return (coordinates as unknown[]).flatMap(positions);
}

/** Largest distance between a layer's vertices and the truth's (same vertices, any ring order). */
function worstVertexError(layer: ImportedLayer): number {
  let worst = 0;
  layer.features.forEach((feature, i) => {
    const expected = positions(truth.features[i].geometry.coordinates);
    const got = positions(feature.geometry && 'coordinates' in feature.geometry ? feature.geometry.coordinates : []);
    expect(got.length).toBe(expected.length);
    for (const p of expected) {
      const nearest = Math.min(...got.map((q) => geodesicDistance(p[0], p[1], q[0], q[1])));
      worst = Math.max(worst, nearest);
    }
  });
  return worst;
}

function expectTownships(layer: ImportedLayer, fieldNames = ['名称', '代码', '上级代码', '人口']): void {
  expect(layer.loadedCount).toBe(6);
  expect(layer.problemCount).toBe(0);
  expect(layer.features.map((f) => f.properties['名称'])).toEqual(truth.features.map((f) => f.properties['名称']));
  expect(layer.features.map((f) => f.properties['代码'])).toEqual(truth.features.map((f) => f.properties['代码']));
  expect(layer.fields).toEqual(fieldNames.map((name, i) => ({ name, numeric: i > 0 })));
  expect(layer.geometryTypes.sort()).toEqual(['MultiPolygon', 'Polygon']);
  // Shapefile rings come ESRI-wise (clockwise); the layer must hold RFC 7946 rings without noise.
  expect(layer.problems.filter((p) => p.code === 'wrong-winding')).toEqual([]);
  expect(worstVertexError(layer)).toBeLessThan(0.01);
}

describe('GBK shapefiles in CGCS2000 Gauss–Krüger zone 34', () => {
  it('zipped, zone prefix in the easting, no .cpg: EPSG:4522 from the .prj, GBK detected', async () => {
    const result = await importLayer([file('townships-gk34-prefix-gbk.zip')]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.format).toBe('shapefile');
    expect(result.value.crs).toEqual({ detected: 'EPSG:4522', applied: 'EPSG:4522', source: 'prj' });
    expect(result.value.encoding).toBe('gbk');
    expectTownships(result.value);
  });

  it('loose parts picked up by readLayerFiles, CM 102°E without prefix, .cpg GBK: EPSG:4543', async () => {
    const files = readLayerFiles(join(GOOD, 'townships-gk-cm102-gbk.shp'));
    expect(files.map((f) => f.name)).toEqual(['cpg', 'dbf', 'prj', 'shp', 'shx'].map((ext) => `townships-gk-cm102-gbk.${ext}`));
    const result = await importLayer(files);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.crs).toEqual({ detected: 'EPSG:4543', applied: 'EPSG:4543', source: 'prj' });
    expect(result.value.encoding).toBe('gbk');
    expectTownships(result.value);
  });

  it('the same in UTF-8 with a .cpg saying so (上级代码 is 12 bytes: cut to 10, half a character)', async () => {
    const result = await importLayer([file('townships-utf8.zip')]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.encoding).toBe('utf-8');
    expectTownships(result.value, ['名称', '代码', '上级代', '人口']);
  });

  it('the user can force the encoding (and gets mojibake, not a crash)', async () => {
    const result = await importLayer([file('townships-gk34-prefix-gbk.zip')], { encoding: 'utf-8' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.features[0].properties['名称']).toBeUndefined();
    expect(result.value.loadedCount).toBe(6);
  });

  it('GeoJSON with a legacy crs member (EPSG:4522 urn) is converted', async () => {
    const result = await importLayer([file('townships-gk34.geojson')]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.crs).toEqual({ detected: 'EPSG:4522', applied: 'EPSG:4522', source: 'crs-member' });
    expectTownships(result.value);
  });

  it('GeoJSON with crs EPSG:4490 is read as CGCS2000 lon/lat', async () => {
    const result = await importLayer([file('townships-crs-4490.geojson')]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.crs).toEqual({ detected: 'EPSG:4490', applied: 'EPSG:4490', source: 'crs-member' });
    expectTownships(result.value);
  });

  it('converts to admin units with the guessed mapping', async () => {
    const result = await importLayer([file('townships-gk34-prefix-gbk.zip')]);
    if (!result.ok) throw new Error(result.error.code);
    const mapping = guessFieldMapping(result.value, 'boundaries');
    expect(mapping).toMatchObject({ nameField: '名称', codeField: '代码', parentField: '上级代码' });
    const units = toAdminUnits(result.value, { nameField: '名称', codeField: '代码', parentField: '上级代码', level: 'township' });
    expect(units.ok).toBe(true);
    if (!units.ok) return;
    expect(units.value.problems).toEqual([]);
    expect(units.value.value[0]).toMatchObject({ code: '530402001', name: '玉兴街道', parentCode: '530402', level: 'township' });
  });
});

describe('Excel-style GBK CSV in GCJ-02', () => {
  it('detects GBK and the 经度/纬度 columns, and keeps every column', async () => {
    const result = await importLayer([file('nurseries-gcj02-gbk.csv')]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.encoding).toBe('gbk');
    expect(result.value.loadedCount).toBe(12);
    expect(result.value.fields.map((f) => f.name)).toEqual(['序号', '名称', '经度', '纬度', '床位数', '地址']);
    expect(result.value.features[0].properties['名称']).toBe(nurseryTruth[0].name);
    expect(result.value.features[0].properties['地址']).toBe('玉溪市红塔区');
  });

  it('with crs gcj02 lands on the WGS84 truth (file rounded to 1e-6°: < 0.2 m)', async () => {
    const result = await importLayer([file('nurseries-gcj02-gbk.csv')], { crs: 'gcj02' });
    if (!result.ok) throw new Error(result.error.code);
    result.value.features.forEach((feature, i) => {
      const [lon, lat] = (feature.geometry as { coordinates: number[] }).coordinates;
      expect(geodesicDistance(lon, lat, nurseryTruth[i].lon, nurseryTruth[i].lat)).toBeLessThan(0.2);
    });
  });

  it('without a crs, against reference points, suggests GCJ-02 and changes nothing', async () => {
    const referencePoints = nurseryTruth.map((n) => [n.lon, n.lat] as [number, number]);
    const result = await importLayer([file('nurseries-gcj02-gbk.csv')], { referencePoints });
    if (!result.ok) throw new Error(result.error.code);
    const problem = result.value.problems.find((p) => p.code === 'gcj02-offset-suspected');
    expect(problem?.fix).toEqual({ crs: 'gcj02' });
    expect(result.value.crs.applied).toBe('EPSG:4326');
    const [lon] = (result.value.features[0].geometry as { coordinates: number[] }).coordinates;
    expect(lon).toBe(Number(result.value.features[0].properties['经度']));
  });

  it('converts to facilities with 床位数 as capacity', async () => {
    const result = await importLayer([file('nurseries-gcj02-gbk.csv')], { crs: 'gcj02' });
    if (!result.ok) throw new Error(result.error.code);
    const mapping = guessFieldMapping(result.value, 'facilities');
    expect(mapping).toMatchObject({ nameField: '名称', capacityField: '床位数', idField: '序号' });
    const facilities = toFacilities(result.value, { ...mapping, type: 'nursery' });
    if (!facilities.ok) throw new Error(facilities.error.code);
    expect(facilities.value.value).toHaveLength(12);
    expect(facilities.value.value[0]).toMatchObject({ id: '1', type: 'nursery', name: nurseryTruth[0].name });
    expect(typeof facilities.value.value[0].capacity).toBe('number');
  });
});

describe('other text formats', () => {
  it('UTF-8 with BOM, tab-separated, degrees-minutes-seconds', async () => {
    const result = await importLayer([file('nurseries-dms-bom.tsv')]);
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.fields[0].name).toBe('名称');
    expect(result.value.loadedCount).toBe(5);
    result.value.features.forEach((feature, i) => {
      const [lon, lat] = (feature.geometry as { coordinates: number[] }).coordinates;
      expect(geodesicDistance(lon, lat, nurseryTruth[i].lon, nurseryTruth[i].lat)).toBeLessThan(0.5);
    });
  });

  it('newline-delimited GeoJSON', async () => {
    const result = await importLayer([file('nurseries.ndjson')]);
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.format).toBe('ndjson');
    expect(result.value.loadedCount).toBe(12);
  });
});

describe('recognising a GCJ-02 shift against boundaries already loaded', () => {
  it('boundary polygons from Amap are flagged against the WGS84 boundaries’ vertices; WGS84 ones are not', async () => {
    const gcoord = (await import('gcoord')).default;
    const vertices = truth.features.flatMap((feature) => positions(feature.geometry.coordinates)).map((p) => [p[0], p[1]] as [number, number]);
    const shifted = gcoord.transform(JSON.parse(JSON.stringify(truth)), gcoord.WGS84, gcoord.GCJ02);
    const amap = await importLayer([{ name: 'amap-boundaries.geojson', bytes: new TextEncoder().encode(JSON.stringify(shifted)) }], { referencePoints: vertices });
    if (!amap.ok) throw new Error(amap.error.code);
    expect(amap.value.problems.find((p) => p.code === 'gcj02-offset-suspected')?.fix).toEqual({ crs: 'gcj02' });
    const wgs = await importLayer([file('townships-truth-wgs84.geojson')], { referencePoints: vertices });
    if (!wgs.ok) throw new Error(wgs.error.code);
    expect(wgs.value.problems).toEqual([]);
  });
});
