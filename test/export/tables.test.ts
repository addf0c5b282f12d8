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
import { RULE_KINDS, type RuleResult, type RuleStatus } from '../../src/core/rules/rule-types.ts';
import { CODED_VALUE_LABELS, withCodedValues } from '../../src/core/export/label-coded-values.ts';
import { TRAVEL_MODES } from '../../src/core/network/travel-modes.ts';
import { UNREACHABLE_TEXT } from '../../src/core/network/travel-time-table.ts';
import { METHOD_LABELS } from '../../src/core/siting/siting-types.ts';
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

/** A failing capacity rule with its shortfall. */
const NURSERY_RESULT = {
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

describe('rule table', () => {
  it("has the CLI's rules.csv columns", () => {
    const table = ruleTable([NURSERY_RESULT]);
    const csv = writeTableCsv(table);
    expect(csv.split('\r\n')[0]).toBe('\uFEFFrule_id,title_zh,title_en,kind,status,value,target_op,target_value,target_unit,shortfall,shortfall_unit_zh,shortfall_unit_en,shortfall_zh,shortfall_en,failing_count,source');
    expect(csv.split('\r\n')[1]).toBe('nursery.places,每千人托位数,"Nursery places per 1,000",capacity-per-population,fail,3.21,>=,4.5,per-1000,2025,个托位,places,"还需 2,025 个托位","2,025 more places",0,');
  });
});

describe('codes in words', () => {
  it('names every code a table column can hold, in Chinese and English', () => {
    const codes: Record<string, readonly string[]> = {
      level: ['township', 'county', 'region'],
      mode: TRAVEL_MODES,
      kind: RULE_KINDS,
      status: ['pass', 'fail', 'not-available'] satisfies RuleStatus[],
      target_op: ['>=', '>', '<=', '<', '='],
      target_unit: ['percent', 'count', 'per-1000'],
      method: Object.keys(METHOD_LABELS),
    };
    for (const [key, values] of Object.entries(codes)) {
      for (const value of values) {
        const words = CODED_VALUE_LABELS[key][value];
        expect(words?.zh, `${key} ${value}`).toMatch(/[\u4e00-\u9fff≥≤<>=]/);
        expect(words?.en, `${key} ${value}`).toMatch(/^[^\u4e00-\u9fff]+$/);
      }
    }
  });

  it('prints the codes in words in the xlsx (zh and en) while the CSV keeps them', async () => {
    const table = ruleTable([NURSERY_RESULT]);
    const column = (key: string) => table.columns.findIndex((c) => c.key === key);
    const keys = ['kind', 'status', 'target_op', 'target_unit'];
    expect(keys.map((key) => Papa.parse<string[]>(writeTableCsv(table).slice(1)).data[1][column(key)])).toEqual(['capacity-per-population', 'fail', '>=', 'per-1000']);
    const zh = (await readXlsxFile(Buffer.from(await writeXlsx([table], 'zh'))))[0].data[1];
    expect(keys.map((key) => zh[column(key)])).toEqual(['每千人容量', '未达标', '≥', '每千人']);
    const en = (await readXlsxFile(Buffer.from(await writeXlsx([table], 'en'))))[0].data[1];
    expect(keys.map((key) => en[column(key)])).toEqual(['Capacity per 1,000 people', 'Fail', '≥', 'per 1,000 people']);
    // A travel time no one can make: a word in the minutes column, the figures stay numbers.
    const unreachable = withCodedValues({ key: 'nearest_median_min', label: { zh: '时间', en: 'Minutes' }, type: 'number', decimals: 1 });
    const travel = { name: 'travel-times', title: { zh: '出行时间指标', en: 'Travel times' }, columns: [withCodedValues({ key: 'mode', label: { zh: '出行方式', en: 'Mode' }, type: 'text' }), unreachable], rows: [{ mode: 'walk', nearest_median_min: 12.5 }, { mode: 'ebike', nearest_median_min: UNREACHABLE_TEXT }] };
    expect((await readXlsxFile(Buffer.from(await writeXlsx([travel], 'zh'))))[0].data.slice(1)).toEqual([['步行', 12.5], ['电动自行车', '不可达']]);
    expect((await readXlsxFile(Buffer.from(await writeXlsx([travel], 'en'))))[0].data.slice(1)).toEqual([['Walking', 12.5], ['E-bike', 'unreachable']]);
  });
});
