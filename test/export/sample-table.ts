// A small table with what breaks naive writers: Chinese names (垤 is outside the common web-font
// subset), a rare character outside GBK (𠀀, CJK Extension B), quotes, commas, line breaks, a
// leading '=' (formula injection), a missing number and several decimals; and polygons with a hole.
import type { Feature, GeoJsonGeometry } from '../../src/core/geojson-types.ts';
import type { ExportTable } from '../../src/core/export/export-table.ts';

export const SAMPLE_TABLE: ExportTable = {
  name: 'townships',
  title: { zh: '乡镇（街道）指标', en: 'Townships' },
  columns: [
    { key: 'code', label: { zh: '代码', en: 'Code' }, type: 'text' },
    { key: 'name', label: { zh: '乡镇（街道）', en: 'Township' }, type: 'text' },
    { key: 'county', label: { zh: '县（市、区）', en: 'County' }, type: 'text' },
    { key: 'population', label: { zh: '人口', en: 'Population' }, type: 'number', decimals: 0 },
    { key: 'population_covered_pct', label: { zh: '人口覆盖率（%）', en: 'Population covered (%)' }, type: 'number', decimals: 2 },
    { key: 'capacity_per_1000_age60plus', label: { zh: '每千名60岁以上老人床位', en: 'Beds per 1,000 aged 60+' }, type: 'number', decimals: 3 },
    { key: 'failed_rules', label: { zh: '未达标规则', en: 'Failed rules' }, type: 'text' },
  ],
  rows: [
    { code: '530428203', name: '垤玛乡', county: '元江哈尼族彝族傣族自治县', population: 12345, population_covered_pct: 45.67, capacity_per_1000_age60plus: 1.234, failed_rules: 'elder.daycare-coverage;nursery.places' },
    { code: '530402001', name: '玉兴街道', county: '红塔区', population: 80000, population_covered_pct: 100, capacity_per_1000_age60plus: null, failed_rules: '' },
    { code: '530402100', name: '=HYPERLINK("http://x")', county: 'a "quoted", county\r\nwith a line break', population: 0, population_covered_pct: null, capacity_per_1000_age60plus: 0.5, failed_rules: '𠀀 rare' },
  ],
};

const square = (x: number, y: number, size: number): number[][] => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];

export const SAMPLE_GEOMETRIES: GeoJsonGeometry[] = [
  { type: 'Polygon', coordinates: [square(102.5, 24.3, 0.1), square(102.52, 24.32, 0.02).reverse()] },
  { type: 'MultiPolygon', coordinates: [[square(102.7, 24.3, 0.05)], [square(102.8, 24.3, 0.05)]] },
  { type: 'Polygon', coordinates: [square(102.6, 24.5, 0.1)] },
];

export const SAMPLE_SITES: Feature[] = [
  { type: 'Feature', geometry: { type: 'Point', coordinates: [102.55, 24.35] }, properties: { id: 'site-1', service: 'nursery', township: '垤玛乡', covered_population: 1520 } },
  { type: 'Feature', geometry: { type: 'Point', coordinates: [102.65, 24.55] }, properties: { id: 'site-2', service: 'nursery', township: '玉兴街道', covered_population: 830.5 } },
];
