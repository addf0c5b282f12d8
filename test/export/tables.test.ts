// CSV, xlsx and GeoJSON exports read back by independent readers: papaparse, read-excel-file
// (a different library from the writer) and geojson-validation.
import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/node';
import { unzipSync } from 'fflate';
import * as geojsonValidation from 'geojson-validation';
import { describe, expect, it } from 'vitest';
import { featureTable, ruleTable } from '../../src/core/export/build-export-tables.ts';
import { writeTableCsv } from '../../src/core/export/write-table-csv.ts';
import { writeXlsx } from '../../src/core/export/write-xlsx.ts';
import { tableToGeoJson } from '../../src/core/export/write-geojson-exports.ts';
import type { RuleResult } from '../../src/core/rules/rule-types.ts';
import { SAMPLE_GEOMETRIES, SAMPLE_SITES, SAMPLE_TABLE } from './sample-table.ts';

describe('CSV', () => {
  const csv = writeTableCsv(SAMPLE_TABLE);

  it('is UTF-8 with BOM, CRLF rows and RFC 4180 quoting; parses back to the same cells', () => {
    expect(csv.startsWith('\uFEFFcode,name,county,population,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const parsed = Papa.parse<string[]>(csv.slice(1), { newline: '\r\n', skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data[0]).toEqual(SAMPLE_TABLE.columns.map((c) => c.key));
    expect(parsed.data[1]).toEqual(['530428203', '垤玛乡', '元江哈尼族彝族傣族自治县', '12345', '45.67', '1.234', 'elder.daycare-coverage;nursery.places']);
    expect(parsed.data[2][5]).toBe('');
    // The embedded quote, comma and line break survive; the formula is neutralised with a leading '.
    expect(parsed.data[3][2]).toBe('a "quoted", county\r\nwith a line break');
    expect(parsed.data[3][1]).toBe(`'=HYPERLINK("http://x")`);
  });
});

describe('xlsx', () => {
  it('reads back with typed numbers, text codes, a header row and a sheet per table', async () => {
    const sites = featureTable('sites', { zh: '建议新增设施点', en: 'Proposed sites' }, SAMPLE_SITES);
    const bytes = await writeXlsx([SAMPLE_TABLE, sites], 'zh');
    const sheets = await readXlsxFile(Buffer.from(bytes));
    expect(sheets.map((s) => s.sheet)).toEqual(['乡镇（街道）指标', '建议新增设施点']);
    const [header, ...rows] = sheets[0].data;
    expect(header).toEqual(SAMPLE_TABLE.columns.map((c) => c.label.zh));
    expect(rows.map((r) => r[3])).toEqual([12345, 80000, 0]);
    expect(rows.map((r) => r[4])).toEqual([45.67, 100, null]);
    expect(rows.map((r) => r[0])).toEqual(['530428203', '530402001', '530402100']);
    // Text, not a formula: the cell holds the characters typed.
    expect(rows[2][1]).toBe('=HYPERLINK("http://x")');
    expect(sheets[1].data[0]).toEqual(['id', 'service', '乡镇（街道）', 'covered_population', '经度', '纬度']);
    expect(sheets[1].data[2]).toEqual(['site-2', 'nursery', '玉兴街道', 830.5, 102.65, 24.55]);
    // Column widths and a frozen header row are in the sheet XML; no cell is a formula.
    const xml = new TextDecoder().decode(unzipSync(bytes)['xl/worksheets/sheet1.xml']);
    expect(xml).toMatch(/<col [^>]*width=/);
    expect(xml).toContain('ySplit="1"');
    expect(xml).not.toContain('<f>');
  });

  it('writes English headers on request', async () => {
    const sheets = await readXlsxFile(Buffer.from(await writeXlsx([SAMPLE_TABLE], 'en')));
    expect(sheets[0].sheet).toBe('Townships');
    expect(sheets[0].data[0][1]).toBe('Township');
  });
});

describe('GeoJSON', () => {
  it('joins table rows to geometries as a valid named FeatureCollection with the synthetic notice', () => {
    const collection = tableToGeoJson(SAMPLE_TABLE, SAMPLE_GEOMETRIES, { notice: '演示数据' });
    expect(geojsonValidation.valid(collection, true)).toEqual([]);
    expect(collection.name).toBe('townships');
    expect(collection.description).toBe('演示数据');
    expect(collection.features[0].properties).toEqual(SAMPLE_TABLE.rows[0]);
  });
});

describe('rule table', () => {
  it("has the CLI's rules.csv columns", () => {
    const result: RuleResult = {
      ruleId: 'nursery.places',
      title: { zh: '每千人托位数', en: 'Nursery places per 1,000' },
      kind: 'capacity-per-population',
      status: 'fail',
      value: 3.21,
      target: { op: '>=', value: 4.5, unit: 'per-1000' },
      shortfall: { amount: 2025, unit: { zh: '个托位', en: 'places' }, sentence: { zh: '还需 2,025 个托位', en: '2,025 more places' } },
      failing: [],
      provenance: { zh: '', en: '' },
    } as unknown as RuleResult;
    const table = ruleTable([result]);
    const csv = writeTableCsv(table);
    expect(csv.split('\r\n')[0]).toBe('\uFEFFrule_id,title_zh,title_en,kind,status,value,target_op,target_value,target_unit,shortfall,shortfall_unit_zh,shortfall_unit_en,shortfall_zh,shortfall_en,failing_count,source');
    expect(csv.split('\r\n')[1]).toBe('nursery.places,每千人托位数,"Nursery places per 1,000",capacity-per-population,fail,3.21,>=,4.5,per-1000,2025,个托位,places,"还需 2,025 个托位","2,025 more places",0,');
  });
});
