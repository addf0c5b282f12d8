// Command-line arguments of `npm run analyze` (node:util parseArgs), checked into typed options.

import { parseArgs } from 'node:util';
import type { Result } from '../../src/core/types.ts';
import { fail, ok } from '../../src/core/types.ts';
import { parseCohortRaster, type CohortRasterOption } from './load-population-raster.ts';

export interface FacilityInput {
  file: string;
  /** Facility type for every feature of the file (--type, by position), else read from --type-field. */
  type?: string;
}

export interface AnalyzeOptions {
  help: boolean;
  /** Analyse even when some features have errors (they are left out). */
  allowErrors: boolean;
  boundaries?: string;
  counties?: string;
  facilities: FacilityInput[];
  typeField?: string;
  population?: string;
  populationField?: string;
  /** Age-group rasters for a GeoTIFF population: cohort → files summed into it. */
  cohortRasters: CohortRasterOption[];
  places?: string;
  placeKindField?: string;
  /** Areas of interest (polygons); rules refer to them by code (areaCode). */
  areas?: string;
  nameField?: string;
  codeField?: string;
  countyField?: string;
  radiusMetres: number;
  service?: string;
  rules?: string;
  out: string;
  crs?: string;
  encoding?: string;
}

export const USAGE = `gapmap analyze — 公共服务覆盖与缺口分析 / coverage and gap analysis

Usage / 用法:
  npm run analyze                          analyse the demo region against the default rules → out/
  npm run analyze -- [options]             analyse your own files

Inputs / 输入 (GeoJSON, Shapefile .zip/.shp, CSV with coordinates, …):
  --boundaries FILE        township (乡镇/街道) polygons — required with your own files
    --name-field F         township name field (default: guessed, e.g. name / 名称)
    --code-field F         township code field (default: guessed, e.g. code / 代码)
    --county-field F       field holding the township's county code or name
  --counties FILE          county (县/市/区) polygons (optional)
  --facilities FILE        facility points; repeat for several files
    --type T               facility type of the preceding --facilities file (repeat, in order)
    --type-field F         field holding each facility's type (when --type is not given)
  --population FILE        population points or cells (polygons: their centroid is used), or a GeoTIFF
                           (WorldPop, GHS-POP: read only under the townships' extent)
    --population-field F   head-count field (default: guessed, e.g. population / pop / 人口)
    --cohort-raster C=F,…  age-group GeoTIFFs summed into cohort C (e.g. age60plus=f_60.tif,m_60.tif); repeat
  --places FILE            target places (communities, resettlement sites, …); kind from --place-kind-field (default kind)
  --areas FILE             areas of interest (polygons with a code, e.g. central-city) that rules restrict to (areaCode)
  --crs CRS                coordinate system of the inputs when not declared (e.g. EPSG:4490, gcj02, EPSG:4547)
  --encoding ENC           text encoding of DBF/CSV inputs (e.g. gbk, utf-8)
  --allow-errors           analyse even when some features have errors (they are left out; default: stop)

Analysis / 分析:
  --service TYPE           facility type for the township table (default: elder-daycare, else the first type)
  --radius METRES          straight-line service radius for the table (default 1000)
  --rules FILE             rule set JSON (default: 玉溪市 2025 目标, data/rules/yuxi-2025.json)

Output / 输出:
  --out DIR                output folder (default out): townships.csv (UTF-8 with BOM), townships.geojson,
                           gaps.geojson, rules.csv, summary.json, summary.md
  --help                   this text

Progress goes to stderr. Exit status: 0 done, 1 bad input or failed analysis, 2 bad arguments.
`;

function usageError(zh: string, en: string): Result<AnalyzeOptions> {
  return fail({ code: 'usage', message: { zh, en } });
}

/** Parses argv (without node and script). --type values pair with --facilities files in order. */
export function parseAnalyzeArguments(argv: string[]): Result<AnalyzeOptions> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: false,
      strict: true,
      tokens: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        'allow-errors': { type: 'boolean' },
        boundaries: { type: 'string' },
        counties: { type: 'string' },
        facilities: { type: 'string', multiple: true },
        type: { type: 'string', multiple: true },
        'type-field': { type: 'string' },
        population: { type: 'string' },
        'population-field': { type: 'string' },
        'cohort-raster': { type: 'string', multiple: true },
        places: { type: 'string' },
        'place-kind-field': { type: 'string' },
        areas: { type: 'string' },
        'name-field': { type: 'string' },
        'code-field': { type: 'string' },
        'county-field': { type: 'string' },
        radius: { type: 'string' },
        service: { type: 'string' },
        rules: { type: 'string' },
        out: { type: 'string' },
        crs: { type: 'string' },
        encoding: { type: 'string' },
      },
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return usageError(`参数错误：${message}`, `bad arguments: ${message}`);
  }
  const { values, tokens } = parsed;
  // Pair each --type with the --facilities file given before it.
  const facilities: FacilityInput[] = [];
  for (const token of tokens ?? []) {
    if (token.kind !== 'option') continue;
    if (token.name === 'facilities' && token.value) facilities.push({ file: token.value });
    if (token.name === 'type' && token.value) {
      const last = facilities[facilities.length - 1];
      if (!last || last.type !== undefined) return usageError('--type 应紧跟在对应的 --facilities FILE 之后', '--type must follow the --facilities FILE it describes');
      last.type = token.value;
    }
  }
  const radiusText = values.radius ?? '1000';
  const radiusMetres = Number(radiusText);
  if (!Number.isFinite(radiusMetres) || radiusMetres <= 0) {
    return usageError(`--radius 应为正数（米），收到“${radiusText}”`, `--radius must be a positive number of metres, got "${radiusText}"`);
  }
  const cohortRasters: CohortRasterOption[] = [];
  for (const text of values['cohort-raster'] ?? []) {
    const cohort = parseCohortRaster(text);
    if (!cohort.ok) return cohort;
    cohortRasters.push(cohort.value);
  }
  if (cohortRasters.length > 0 && !/\.tiff?$/i.test(values.population ?? '')) {
    return usageError('--cohort-raster 需要与 GeoTIFF 人口栅格（--population FILE.tif）同用', '--cohort-raster needs a GeoTIFF population (--population FILE.tif)');
  }
  const ownFiles = values.counties ?? values.population ?? values.places ?? values.areas ?? (facilities.length > 0 ? 'yes' : undefined);
  if (ownFiles && !values.boundaries) {
    return usageError('分析自己的数据时必须给出 --boundaries FILE（乡镇边界）', '--boundaries FILE (township polygons) is required when analysing your own files');
  }
  return ok({
    help: values.help ?? false,
    allowErrors: values['allow-errors'] ?? false,
    boundaries: values.boundaries,
    counties: values.counties,
    facilities,
    typeField: values['type-field'],
    population: values.population,
    populationField: values['population-field'],
    cohortRasters,
    places: values.places,
    placeKindField: values['place-kind-field'],
    areas: values.areas,
    nameField: values['name-field'],
    codeField: values['code-field'],
    countyField: values['county-field'],
    radiusMetres,
    service: values.service,
    rules: values.rules,
    out: values.out ?? 'out',
    crs: values.crs,
    encoding: values.encoding,
  });
}
