// The tables gapmap exports besides the metric table (metric-table-export.ts): the rules (the CLI's
// rules.csv), the travel-time table (the CLI's travel-times.csv) and proposed sites, isochrones or any
// other point/area layer (its properties as columns).

import type { Feature, GeoJsonGeometry } from '../geojson-types.ts';
import type { Bilingual, RuleResult } from '../rules/rule-types.ts';
import { roundTo } from '../rules/format-figures.ts';
import type { CoverageResult } from '../coverage/coverage-types.ts';
import type { NearestTimeResult } from '../network/compute-nearest-time.ts';
import { TRAVEL_TIME_COLUMNS, travelTimeRows } from '../network/travel-time-table.ts';
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import { RULE_COLUMNS, ruleResultRows } from '../report/rule-results-table.ts';
import type { ExportColumn, ExportTable, ExportValue } from './export-table.ts';
import { withCodedValues } from './label-coded-values.ts';

const text = (key: string, zh: string, en: string): ExportColumn => ({ key, label: { zh, en }, type: 'text' });
const number = (key: string, zh: string, en: string, decimals?: number): ExportColumn => ({ key, label: { zh, en }, type: 'number', decimals });

const RULE_COLUMN_INFO: Record<(typeof RULE_COLUMNS)[number], ExportColumn> = {
  rule_id: text('rule_id', '规则', 'Rule'),
  title_zh: text('title_zh', '指标', 'Target (Chinese)'),
  title_en: text('title_en', '指标（英文）', 'Target'),
  kind: text('kind', '类型', 'Kind'),
  status: text('status', '结果', 'Status'),
  value: number('value', '现状值', 'Value', 3),
  target_op: text('target_op', '比较', 'Operator'),
  target_value: number('target_value', '目标值', 'Target value'),
  target_unit: text('target_unit', '单位', 'Unit'),
  shortfall: number('shortfall', '缺口', 'Shortfall'),
  shortfall_unit_zh: text('shortfall_unit_zh', '缺口单位', 'Shortfall unit (Chinese)'),
  shortfall_unit_en: text('shortfall_unit_en', '缺口单位（英文）', 'Shortfall unit'),
  shortfall_zh: text('shortfall_zh', '缺口说明', 'Shortfall (Chinese)'),
  shortfall_en: text('shortfall_en', '缺口说明（英文）', 'Shortfall'),
  failing_count: number('failing_count', '未达标单元数', 'Failing units', 0),
  source: text('source', '规划原文', 'Plan text'),
};

export const TABLE_TITLES: Record<'townships' | 'counties' | 'rules' | 'sites' | 'travelTimes' | 'isochrones', Bilingual> = {
  townships: { zh: '乡镇（街道）指标', en: 'Townships' },
  counties: { zh: '县（市、区）指标', en: 'Counties' },
  rules: { zh: '规划指标达标情况', en: 'Plan targets' },
  sites: { zh: '建议新增设施点', en: 'Proposed sites' },
  travelTimes: { zh: '出行时间指标', en: 'Travel times' },
  isochrones: { zh: '出行时间等时圈', en: 'Isochrones' },
};

const TRAVEL_TIME_COLUMN_INFO: Record<(typeof TRAVEL_TIME_COLUMNS)[number], ExportColumn> = {
  level: text('level', '级别', 'Level'),
  code: text('code', '代码', 'Code'),
  name: text('name', '名称', 'Name'),
  mode: text('mode', '出行方式', 'Mode'),
  minutes: number('minutes', '出行时间（分钟）', 'Minutes', 0),
  population: number('population', '人口', 'Population', 0),
  population_within: number('population_within', '时限内人口', 'Population within the time', 0),
  population_within_pct: number('population_within_pct', '时限内人口占比（%）', 'Population within the time (%)', 1),
  // "unreachable 不可达" where no facility can be reached: kept as text (CSV equal to the CLI's).
  nearest_median_min: number('nearest_median_min', '至最近设施时间中位数（分钟）', 'Median minutes to the nearest', 1),
  nearest_p90_min: number('nearest_p90_min', '至最近设施时间90分位（分钟）', '90th percentile minutes to the nearest', 1),
  unreachable_population: number('unreachable_population', '不可达人口', 'Population that cannot reach one', 0),
};

/** The travel-time table (per township, county and region) as the CLI writes it to travel-times.csv. */
export function travelTimeTable(prepared: PreparedDataset, coverage: CoverageResult, nearest: NearestTimeResult): ExportTable {
  const columns = TRAVEL_TIME_COLUMNS.map((key) => withCodedValues(TRAVEL_TIME_COLUMN_INFO[key]));
  const rows = travelTimeRows(prepared, coverage, nearest).map((cells) => Object.fromEntries(columns.map((c, i) => [c.key, (cells[i] ?? null) as ExportValue])));
  return { name: 'travel-times', title: TABLE_TITLES.travelTimes, columns, rows };
}

export function ruleTable(results: RuleResult[]): ExportTable {
  const columns = RULE_COLUMNS.map((key) => withCodedValues(RULE_COLUMN_INFO[key]));
  const rows = ruleResultRows(results).map((cells) => Object.fromEntries(columns.map((c, i) => [c.key, (cells[i] ?? null) as ExportValue])));
  return { name: 'rules', title: TABLE_TITLES.rules, columns, rows };
}

/** A cell value from an arbitrary property: numbers and strings kept, anything else as JSON text. */
function exportValue(value: unknown): ExportValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return JSON.stringify(value);
}

/** Labels of the properties `npm run site` and the isochrones carry; any other property is labelled by its key. */
const FEATURE_LABELS: Record<string, Bilingual> = {
  rank: { zh: '序号', en: 'Rank' },
  name: { zh: '名称', en: 'Name' },
  township: { zh: '乡镇（街道）', en: 'Township' },
  county: { zh: '县（市、区）', en: 'County' },
  marginal_gain: { zh: '边际增益', en: 'Marginal gain' },
  capacity: { zh: '容量', en: 'Capacity' },
  serves_townships: { zh: '服务乡镇', en: 'Townships served' },
  method: { zh: '方法', en: 'Method' },
  minutes: { zh: '出行时间（分钟）', en: 'Minutes' },
  areaKm2: { zh: '面积（平方公里）', en: 'Area (km²)' },
};

/**
 * A layer's features as a table: one column per property (in first-seen order), numeric when every
 * present value is a number; point layers also get lng/lat columns.
 */
export function featureTable(name: string, title: Bilingual, features: Feature[]): ExportTable {
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const feature of features) {
    for (const key of Object.keys(feature.properties ?? {})) {
      if (!seen.has(key)) {
        seen.add(key);
        keys.push(key);
      }
    }
  }
  const points = features.length > 0 && features.every((f) => f.geometry?.type === 'Point');
  const columns: ExportColumn[] = keys.map((key) => {
    const values = features.map((f) => f.properties?.[key]).filter((v) => v !== null && v !== undefined);
    const numeric = values.length > 0 && values.every((v) => typeof v === 'number');
    return withCodedValues({ key, label: FEATURE_LABELS[key] ?? { zh: key, en: key }, type: numeric ? 'number' : 'text' });
  });
  if (points) {
    if (!seen.has('lng')) columns.push(number('lng', '经度', 'Longitude', 6));
    if (!seen.has('lat')) columns.push(number('lat', '纬度', 'Latitude', 6));
  }
  const rows = features.map((feature) => {
    const row: Record<string, ExportValue> = {};
    for (const key of keys) row[key] = exportValue(feature.properties?.[key]);
    if (points) {
      const [lng, lat] = (feature.geometry as Extract<GeoJsonGeometry, { type: 'Point' }>).coordinates;
      if (!seen.has('lng')) row.lng = roundTo(lng, 6);
      if (!seen.has('lat')) row.lat = roundTo(lat, 6);
    }
    return row;
  });
  return { name, title, columns, rows };
}
