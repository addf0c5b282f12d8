// Writes the import test corpus (committed): real-world-shaped good files and ≥ 40 bad inputs,
// each bad input with its expected error or problem code in test/fixtures/import/bad/expected.json.
// Deterministic (seeded). Run: npx tsx scripts/make-import-fixtures.ts
// Geometry is synthetic (irregular polygons and points around Yuxi, 玉溪); names are real place
// names used as labels only.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import gcoord from 'gcoord';
import proj4 from 'proj4';
import { createRandom } from './demo/seeded-random.ts';
import { encodeGbk, writeDbf, writeShp, writeZip, type DbfField, type ShapeGeometry } from './lib/write-test-files.ts';

const ROOT = join(import.meta.dirname, '..', 'test', 'fixtures', 'import');
const GOOD = join(ROOT, 'good');
const BAD = join(ROOT, 'bad');

const random = createRandom(20260529).next;
const round6 = (value: number): number => Math.round(value * 1e6) / 1e6;
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

// ---- synthetic townships (WGS84 truth) ------------------------------------------------------------
const TOWNSHIPS = [
  { name: '玉兴街道', code: '530402001', parent: '530402', population: 98213 },
  { name: '凤凰街道', code: '530402002', parent: '530402', population: 87120 },
  { name: '北城街道', code: '530402003', parent: '530402', population: 65002 },
  { name: '春和街道', code: '530402004', parent: '530402', population: 45330 },
  { name: '李棋街道', code: '530402005', parent: '530402', population: 51009 },
  { name: '大营街街道', code: '530402006', parent: '530402', population: 38870 },
];

function irregularRing(centerLon: number, centerLat: number, radius: number, vertices: number): number[][] {
  const ring: number[][] = [];
  for (let i = 0; i < vertices; i++) {
    const angle = (2 * Math.PI * i) / vertices;
    const r = radius * (0.75 + 0.5 * random());
    ring.push([round6(centerLon + r * Math.cos(angle)), round6(centerLat + r * Math.sin(angle) * 0.9)]);
  }
  ring.push(ring[0].slice());
  return ring; // counter-clockwise
}

const townshipGeometries: ShapeGeometry[] = TOWNSHIPS.map((_, i) => {
  const lon = 102.45 + (i % 3) * 0.09;
  const lat = 24.3 + Math.floor(i / 3) * 0.09;
  const outer = irregularRing(lon, lat, 0.04, 24);
  if (i === 1) {
    const hole = irregularRing(lon, lat, 0.008, 8).reverse();
    return { type: 'Polygon', coordinates: [outer, hole] };
  }
  if (i === 4) return { type: 'MultiPolygon', coordinates: [[outer], [irregularRing(lon + 0.06, lat + 0.01, 0.01, 10)]] };
  return { type: 'Polygon', coordinates: [outer] };
});

const townshipsTruth = {
  type: 'FeatureCollection',
  description: 'Synthetic geometry (not real boundaries). WGS84 truth for the GK zone 34 shapefile fixtures.',
  features: TOWNSHIPS.map((township, i) => ({ type: 'Feature', properties: { 名称: township.name, 代码: township.code, 上级代码: township.parent, 人口: township.population }, geometry: townshipGeometries[i] })),
};

const GK34_PREFIX = '+proj=tmerc +lat_0=0 +lon_0=102 +k=1 +x_0=34500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
const GK_CM102 = '+proj=tmerc +lat_0=0 +lon_0=102 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';

function project(geometry: ShapeGeometry, definition: string): ShapeGeometry {
  if (!geometry) return null;
  const converter = proj4('EPSG:4326', definition);
  const map = (p: number[]): number[] => converter.forward([p[0], p[1]]).map((v) => Math.round(v * 1000) / 1000);
  if (geometry.type === 'Point') return { type: 'Point', coordinates: map(geometry.coordinates) };
  if (geometry.type === 'Polygon') return { type: 'Polygon', coordinates: geometry.coordinates.map((ring) => ring.map(map)) };
  return { type: 'MultiPolygon', coordinates: geometry.coordinates.map((polygon) => polygon.map((ring) => ring.map(map))) };
}

const PRJ_GK34 =
  'PROJCS["CGCS2000_3_Degree_GK_Zone_34",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",34500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",102.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
const PRJ_CM102 =
  'PROJCS["CGCS2000_3_Degree_GK_CM_102E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",102.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
const PRJ_XIAN80 =
  'PROJCS["Xian_1980_3_Degree_GK_CM_102E",GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",102.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
const PRJ_WGS84 = 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

const TOWNSHIP_FIELDS: DbfField[] = [
  { name: '名称', type: 'C', length: 30 },
  { name: '代码', type: 'C', length: 12 },
  { name: '上级代码', type: 'C', length: 6 },
  { name: '人口', type: 'N', length: 10 },
];
const townshipRows = TOWNSHIPS.map((t) => ({ 名称: t.name, 代码: t.code, 上级代码: t.parent, 人口: t.population }));

function townshipShapefile(definition: string, prj: string, base: string, encode: (text: string) => Uint8Array, cpg?: string): { name: string; bytes: Uint8Array }[] {
  const { shp, shx } = writeShp(townshipGeometries.map((geometry) => project(geometry, definition)), 5);
  const files = [
    { name: `${base}.shp`, bytes: shp },
    { name: `${base}.shx`, bytes: shx },
    { name: `${base}.dbf`, bytes: writeDbf(TOWNSHIP_FIELDS, townshipRows, encode, 0x4d) },
    { name: `${base}.prj`, bytes: utf8(prj) },
  ];
  if (cpg !== undefined) files.push({ name: `${base}.cpg`, bytes: utf8(cpg) });
  return files;
}

// ---- nurseries: WGS84 truth, GCJ-02 as Amap gives them ---------------------------------------------
const NURSERY_NAMES = ['玉溪市第一托育园', '红塔区春和托育中心', '凤凰街道宝贝之家', '北城社区托育点', '李棋镇普惠托育园', '大营街托育服务中心', '玉兴路婴幼儿照护中心', '聂耳路托育园', '研和托育室', '高仓托育点', '洛河社区托育园', '小石桥托育点'];
const nurseries = NURSERY_NAMES.map((name, i) => {
  const lon = round6(102.45 + 0.2 * random());
  const lat = round6(24.28 + 0.15 * random());
  const [gLon, gLat] = gcoord.transform([lon, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
  return { name, lon, lat, gcjLon: round6(gLon), gcjLat: round6(gLat), beds: 20 + ((i * 7) % 60) };
});

function writeGood(): void {
  mkdirSync(GOOD, { recursive: true });
  writeFileSync(join(GOOD, 'townships-truth-wgs84.geojson'), JSON.stringify(townshipsTruth));
  writeFileSync(join(GOOD, 'townships-gk34-prefix-gbk.zip'), writeZip(townshipShapefile(GK34_PREFIX, PRJ_GK34, '乡镇界_GK34', encodeGbk)));
  for (const file of townshipShapefile(GK_CM102, PRJ_CM102, 'townships-gk-cm102-gbk', encodeGbk, 'GBK')) writeFileSync(join(GOOD, file.name), file.bytes);
  writeFileSync(join(GOOD, 'townships-utf8.zip'), writeZip(townshipShapefile(GK_CM102, PRJ_CM102, 'townships-utf8', utf8, 'UTF-8')));
  // Excel on Chinese Windows: GBK, CRLF, Chinese headers, GCJ-02 coordinates from Amap.
  const csv = ['序号,名称,经度,纬度,床位数,地址', ...nurseries.map((n, i) => `${i + 1},${n.name},${n.gcjLon},${n.gcjLat},${n.beds},玉溪市红塔区`)].join('\r\n') + '\r\n';
  writeFileSync(join(GOOD, 'nurseries-gcj02-gbk.csv'), encodeGbk(csv));
  writeFileSync(join(GOOD, 'nurseries-truth-wgs84.json'), JSON.stringify(nurseries.map(({ name, lon, lat }) => ({ name, lon, lat }))));
  // UTF-8 with BOM, tab-separated, DMS coordinates.
  const dms = (value: number, positive: string): string => {
    const degrees = Math.floor(value);
    const minutesFull = (value - degrees) * 60;
    const minutes = Math.floor(minutesFull);
    const seconds = ((minutesFull - minutes) * 60).toFixed(2);
    return `${degrees}°${minutes}'${seconds}"${positive}`;
  };
  const tsv = ['名称\tlng\tlat\t托位', ...nurseries.slice(0, 5).map((n) => `${n.name}\t${dms(n.lon, 'E')}\t${dms(n.lat, 'N')}\t${n.beds}`)].join('\n');
  writeFileSync(join(GOOD, 'nurseries-dms-bom.tsv'), new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(tsv)]));
  // GeoJSON with the older crs member (EPSG:4490, urn form) and NDJSON.
  writeFileSync(
    join(GOOD, 'townships-crs-4490.geojson'),
    JSON.stringify({ ...townshipsTruth, crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4490' } } }),
  );
  writeFileSync(join(GOOD, 'nurseries.ndjson'), nurseries.map((n) => JSON.stringify({ type: 'Feature', properties: { 名称: n.name, 床位数: n.beds }, geometry: { type: 'Point', coordinates: [n.lon, n.lat] } })).join('\n') + '\n');
  // GK zone 34 GeoJSON with a crs member (as QGIS writes it).
  writeFileSync(
    join(GOOD, 'townships-gk34.geojson'),
    JSON.stringify({
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4522' } },
      features: townshipsTruth.features.map((feature, i) => ({ ...feature, geometry: project(townshipGeometries[i], GK34_PREFIX) })),
    }),
  );
}

// ---- bad inputs --------------------------------------------------------------------------------
interface BadCase {
  name: string;
  files: string[];
  options?: Record<string, unknown>;
  expect: { error: string } | { problem: string; severity?: string };
  note: string;
}
const cases: BadCase[] = [];
function bad(name: string, note: string, files: Record<string, Uint8Array | string>, expect: BadCase['expect'], options?: Record<string, unknown>): void {
  const written: string[] = [];
  for (const [file, content] of Object.entries(files)) {
    writeFileSync(join(BAD, file), typeof content === 'string' ? utf8(content) : content);
    written.push(file);
  }
  cases.push({ name, files: written, options, expect, note });
}
const feature = (geometry: unknown, properties: Record<string, unknown> = { 名称: '测试' }, id?: unknown): Record<string, unknown> => ({ type: 'Feature', ...(id === undefined ? {} : { id }), properties, geometry });
const collection = (...features: unknown[]): string => JSON.stringify({ type: 'FeatureCollection', features });
const square = [[[102.5, 24.3], [102.51, 24.3], [102.51, 24.31], [102.5, 24.31], [102.5, 24.3]]];
const point = { type: 'Point', coordinates: [102.5, 24.3] };
const randomBytes = (length: number): Uint8Array => Uint8Array.from({ length }, () => Math.floor(random() * 256));

function writeBad(): void {
  mkdirSync(BAD, { recursive: true });
  const good = collection(feature({ type: 'Polygon', coordinates: square }), feature(point), feature(point, { 名称: '乙' }));
  bad('empty', 'a zero-byte file', { 'empty.geojson': '' }, { error: 'empty-file' });
  bad('whitespace', 'only whitespace', { 'whitespace.geojson': '  \n\t\n' }, { error: 'empty-file' });
  bad('truncated-early', 'cut inside the first feature', { 'truncated-early.geojson': good.slice(0, 60) }, { error: 'truncated-json' });
  bad('truncated-late', 'cut after two complete features: an error unless the readable part is asked for', { 'truncated-late.geojson': good.slice(0, good.lastIndexOf('{"type":"Feature"') + 20) }, { error: 'truncated-json' });
  bad('truncated-late-kept', 'cut after two complete features, keepReadablePart: the two are kept and the choice reported', { 'truncated-late.geojson': good.slice(0, good.lastIndexOf('{"type":"Feature"') + 20) }, { problem: 'truncated-json-kept', severity: 'warning' }, { keepReadablePart: true });
  bad('syntax-error', 'an unquoted string', { 'syntax-error.geojson': '{"type": FeatureCollection, "features": []}' }, { error: 'invalid-json' });
  bad('broken-feature', 'one feature with a syntax error among good ones', { 'broken-feature.geojson': good.replace('"乙"', '乙') }, { problem: 'invalid-json', severity: 'error' });
  bad('binary-geojson', 'random bytes named .geojson', { 'binary-garbage.geojson': randomBytes(2048) }, { error: 'unknown-format' });
  bad('binary-csv', 'random bytes named .csv', { 'binary-garbage.csv': randomBytes(2048) }, { error: 'unknown-format' });
  bad('binary-noext', 'random bytes without extension', { 'binary-garbage.bin': randomBytes(512) }, { error: 'unknown-format' });
  bad('not-geojson', 'JSON that is not GeoJSON', { 'not-geojson.json': '{"foo": 1, "bar": [1,2]}' }, { error: 'not-geojson' });
  bad('topojson', 'TopoJSON is not GeoJSON', { 'topology.json': '{"type":"Topology","objects":{},"arcs":[]}' }, { error: 'not-geojson' });
  bad('primitive-json', 'a JSON string', { 'primitive.json': '"hello"' }, { error: 'not-geojson' });
  bad('no-features', 'an empty FeatureCollection', { 'no-features.geojson': '{"type":"FeatureCollection","features":[]}' }, { error: 'no-features' });
  bad('array-of-numbers', 'a features array of numbers', { 'numbers.geojson': '{"type":"FeatureCollection","features":[1,2,3]}' }, { problem: 'invalid-structure', severity: 'error' });
  bad('wrong-feature-type', 'type "Feture"', { 'wrong-type.geojson': collection({ type: 'Feture', properties: {}, geometry: point }, feature(point)) }, { problem: 'invalid-structure' });
  bad('properties-not-object', 'properties is a string', { 'properties-string.geojson': collection({ type: 'Feature', properties: 'x', geometry: point }) }, { problem: 'invalid-structure', severity: 'warning' });
  bad('null-geometry', 'geometry null: kept with its attributes', { 'null-geometry.geojson': collection(feature(null), feature(point)) }, { problem: 'null-geometry', severity: 'warning' });
  bad('empty-geometry', 'Polygon with no coordinates', { 'empty-geometry.geojson': collection(feature({ type: 'Polygon', coordinates: [] }), feature(point)) }, { problem: 'empty-geometry' });
  bad('unsupported-geometry', 'type Circle', { 'circle.geojson': collection(feature({ type: 'Circle', coordinates: [102.5, 24.3], radius: 5 }), feature(point)) }, { problem: 'unsupported-geometry-type', severity: 'error' });
  bad('coordinate-string', 'coordinates as strings', { 'coordinate-string.geojson': collection(feature({ type: 'Point', coordinates: ['102.5', '24.3'] }), feature(point)) }, { problem: 'coordinate-not-number' });
  bad('coordinate-null', 'a null inside a ring', { 'coordinate-null.geojson': collection(feature({ type: 'Polygon', coordinates: [[[102.5, 24.3], [null, 24.3], [102.51, 24.31], [102.5, 24.3]]] }), feature(point)) }, { problem: 'coordinate-not-number' });
  bad('out-of-range', 'longitude 200', { 'out-of-range.geojson': collection(feature({ type: 'Point', coordinates: [200, 24.3] }), feature(point)) }, { problem: 'coordinate-out-of-range', severity: 'error' });
  bad('ring-not-closed', 'last vertex missing', { 'ring-not-closed.geojson': collection(feature({ type: 'Polygon', coordinates: [square[0].slice(0, 4)] })) }, { problem: 'ring-not-closed', severity: 'repaired' });
  bad('ring-too-short', 'a two-vertex ring', { 'ring-too-short.geojson': collection(feature({ type: 'Polygon', coordinates: [[[102.5, 24.3], [102.51, 24.3], [102.5, 24.3]]] }), feature(point)) }, { problem: 'ring-too-short', severity: 'error' });
  bad('repeated-vertex', 'the same vertex twice in a row', { 'repeated-vertex.geojson': collection(feature({ type: 'Polygon', coordinates: [[square[0][0], square[0][1], square[0][1], square[0][2], square[0][3], square[0][4]]] })) }, { problem: 'repeated-vertex', severity: 'repaired' });
  bad('wrong-winding', 'a clockwise exterior ring', { 'wrong-winding.geojson': collection(feature({ type: 'Polygon', coordinates: [[...square[0]].reverse()] })) }, { problem: 'wrong-winding', severity: 'repaired' });
  bad('self-intersection', 'a ring that crosses itself (figure eight with a tail)', { 'self-intersection.geojson': collection(feature({ type: 'Polygon', coordinates: [[[102.5, 24.3], [102.52, 24.3], [102.52, 24.32], [102.51, 24.29], [102.505, 24.31], [102.5, 24.3]]] })) }, { problem: 'self-intersection', severity: 'warning' });
  bad('bow-tie', 'the classic bow-tie', { 'bow-tie.geojson': collection(feature({ type: 'Polygon', coordinates: [[[102.5, 24.3], [102.51, 24.31], [102.51, 24.3], [102.5, 24.31], [102.5, 24.3]]] })) }, { problem: 'bow-tie', severity: 'warning' });
  bad('hole-outside-shell', 'a hole far outside the exterior', { 'hole-outside.geojson': collection(feature({ type: 'Polygon', coordinates: [square[0], [[102.6, 24.4], [102.6, 24.41], [102.61, 24.41], [102.61, 24.4], [102.6, 24.4]]] })) }, { problem: 'hole-outside-shell' });
  bad('duplicate-id', 'two features with id 7', { 'duplicate-id.geojson': collection(feature(point, { 名称: '甲' }, 7), feature(point, { 名称: '乙' }, 7)) }, { problem: 'duplicate-id' });
  bad('mixed-geometry', 'points and polygons in one layer', { 'mixed.geojson': good }, { problem: 'mixed-geometry-types' });
  bad('line-too-short', 'a LineString with one distinct vertex', { 'line-too-short.geojson': collection(feature({ type: 'LineString', coordinates: [[102.5, 24.3], [102.5, 24.3]] }), feature({ type: 'LineString', coordinates: [[102.5, 24.3], [102.6, 24.3]] })) }, { problem: 'line-too-short' });
  const gk = (lon: number, lat: number, definition: string): number[] => proj4('EPSG:4326', definition).forward([lon, lat]).map((v: number) => Math.round(v * 100) / 100);
  bad('projected-prefixed', 'GK zone 34 metres (with zone prefix) and no crs', { 'projected-prefixed.geojson': collection(feature({ type: 'Point', coordinates: gk(102.55, 24.35, GK34_PREFIX) }), feature({ type: 'Point', coordinates: gk(102.6, 24.4, GK34_PREFIX) })) }, { problem: 'projected-coordinates-in-geographic', severity: 'error' });
  bad('projected-no-prefix', 'GK CM 102°E metres and no crs; the reference extent tells the zone', { 'projected-no-prefix.csv': `名称,x,y\n甲,${gk(102.55, 24.35, GK_CM102).join(',')}\n乙,${gk(102.6, 24.4, GK_CM102).join(',')}\n` }, { problem: 'projected-coordinates-in-geographic' }, { referenceBBox: [102.2, 24.0, 102.9, 24.7] });
  bad('swapped-lat-lon', 'latitude in the longitude column', { 'swapped.csv': '名称,经度,纬度\n甲,24.35,102.55\n乙,24.4,102.6\n丙,24.3,102.5\n' }, { problem: 'swapped-lat-lon' });
  bad('csv-no-coordinates', 'no coordinate columns', { 'no-coordinates.csv': '名称,地址\n甲,红塔区\n' }, { error: 'csv-no-coordinate-columns' });
  bad('csv-header-only', 'a header and no rows', { 'header-only.csv': '名称,经度,纬度\n' }, { error: 'csv-empty' });
  bad('csv-missing-coordinate', 'a row without latitude: kept without location', { 'missing-coordinate.csv': '名称,经度,纬度\n甲,102.5,24.3\n乙,102.6,\n' }, { problem: 'csv-missing-coordinates', severity: 'warning' });
  bad('csv-bad-coordinate', 'a coordinate that is text', { 'bad-coordinate.csv': '名称,经度,纬度\n甲,102.5,24.3\n乙,东边,24.3\n' }, { problem: 'csv-bad-coordinate' });
  bad('csv-ragged', 'a row with an extra column', { 'ragged.csv': '名称,经度,纬度\n甲,102.5,24.3\n乙,102.6,24.4,多余\n' }, { problem: 'csv-row-length' });
  bad('csv-field-not-found', 'the chosen longitude column does not exist', { 'field-not-found.csv': '名称,经度,纬度\n甲,102.5,24.3\n' }, { error: 'csv-field-not-found' }, { lonField: 'X', latField: '纬度' });
  bad('gcj-column-hint', 'a column named gcj_lng read as WGS84', { 'gcj-hint.csv': 'name,gcj_lng,gcj_lat\nA,102.5,24.3\n' }, { problem: 'crs-name-hint' });
  bad('crs-member-unknown', 'an EPSG code gapmap does not know', { 'crs-unknown.geojson': JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::9999' } }, features: [feature(point)] }) }, { problem: 'crs-member-unknown' });
  bad('unknown-crs-option', 'the user typed an unknown CRS', { 'unknown-crs.geojson': collection(feature(point)) }, { error: 'unknown-crs' }, { crs: 'EPSG:9999' });
  bad('unsupported-encoding-option', 'the user typed an unknown encoding', { 'unknown-encoding.csv': '名称,经度,纬度\n甲,102.5,24.3\n' }, { error: 'unsupported-encoding' }, { encoding: 'klingon-8' });
  bad('outside-reference', 'a point far from the boundaries', { 'outside-reference.geojson': collection(feature(point), feature({ type: 'Point', coordinates: [116.4, 39.9] }, { 名称: '北京' })) }, { problem: 'outside-reference-extent' }, { referenceBBox: [102.2, 24.0, 102.9, 24.7] });
  const seats = nurseries.map((n) => [n.lon, n.lat]);
  bad('gcj02-offset', 'Amap coordinates of places already loaded in WGS84', { 'gcj02-offset.csv': ['名称,lng,lat', ...nurseries.map((n) => `${n.name},${n.gcjLon},${n.gcjLat}`)].join('\n') }, { problem: 'gcj02-offset-suspected' }, { referencePoints: seats });
  const bd = nurseries.map((n) => gcoord.transform([n.lon, n.lat], gcoord.WGS84, gcoord.BD09) as [number, number]);
  bad('bd09-offset', 'Baidu coordinates of places already loaded in WGS84', { 'bd09-offset.csv': ['名称,lng,lat', ...nurseries.map((n, i) => `${n.name},${round6(bd[i][0])},${round6(bd[i][1])}`)].join('\n') }, { problem: 'bd09-offset-suspected' }, { referencePoints: seats });
  bad('ndjson-bad-line', 'one broken line', { 'bad-line.ndjson': [JSON.stringify(feature(point)), '{"type":"Feature",', JSON.stringify(feature(point))].join('\n') + '\n' }, { problem: 'invalid-json' });
  bad('ndjson-truncated', 'the last line cut off: an error', { 'truncated.ndjson': [JSON.stringify(feature(point)), JSON.stringify(feature(point)).slice(0, 30)].join('\n') }, { error: 'truncated-json' });
  bad('ndjson-truncated-kept', 'the last line cut off, keepReadablePart', { 'truncated.ndjson': [JSON.stringify(feature(point)), JSON.stringify(feature(point)).slice(0, 30)].join('\n') }, { problem: 'truncated-json-kept' }, { keepReadablePart: true });
  // Zip and shapefile problems.
  bad('zip-garbage', 'a zip signature followed by junk', { 'garbage.zip': new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...randomBytes(200)]) }, { error: 'zip-invalid' });
  bad('zip-no-shp', 'a zip with only a text file', { 'no-shp.zip': writeZip([{ name: 'readme.txt', bytes: utf8('hello') }]) }, { error: 'zip-no-shapefile' });
  const shapefile = townshipShapefile(GK_CM102, PRJ_CM102, 'x', encodeGbk);
  const part = (ext: string): Uint8Array => (shapefile.find((file) => file.name.endsWith(ext)) as { bytes: Uint8Array }).bytes;
  bad('zip-multiple-layers', 'two shapefiles in one zip', { 'two-layers.zip': writeZip([...townshipShapefile(GK_CM102, PRJ_CM102, 'a', encodeGbk), ...townshipShapefile(GK_CM102, PRJ_CM102, 'b', encodeGbk)]) }, { problem: 'zip-multiple-layers' });
  bad('shapefile-missing-shp', 'only .dbf and .prj', { 'no-shp.dbf': part('.dbf'), 'no-shp.prj': PRJ_CM102 }, { error: 'shapefile-missing-shp' });
  const badMagic = part('.shp').slice();
  badMagic[3] = 0;
  bad('shapefile-bad-magic', 'the .shp does not start with 9994', { 'bad-magic.shp': badMagic, 'bad-magic.dbf': part('.dbf') }, { error: 'shapefile-invalid' });
  const multipatch = part('.shp').slice();
  new DataView(multipatch.buffer).setInt32(32, 31, true);
  bad('shapefile-multipatch', 'shape type 31 (MultiPatch)', { 'multipatch.shp': multipatch }, { error: 'shapefile-unsupported-type' });
  const { shp: fourShapes } = writeShp(townshipGeometries.slice(0, 4).map((geometry) => project(geometry, GK_CM102)), 5);
  bad('shapefile-count-mismatch', 'four shapes, six records', { 'mismatch.shp': fourShapes, 'mismatch.dbf': part('.dbf'), 'mismatch.prj': PRJ_CM102 }, { problem: 'shp-dbf-count-mismatch' });
  bad('shapefile-no-dbf', 'geometry without attributes', { 'no-dbf.shp': part('.shp'), 'no-dbf.prj': PRJ_CM102 }, { problem: 'shapefile-missing-dbf' });
  bad('shapefile-truncated', 'the .shp cut in the middle', { 'truncated.shp': part('.shp').slice(0, Math.floor(part('.shp').length * 0.6)), 'truncated.dbf': part('.dbf'), 'truncated.prj': PRJ_CM102 }, { problem: 'shapefile-invalid', severity: 'error' });
  bad('shapefile-cpg-lies', '.cpg says UTF-8 but the .dbf is GBK', { 'cpg-lies.shp': part('.shp'), 'cpg-lies.dbf': part('.dbf'), 'cpg-lies.prj': PRJ_CM102, 'cpg-lies.cpg': 'UTF-8' }, { problem: 'cpg-encoding-mismatch' });
  bad('shapefile-prj-garbage', 'a .prj that is not WKT', { 'prj-garbage.shp': writeShp([{ type: 'Point', coordinates: [102.5, 24.3] }], 1).shp, 'prj-garbage.prj': 'this is not a projection' }, { problem: 'prj-not-understood' });
  bad('shapefile-xian80', 'Xian 1980 GK: no datum shift applied', { 'xian80.shp': part('.shp'), 'xian80.dbf': part('.dbf'), 'xian80.prj': PRJ_XIAN80 }, { problem: 'datum-not-cgcs2000' });
  bad('shapefile-projected-wgs84-prj', 'a .prj that says WGS84 over GK metres', { 'lying-prj.shp': part('.shp'), 'lying-prj.dbf': part('.dbf'), 'lying-prj.prj': PRJ_WGS84 }, { problem: 'projected-coordinates-in-geographic' });
  writeFileSync(join(BAD, 'expected.json'), JSON.stringify(cases, null, 1) + '\n');
}

rmSync(ROOT, { recursive: true, force: true });
writeGood();
writeBad();
console.log(`wrote ${cases.length} bad inputs and the good fixtures to ${ROOT}`);
