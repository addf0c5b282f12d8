// The Shapefile writer read back by independent readers: shpjs (geometry and DBF), gapmap's own
// importer (reads .prj and .cpg as a planner's file would), and GDAL's ogrinfo where installed
// (skipped cleanly where it is not). Both encodings; geographic and Gauss–Krüger coordinates.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import proj4 from 'proj4';
import { parseDbf, parseShp } from 'shpjs';
import { hasTool } from './find-tool.ts';
import { describe, expect, it } from 'vitest';
import { encodeGbk } from '../../src/core/export/shapefile/encode-gbk.ts';
import { writeShapefileZip } from '../../src/core/export/shapefile/write-shapefile-zip.ts';
import { importLayer } from '../../src/core/import/import-layer.ts';
import { SAMPLE_GEOMETRIES, SAMPLE_TABLE } from './sample-table.ts';

const hasOgrinfo = () => hasTool('ogrinfo');

function exportZip(encoding: 'utf-8' | 'gbk', crs?: string) {
  const result = writeShapefileZip({ table: SAMPLE_TABLE, geometries: SAMPLE_GEOMETRIES }, { encoding, crs });
  if (!result.ok) throw new Error(result.error.message.en);
  return result.value;
}

/** The values a reader should see: text as written ('?' for a character GBK lacks), numbers as numbers. */
function expectedRecords(encoding: 'utf-8' | 'gbk', fieldOf: (key: string) => string) {
  return SAMPLE_TABLE.rows.map((row) =>
    Object.fromEntries(
      SAMPLE_TABLE.columns.map((column) => {
        const value = row[column.key];
        const text = typeof value === 'string' && encoding === 'gbk' ? value.replace(/𠀀/gu, '?') : value;
        return [fieldOf(column.key), text === '' ? null : text];
      }),
    ),
  );
}

describe('GBK encoder', () => {
  it('round-trips through the platform decoder and marks what GBK lacks', () => {
    const text = '垤玛乡 玉溪市红塔区 €·—“”ABC123';
    const encoded = encodeGbk(text);
    expect(encoded.unmappable).toEqual([]);
    expect(new TextDecoder('gbk').decode(encoded.bytes)).toBe(text);
    // 玉 is D3 F1 in GB2312 (and so in GBK).
    expect([...encodeGbk('玉').bytes]).toEqual([0xd3, 0xf1]);
    expect(encodeGbk('a𠀀b')).toEqual({ bytes: Uint8Array.from([0x61, 0x3f, 0x62]), unmappable: ['𠀀'] });
  });
});

describe.each(['utf-8', 'gbk'] as const)('Shapefile zip, %s attributes', (encoding) => {
  const exported = exportZip(encoding);
  const files = unzipSync(exported.zip);
  const fieldOf = (key: string) => exported.fields.find((f) => f.key === key)!.field;

  it('holds .shp .shx .dbf .prj .cpg and the field mapping; field names fit 10 bytes', () => {
    expect(Object.keys(files).sort()).toEqual(['townships.cpg', 'townships.dbf', 'townships.prj', 'townships.shp', 'townships.shx', 'townships_fields.csv']);
    expect(new TextDecoder().decode(files['townships.cpg'])).toBe(encoding === 'gbk' ? 'GBK' : 'UTF-8');
    for (const { field } of exported.fields) expect(new TextEncoder().encode(field).length).toBeLessThanOrEqual(10);
    expect(new Set(exported.fields.map((f) => f.field)).size).toBe(SAMPLE_TABLE.columns.length);
    const mapping = new TextDecoder().decode(files['townships_fields.csv']);
    expect(fieldOf('capacity_per_1000_age60plus')).toBe('cap1k_a60');
    expect(mapping).toContain('cap1k_a60,capacity_per_1000_age60plus,每千名60岁以上老人床位');
    if (encoding === 'gbk') expect(exported.warnings).toEqual([{ row: 2, field: fieldOf('failed_rules'), kind: 'unmappable', characters: '𠀀' }]);
    else expect(exported.warnings).toEqual([]);
  });

  it('reads back with shpjs: same attributes, same rings (hole kept)', () => {
    const records = parseDbf(files['townships.dbf'], new TextDecoder().decode(files['townships.cpg']));
    const normalise = (record: Record<string, unknown>) => Object.fromEntries(Object.entries(record).map(([k, v]) => [k, v === '' || Number.isNaN(v) ? null : v]));
    expect(records.map(normalise)).toEqual(expectedRecords(encoding, fieldOf));
    const shapes = parseShp(files['townships.shp'], false) as unknown as { type: string; coordinates: number[][][] | number[][][][] }[];
    expect(shapes.map((s) => s.type)).toEqual(['Polygon', 'MultiPolygon', 'Polygon']);
    expect((shapes[0].coordinates as number[][][]).length).toBe(2); // outer ring and hole
    expect((shapes[1].coordinates as number[][][][]).length).toBe(2);
    // Every source position is read back exactly (the file stores the same doubles).
    const source = (SAMPLE_GEOMETRIES[0] as { coordinates: number[][][] }).coordinates;
    for (const position of source[0]) expect((shapes[0].coordinates as number[][][])[0]).toContainEqual(position);
    for (const position of source[1]) expect((shapes[0].coordinates as number[][][])[1]).toContainEqual(position);
  });

  it("reads back with gapmap's importer (prj, cpg, encoding)", async () => {
    const imported = await importLayer([{ name: 'townships.zip', bytes: exported.zip }]);
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    expect(imported.value.crs.applied).toBe('EPSG:4326');
    expect(imported.value.features.map((f) => f.properties?.[fieldOf('name')])).toEqual(['垤玛乡', '玉兴街道', '=HYPERLINK("http://x")']);
    expect(imported.value.features.map((f) => f.properties?.[fieldOf('population_covered_pct')])).toEqual([45.67, 100, null]);
  });

  it.skipIf(!hasOgrinfo())('reads back with GDAL ogrinfo', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gapmap-shp-'));
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
    const text = execFileSync('ogrinfo', ['-al', '-ro', join(dir, 'townships.shp')], { encoding: 'utf8' });
    expect(text).toContain(`${fieldOf('name')} (String) = 垤玛乡`);
    expect(text).toContain(`${fieldOf('county')} (String) = 元江哈尼族彝族傣族自治县`);
    expect(text).toMatch(new RegExp(`${fieldOf('capacity_per_1000_age60plus')} \\(Real\\) = 1\\.234`));
    expect(text).toContain('Feature Count: 3');
    expect(text).toContain('Geometry: Polygon');
  });
});

describe('Shapefile DBF bytes', () => {
  it('declares GBK in the language driver byte and UTF-8 in none; numbers right-aligned, blanks for nulls', () => {
    const gbk = unzipSync(exportZip('gbk').zip)['townships.dbf'];
    const utf8 = unzipSync(exportZip('utf-8').zip)['townships.dbf'];
    expect(gbk[29]).toBe(0x4d);
    expect(utf8[29]).toBe(0);
    // 3 records, header 32 + 7 × 32 + 1 bytes.
    expect(new DataView(gbk.buffer, gbk.byteOffset).getUint32(4, true)).toBe(3);
    expect(new DataView(gbk.buffer, gbk.byteOffset).getUint16(8, true)).toBe(32 + 7 * 32 + 1);
    expect(gbk[gbk.length - 1]).toBe(0x1a);
  });
});

describe('Shapefile coordinate systems', () => {
  it('writes CGCS2000 GK zone coordinates (EPSG:4543, CM 102°E) that read back to the same lon/lat', async () => {
    const exported = exportZip('utf-8', 'EPSG:4543');
    const files = unzipSync(exported.zip);
    const prj = new TextDecoder().decode(files['townships.prj']);
    expect(prj).toContain('PROJCS["CGCS2000_3_Degree_GK_CM_102E"');
    const shapes = parseShp(files['townships.shp'], false) as unknown as { coordinates: number[][][] }[];
    const [x, y] = shapes[2].coordinates[0][0];
    const expected = proj4('EPSG:4326', '+proj=tmerc +lat_0=0 +lon_0=102 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs', [102.6, 24.5]);
    expect(x).toBeCloseTo(expected[0], 3);
    expect(y).toBeCloseTo(expected[1], 3);
    // gapmap's importer recognises the .prj as the EPSG:4543 family and converts back (1e-7° ≈ 1 cm).
    const imported = await importLayer([{ name: 'townships.zip', bytes: exported.zip }]);
    expect(imported.ok && imported.value.crs.applied).toBe('EPSG:4543');
    if (!imported.ok) return;
    const ring = (imported.value.features[2].geometry as { coordinates: number[][][] }).coordinates[0];
    expect(ring.some(([lng, lat]) => Math.abs(lng - 102.6) < 1e-7 && Math.abs(lat - 24.5) < 1e-7)).toBe(true);
  });

  it('writes CGCS2000 geographic with its datum', () => {
    const files = unzipSync(exportZip('gbk', 'EPSG:4490').zip);
    expect(new TextDecoder().decode(files['townships.prj'])).toContain('D_China_2000');
  });

  it('refuses a coordinate system it cannot write, with a bilingual message', () => {
    const result = writeShapefileZip({ table: SAMPLE_TABLE, geometries: SAMPLE_GEOMETRIES }, { encoding: 'utf-8', crs: 'gcj02' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message.zh).toContain('不支持');
      expect(result.error.message.en).toContain('does not support');
    }
  });

  it('refuses mixed geometry types', () => {
    const result = writeShapefileZip({ table: SAMPLE_TABLE, geometries: [SAMPLE_GEOMETRIES[0], { type: 'Point', coordinates: [102, 24] }, null] }, { encoding: 'utf-8' });
    expect(result.ok).toBe(false);
  });
});
