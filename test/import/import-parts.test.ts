// The importer's small parts: coordinate cells, CRS names and .prj files, encodings, progress and
// cancellation, converters and field guesses.
import { describe, expect, it } from 'vitest';
import { describeCrs, gaussKrugerForPrefixedEasting, listCrsChoices } from '../../src/core/import/coordinate-systems.ts';
import { detectEncoding, normalizeEncodingLabel } from '../../src/core/import/decode-text.ts';
import { findCoordinateColumns } from '../../src/core/import/find-coordinate-columns.ts';
import { guessFieldMapping } from '../../src/core/import/guess-field-mapping.ts';
import { importLayer } from '../../src/core/import/import-layer.ts';
import { parseCoordinateValue } from '../../src/core/import/parse-coordinate-value.ts';
import { readPrj } from '../../src/core/import/parse-prj.ts';
import { toAdminUnits, toFacilities, toPopulationCells, toTargetPlaces } from '../../src/core/import/to-model.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('coordinate cells', () => {
  it.each([
    ['102.5467', 102.5467],
    [' 24.352 ', 24.352],
    ['-12.5', -12.5],
    [`102°32'45.6"E`, 102 + 32 / 60 + 45.6 / 3600],
    ['102°32′45.6″', 102 + 32 / 60 + 45.6 / 3600],
    [`E102°32'45.6"`, 102 + 32 / 60 + 45.6 / 3600],
    ['102度32分45.6秒', 102 + 32 / 60 + 45.6 / 3600],
    ['东经102度32分', 102 + 32 / 60],
    ['24°21.5\'N', 24 + 21.5 / 60],
    [`33°52'S`, -(33 + 52 / 60)],
    ['102:32:45.6', 102 + 32 / 60 + 45.6 / 3600],
    ['102 32 45.6', 102 + 32 / 60 + 45.6 / 3600],
    ['34512345.67', 34512345.67],
  ])('%s', (text, expected) => {
    expect(parseCoordinateValue(text)).toBeCloseTo(expected, 10);
  });
  it.each(['', 'abc', '102°75\'', '1.5°30\'', '102,5', '12 34 56 78'])('rejects %s', (text) => {
    expect(parseCoordinateValue(text)).toBeNaN();
  });
});

describe('coordinate columns', () => {
  it.each([
    [['名称', '经度', '纬度'], { kind: 'pair', lon: '经度', lat: '纬度' }],
    [['name', 'lng', 'lat'], { kind: 'pair', lon: 'lng', lat: 'lat' }],
    [['NAME', 'Longitude', 'Latitude'], { kind: 'pair', lon: 'Longitude', lat: 'Latitude' }],
    [['FID', 'POINT_X', 'POINT_Y'], { kind: 'pair', lon: 'POINT_X', lat: 'POINT_Y' }],
    [['id', 'x', 'y'], { kind: 'pair', lon: 'x', lat: 'y' }],
    [['名称', '经度(GCJ02)', '纬度(GCJ02)'], { kind: 'pair', lon: '经度(GCJ02)', lat: '纬度(GCJ02)' }],
    [['name', 'gcj_lng', 'gcj_lat'], { kind: 'pair', lon: 'gcj_lng', lat: 'gcj_lat' }],
    [['name', 'location'], { kind: 'combined', column: 'location' }],
  ])('%j', (header, expected) => {
    expect(findCoordinateColumns(header)).toEqual(expected);
  });
  it('reads a combined "lng,lat" column', async () => {
    const result = await importLayer([{ name: 'amap.csv', bytes: utf8('name\tlocation\nA\t"102.5,24.3"\n') }]);
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.features[0].geometry).toEqual({ type: 'Point', coordinates: [102.5, 24.3] });
  });
});

describe('coordinate systems', () => {
  it('names the CGCS2000 GK families by EPSG code', () => {
    expect(describeCrs('EPSG:4513')).toMatchObject({ centralMeridian: 75, falseEasting: 25_500_000, zonePrefix: 25 });
    expect(describeCrs('EPSG:4522')).toMatchObject({ centralMeridian: 102, falseEasting: 34_500_000, zonePrefix: 34 });
    expect(describeCrs('EPSG:4533')).toMatchObject({ centralMeridian: 135, falseEasting: 45_500_000 });
    expect(describeCrs('4543')).toMatchObject({ id: 'EPSG:4543', centralMeridian: 102, falseEasting: 500_000 });
    expect(describeCrs('EPSG:4554')).toMatchObject({ centralMeridian: 135 });
    expect(describeCrs('EPSG:4491')).toMatchObject({ centralMeridian: 75, falseEasting: 13_500_000 });
    expect(describeCrs('EPSG:4496')).toMatchObject({ centralMeridian: 105, falseEasting: 18_500_000 });
    expect(describeCrs('EPSG:4512')).toMatchObject({ centralMeridian: 135, falseEasting: 500_000 });
    expect(describeCrs('urn:ogc:def:crs:EPSG::4490')?.kind).toBe('geographic');
    expect(describeCrs('urn:ogc:def:crs:OGC:1.3:CRS84')?.id).toBe('EPSG:4326');
    expect(describeCrs('GCJ-02')?.id).toBe('gcj02');
    expect(describeCrs('baidu')?.id).toBe('bd09');
    expect(describeCrs('EPSG:9999')).toBeUndefined();
    expect(listCrsChoices().length).toBe(4 + 42 + 22 + 1);
  });
  it('tells the zone from a prefixed easting', () => {
    expect(gaussKrugerForPrefixedEasting(34_512_345)?.id).toBe('EPSG:4522');
    expect(gaussKrugerForPrefixedEasting(18_400_000)?.id).toBe('EPSG:4496');
    expect(gaussKrugerForPrefixedEasting(512_345)).toBeUndefined();
  });
  it('reads .prj files from ArcGIS and QGIS', () => {
    expect(readPrj('PROJCS["CGCS2000 / 3-degree Gauss-Kruger zone 34",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",102],PARAMETER["scale_factor",1],PARAMETER["false_easting",34500000],PARAMETER["false_northing",0],UNIT["metre",1],AUTHORITY["EPSG","4522"]]')?.info.id).toBe('EPSG:4522');
    expect(readPrj('PROJCS["whatever",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["Central_Meridian",102.0],UNIT["Meter",1.0]]')?.info.id).toBe('EPSG:4543');
    expect(readPrj('GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]')?.info.id).toBe('EPSG:4490');
    const xian = readPrj('PROJCS["Xian_1980_GK_Zone_34",GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257]]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",34500000.0],PARAMETER["Central_Meridian",102.0],UNIT["Meter",1.0]]');
    expect(xian?.foreignDatum).toBe('D_Xian_1980');
    expect(xian?.info.proj4).toContain('+a=6378140');
    expect(readPrj('PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]]],PROJECTION["Mercator_Auxiliary_Sphere"]]')?.info.id).toBe('EPSG:3857');
    expect(readPrj('garbage')).toBeUndefined();
  });
  it('a user-chosen proj4 string works, a broken one is an unknown-crs error', async () => {
    const bytes = utf8(JSON.stringify({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [500000, 2694367.3] } }));
    const good = await importLayer([{ name: 'p.geojson', bytes }], { crs: '+proj=tmerc +lat_0=0 +lon_0=102 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m' });
    if (!good.ok) throw new Error(good.error.code);
    expect((good.value.features[0].geometry as { coordinates: number[] }).coordinates[0]).toBeCloseTo(102, 6);
    const bad = await importLayer([{ name: 'p.geojson', bytes }], { crs: '+proj=nonsense' });
    expect(bad.ok ? 'ok' : bad.error.code).toBe('unknown-crs');
  });
  it('suggests swapping and applies the swap only when asked', async () => {
    const bytes = utf8('名称,经度,纬度\n甲,24.35,102.55\n');
    const first = await importLayer([{ name: 's.csv', bytes }]);
    if (!first.ok) throw new Error(first.error.code);
    expect(first.value.problems.find((p) => p.code === 'swapped-lat-lon')?.fix).toEqual({ swapLonLat: true });
    expect(first.value.loadedCount).toBe(0);
    const fixed = await importLayer([{ name: 's.csv', bytes }], { swapLonLat: true });
    if (!fixed.ok) throw new Error(fixed.error.code);
    expect(fixed.value.features[0].geometry).toEqual({ type: 'Point', coordinates: [102.55, 24.35] });
    expect(fixed.value.problems).toEqual([]);
  });
});

describe('encodings', () => {
  it('normalizes .cpg spellings', () => {
    expect(normalizeEncodingLabel('UTF-8')).toBe('utf-8');
    expect(normalizeEncodingLabel('65001')).toBe('utf-8');
    expect(normalizeEncodingLabel('ANSI 936')).toBe('gbk');
    expect(normalizeEncodingLabel('CP936')).toBe('gbk');
    expect(normalizeEncodingLabel('GB2312')).toBe('gbk');
    expect(normalizeEncodingLabel('GB18030')).toBe('gb18030');
    expect(normalizeEncodingLabel('nonsense-9')).toBeUndefined();
  });
  it('detects UTF-8 (with and without BOM) and GBK', () => {
    expect(detectEncoding(utf8('名称'))).toBe('utf-8');
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('名称')]))).toBe('utf-8');
    expect(detectEncoding(new Uint8Array([0xc3, 0xfb, 0xb3, 0xc6]))).toBe('gbk'); // 名称 in GBK
  });
});

describe('progress and cancellation', () => {
  const big = (rows: number) => utf8(['名称,lng,lat', ...Array.from({ length: rows }, (_, i) => `p${i},${102 + (i % 1000) / 1000},${24 + i / rows}`)].join('\n'));
  it('reports progress from 0 to 1', async () => {
    const fractions: number[] = [];
    const result = await importLayer([{ name: 'big.csv', bytes: big(200_000) }], {}, { onProgress: (fraction) => fractions.push(fraction) });
    expect(result.ok).toBe(true);
    expect(fractions.length).toBeGreaterThan(1);
    expect(fractions[fractions.length - 1]).toBe(1);
    for (let i = 1; i < fractions.length; i++) expect(fractions[i]).toBeGreaterThanOrEqual(fractions[i - 1]);
  });
  it('stops with a structured "cancelled" error', async () => {
    const controller = new AbortController();
    const result = await importLayer([{ name: 'big.csv', bytes: big(200_000) }], {}, { signal: controller.signal, onProgress: () => controller.abort() });
    expect(result.ok ? 'ok' : result.error.code).toBe('cancelled');
  });
});

describe('converting to the model', () => {
  const layer = {
    fields: [
      { name: '名称', numeric: false },
      { name: '代码', numeric: false },
      { name: '人口', numeric: false },
      { name: '托位', numeric: false },
    ],
    features: [
      { type: 'Feature' as const, properties: { 名称: '甲', 代码: '1', 人口: 100, 托位: '12' }, geometry: { type: 'Polygon' as const, coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] } },
      { type: 'Feature' as const, properties: { 名称: '乙', 代码: '1', 人口: '一百', 托位: 'n/a' }, geometry: { type: 'Point' as const, coordinates: [2, 2] } },
      { type: 'Feature' as const, properties: { 名称: '丙', 代码: '', 人口: '1,200', 托位: -3 }, geometry: null },
    ],
  };
  it('admin units: wrong geometry, duplicate and missing codes are reported', () => {
    const result = toAdminUnits(layer, { nameField: '名称', codeField: '代码', level: 'township' });
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.value.map((u) => u.name)).toEqual(['甲']);
    expect(result.value.problems.map((p) => [p.code, p.featureIndex])).toEqual([
      ['wrong-geometry-for-role', 1],
      ['wrong-geometry-for-role', 2],
    ]);
    const missing = toAdminUnits(layer, { nameField: '名称', codeField: 'XZQDM', level: 'township' });
    expect(missing.ok ? 'ok' : [missing.error.code, missing.error.field]).toEqual(['missing-field', 'XZQDM']);
  });
  it('facilities: polygon centroids, non-numeric and negative capacity reported', () => {
    const result = toFacilities(layer, { nameField: '名称', capacityField: '托位', idField: '代码', type: 'nursery' });
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.value.map((f) => [f.id, f.lon, f.lat, f.capacity])).toEqual([
      ['1', 0.5, 0.5, 12],
      ['1#1', 2, 2, undefined],
    ]);
    expect(result.value.problems.map((p) => `${p.code}:${p.featureIndex}`)).toEqual(['duplicate-id:1', 'non-numeric-value:1', 'wrong-geometry-for-role:2']);
  });
  it('population: a non-numeric count is an error and the cell is left out', () => {
    const result = toPopulationCells(layer, { populationField: '人口' });
    if (!result.ok) throw new Error(result.error.code);
    expect(Array.from(result.value.value.population)).toEqual([100]);
    expect(result.value.problems.find((p) => p.code === 'non-numeric-value')).toMatchObject({ severity: 'error', featureIndex: 1, field: '人口' });
  });
  it('target places', () => {
    const result = toTargetPlaces(layer, { kind: 'community', nameField: '名称' });
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.value.map((p) => p.name)).toEqual(['甲', '乙']);
  });
});

describe('field mapping guesses', () => {
  const fields = (...names: string[]) => ({ fields: names.map((name) => ({ name, numeric: /人口|pop|床|托|capacity|beds/i.test(name) })) });
  it('boundaries', () => {
    expect(guessFieldMapping(fields('OBJECTID', 'XZQDM', 'XZQMC', 'Shape_Area'), 'boundaries')).toMatchObject({ nameField: 'XZQMC', codeField: 'XZQDM' });
    expect(guessFieldMapping(fields('adcode', 'name', 'parent'), 'boundaries')).toMatchObject({ nameField: 'name', codeField: 'adcode', parentField: 'parent' });
  });
  it('facilities', () => {
    expect(guessFieldMapping(fields('序号', '机构名称', '类型', '核定床位'), 'facilities')).toMatchObject({ nameField: '机构名称', typeField: '类型', capacityField: '核定床位', idField: '序号' });
    expect(guessFieldMapping(fields('NAME', 'beds'), 'facilities')).toMatchObject({ nameField: 'NAME', capacityField: 'beds' });
  });
  it('population with cohorts', () => {
    expect(guessFieldMapping(fields('pop', 'age0_3', 'age60plus'), 'population')).toEqual({ populationField: 'pop', cohortFields: { age0_3: 'age0_3', age60plus: 'age60plus' } });
    expect(guessFieldMapping(fields('常住人口', '60岁以上'), 'population')).toMatchObject({ populationField: '常住人口', cohortFields: { age60plus: '60岁以上' } });
  });
});

describe('report text', () => {
  it('prints a problem table and the summary line', async () => {
    const { formatProblemTable, summarizeImport } = await import('../../src/core/import/format-problem-table.ts');
    const result = await importLayer([{ name: 'x.csv', bytes: utf8('名称,经度,纬度\n甲,102.5,24.3\n乙,,24.3\n') }]);
    if (!result.ok) throw new Error(result.error.code);
    const table = formatProblemTable(result.value.problems, 'zh');
    expect(table.split('\n')[0]).toMatch(/^级别/);
    expect(table).toContain('csv-missing-coordinates');
    expect(table).toContain('乙');
    expect(summarizeImport(result.value)).toEqual({ zh: '已导入 2 个要素，1 个有问题。', en: '2 loaded, 1 with problems.' });
  });
});

describe('GeoJSON shapes', () => {
  const point = { type: 'Point', coordinates: [102.5, 24.3] };
  const read = async (name: string, bytes: Uint8Array) => {
    const result = await importLayer([{ name, bytes }]);
    if (!result.ok) throw new Error(result.error.code);
    return result.value;
  };
  it('a bare geometry, a single Feature, a top-level array, a GeometryCollection', async () => {
    expect((await read('g.geojson', utf8(JSON.stringify(point)))).loadedCount).toBe(1);
    expect((await read('f.geojson', utf8(JSON.stringify({ type: 'Feature', properties: { a: 1 }, geometry: point })))).features[0].properties).toEqual({ a: 1 });
    expect((await read('a.json', utf8(JSON.stringify([{ type: 'Feature', properties: {}, geometry: point }, { type: 'Feature', properties: {}, geometry: point }])))).loadedCount).toBe(2);
    expect((await read('c.geojson', utf8(JSON.stringify({ type: 'GeometryCollection', geometries: [point, point] })))).loadedCount).toBe(2);
  });
  it('GeoJSONSeq with record separators, and NDJSON without the extension', async () => {
    const line = JSON.stringify({ type: 'Feature', properties: {}, geometry: point });
    expect((await read('s.geojsons', utf8(`\u001e${line}\n\u001e${line}\n`))).loadedCount).toBe(2);
    const sniffed = await read('s.json', utf8(`${line}\n${line}\n${line}\n`));
    expect([sniffed.format, sniffed.loadedCount]).toEqual(['ndjson', 3]);
  });
  it('a GBK-encoded GeoJSON (old desktop GIS exports) keeps its Chinese names', async () => {
    const { encodeGbk } = await import('../../scripts/lib/write-test-files.ts');
    const layer = await read('gbk.geojson', encodeGbk(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { 名称: '澄江市' }, geometry: point }] })));
    expect(layer.encoding).toBe('gbk');
    expect(layer.features[0].properties['名称']).toBe('澄江市');
  });
});
