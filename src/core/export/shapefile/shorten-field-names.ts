// DBF field names hold at most 10 bytes (dBASE III), so the long column keys of gapmap's tables get
// short names. The known columns have fixed, documented names (below, and a pattern for the
// per-group columns; the zip also carries the
// mapping as fields.csv), so a field keeps its name from one export to the next; any other key is
// cut to 10 bytes and made unique with a numeric suffix.

import type { ExportColumn } from '../export-table.ts';
import type { DbfEncoding } from './write-dbf.ts';
import { encodeText } from './write-dbf.ts';

/** Column key → Shapefile field name (≤ 10 bytes). */
export const SHAPEFILE_FIELD_NAMES: Record<string, string> = {
  code: 'code',
  name: 'name',
  county: 'county',
  county_code: 'cnty_code',
  area_km2: 'area_km2',
  area_covered_km2: 'cov_km2',
  area_covered_pct: 'cov_area_p',
  population: 'pop',
  population_covered: 'pop_cov',
  population_covered_pct: 'pop_cov_p',
  population_uncovered: 'pop_uncov',
  failed_rule_count: 'fail_count',
  level: 'level',
  age60plus_covered_pct: 'age60_cov',
  age0_3_covered_pct: 'age03_cov',
  age0_14_covered_pct: 'age014_cov',
  facilities: 'facilities',
  capacity: 'capacity',
  capacity_per_1000: 'cap_1000',
  nearest_median_m: 'near_med_m',
  nearest_p90_m: 'near_p90_m',
  two_step_fca_per_1000: 'fca2s_1000',
  failed_rules: 'fail_rules',
  township_code: 'town_code',
  township: 'township',
  uncovered_km2: 'uncov_km2',
  uncovered_population: 'uncov_pop',
  service: 'service',
  id: 'id',
  lng: 'lng',
  lat: 'lat',
};

/** Served-group suffixes of the metric table's per-1,000 columns (capacity_per_1000_age0_3 …). */
const GROUP_SHORT: Record<string, string> = { age0_3: 'a03', age0_14: 'a014', age60plus: 'a60', people: 'all' };

/** Fixed short names for the per-group columns: capacity_per_1000_age0_3 → cap1k_a03, two_step_fca_per_1000_age60plus → fca1k_a60. */
function patternName(key: string): string | undefined {
  const match = /^(capacity|two_step_fca)_per_1000_(.+)$/.exec(key);
  if (!match) return undefined;
  const group = GROUP_SHORT[match[2]];
  return group ? `${match[1] === 'capacity' ? 'cap1k' : 'fca1k'}_${group}` : undefined;
}

export interface FieldName {
  key: string;
  field: string;
}

/** Short, unique field names for the columns, each at most 10 bytes in the given encoding. */
export function shortenFieldNames(columns: ExportColumn[], encoding: DbfEncoding): FieldName[] {
  const used = new Set<string>();
  const fits = (name: string) => encodeText(name, encoding).bytes.length <= 10;
  const cut = (name: string, limit: number) => {
    let kept = '';
    for (const character of name) {
      if (encodeText(kept + character, encoding).bytes.length > limit) break;
      kept += character;
    }
    return kept;
  };
  return columns.map((column) => {
    const preferred = SHAPEFILE_FIELD_NAMES[column.key] ?? patternName(column.key) ?? column.key;
    let name = fits(preferred) ? preferred : cut(preferred, 10);
    for (let n = 1; used.has(name.toLowerCase()); n++) name = cut(preferred, 10 - String(n).length - 1) + '_' + n;
    used.add(name.toLowerCase());
    return { key: column.key, field: name };
  });
}
