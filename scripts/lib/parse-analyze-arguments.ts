// Command-line arguments of `npm run analyze` (node:util parseArgs), checked into typed options.

import { parseArgs } from 'node:util';
import type { Result } from '../../src/core/types.ts';
import { fail, ok } from '../../src/core/types.ts';
import { parseCohortRaster, type CohortRasterOption } from './load-population-raster.ts';
import { parseRadiusMetres, RADIUS_MAX_METRES, RADIUS_MIN_METRES } from '../../src/core/limits.ts';
import { parseTravelMode, TRAVEL_MODES, type TravelMode } from '../../src/core/network/travel-modes.ts';

/** One input file with the options that apply to it alone (given right after it). */
export interface InputFile {
  file: string;
  /** Coordinate system of this file when it does not declare one (--crs after the file). */
  crs?: string;
  /** Text encoding of this file (--encoding after the file). */
  encoding?: string;
}

export interface FacilityInput extends InputFile {
  /** Facility type for every feature of the file (--type, by position), else read from --type-field. */
  type?: string;
}

export interface AnalyzeOptions {
  help: boolean;
  /**
   * --keep-readable-part (also spelled --allow-errors): analyse what could be read when some rows or
   * features have errors or a file ends early; what was left out, and why, is said on stderr and in
   * the summary. Default: stop with every problem listed.
   */
  keepReadablePart: boolean;
  /** Figures only: no gap polygons (gaps.geojson is not written). */
  noGaps: boolean;
  boundaries?: InputFile;
  counties?: InputFile;
  facilities: FacilityInput[];
  typeField?: string;
  /** --type-map: a JSON file, or inline value=service pairs. */
  typeMap?: string;
  population?: InputFile;
  populationField?: string;
  /** Age-group rasters for a GeoTIFF population: cohort → files summed into it. */
  cohortRasters: CohortRasterOption[];
  /** --cohort-share: cohort=share pairs for a population layer without age groups. */
  cohortShares: string[];
  places?: InputFile;
  placeKindField?: string;
  /** Areas of interest (polygons); rules refer to them by code (areaCode). */
  areas?: InputFile;
  nameField?: string;
  codeField?: string;
  countyField?: string;
  radiusMetres: number;
  /** --roads FILE: a road layer (GeoJSON, Shapefile, OSM .pbf) for travel times. */
  roads?: string;
  /** --speeds FILE: edited speed tables (JSON). */
  speeds?: string;
  /** --mode / --minutes: the travel-time reach of travel-times.csv and isochrones.geojson. */
  travel?: { mode: TravelMode; minutes: number };
  service?: string;
  rules?: string;
  out: string;
  /** Default coordinate system of inputs that neither declare one nor have their own --crs. */
  crs?: string;
  /** Default encoding of inputs without their own --encoding. */
  encoding?: string;
  /** 'builtin' (default) or 'postgis' (the same analysis as SQL in PostGIS at --db). */
  engine: 'builtin' | 'postgis';
  /** 'report' (default: tables and summary) or 'geoparquet' (also the prepared layers as GeoParquet files). */
  format: 'report' | 'geoparquet';
  db?: string;
  dbKeep: boolean;
  /** 'county': one county's townships (and the cells around them) at a time, merged (scripts/lib/tile-by-county.ts). */
  tile?: 'county';
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
    --type-map MAP         type values → services: a JSON file, or inline value=service[,value=service…]
                           (e.g. elder_centre=elder-regional-centre); new services need the JSON form
                           { "broadcast": { "service": "village-broadcast", "name": { "zh": "…", "en": "…" },
                             "servedGroup": "all" } }
  --population FILE        population points or cells (polygons: their centroid is used), or a GeoTIFF
                           (WorldPop, GHS-POP: read only under the townships' extent)
    --population-field F   head-count field (default: guessed, e.g. population / pop / 人口)
    --cohort-raster C=F,…  age-group GeoTIFFs summed into cohort C (e.g. age60plus=f_60.tif,m_60.tif); repeat
    --cohort-share C=S     a cohort the population layer lacks, as a share of the population
                           (e.g. age60plus=18.5% from the census); results using it say so
  --places FILE            target places (communities, resettlement sites, …); kind from --place-kind-field (default kind)
  --areas FILE             areas of interest (polygons with a code, e.g. central-city) that rules restrict to (areaCode)
  --crs CRS                coordinate system (e.g. EPSG:4490, gcj02, EPSG:4547) of the input FILE it follows;
                           given before any input file (or after other options), the default for every input
                           without its own --crs. A CRS the file declares (.prj, GeoJSON crs) always wins.
                           Default: WGS84 / CGCS2000 geographic.
  --encoding ENC           text encoding (e.g. gbk, utf-8) of the input FILE it follows; elsewhere the
                           default for inputs without their own. Default: detected (.cpg, BOM, UTF-8, else GBK).
  --keep-readable-part     analyse the readable part when some rows or features have errors or a GeoJSON
                           file ends early: they are left out, and stderr and summary.json/summary.md say
                           how many per file and why (default: stop, listing every problem).
                           --allow-errors is the same option under its older name

Analysis / 分析:
  --service TYPE           facility type for the township table (default: elder-daycare, else the first type)
  --radius METRES          straight-line service radius for the table, a plain decimal from ${RADIUS_MIN_METRES}
                           to ${RADIUS_MAX_METRES} (default 1000; the service's radius field, e.g. audible_radius_m,
                           still applies per facility)
  --rules FILE             rule set JSON (default: 玉溪市 2025 目标, data/rules/yuxi-2025.json)
  --no-gaps                figures only, no gap polygons (gaps.geojson): for regions too large for them
                           / 只算指标，不画缺口

Engine / 引擎:
  --engine postgis         run the analysis as SQL in PostGIS (layers loaded into a new schema, dropped after)
    --db URL               postgres://user@host:port/database (default: the PG* environment variables)
    --db-keep              keep the schema with the loaded layers
  --tile county            analyse one county at a time (its townships and the population around them)
                           and merge: memory bounded by the largest county, the same figures and rule
                           results (the region's nearest-distance median and p90 within 1 m)
                           / 逐县分块分析再合并
  --format geoparquet      also write the prepared layers (townships, counties, areas,
                           facilities, population, places — points with their township/county codes) as
                           GeoParquet 1.1 files for DuckDB, Apache Sedona or BigQuery

Travel time / 出行时间:
  --roads FILE             road layer: OSM extract (.osm.pbf, streamed; highway=*), GeoJSON or Shapefile
                           lines with a class field (highway / fclass / 道路等级: 高速公路, 国道, 省道, 县道,
                           乡道, 村道, 城市道路, 步行道), optional oneway / maxspeed. The demo has its own.
                           Travel-time rules (the 15-minute walking circle) are evaluated when roads are loaded.
  --mode MODE              walk | elderly-walk | ebike | drive: also write travel-times.csv (per township:
                           people within --minutes, median and p90 minutes to the nearest facility,
                           unreachable people) and isochrones.geojson for the --service
  --minutes N              travel time for --mode, 1 to 240 (default 15)
  --speeds FILE            speed tables, JSON: { "walk": { "roads": { "footway": 4 }, "offRoad": 4 }, … }

Output / 输出:
  --out DIR                output folder (default out): townships.csv, counties.csv (counties and the
                           全市合计 row; UTF-8 with BOM), townships.geojson, gaps.geojson, rules.csv,
                           summary.json, summary.md. Checked before the analysis; files are written under
                           temporary names and renamed together at the end, so a failed run leaves the
                           previous outputs as they were; an output that is a symbolic link is refused.
  --help                   this text

Progress goes to stderr, and at the end the time of each phase and the peak memory (RSS); a run whose
inputs will not fit in memory says so before reading them. Exit status: 0 done, 1 bad input or failed analysis, 2 bad arguments.
`;

function usageError(zh: string, en: string): Result<AnalyzeOptions> {
  return fail({ code: 'usage', message: { zh, en } });
}

const INPUT_OPTIONS = ['boundaries', 'counties', 'facilities', 'population', 'places', 'areas'] as const;
type InputOption = (typeof INPUT_OPTIONS)[number];
/** Options that describe fields of a layer: they do not end the run of per-file options after a file. */
const FIELD_OPTIONS = new Set(['name-field', 'code-field', 'county-field', 'type-field', 'population-field', 'place-kind-field', 'type']);

/**
 * Parses argv (without node and script). --type pairs with the --facilities file before it;
 * --crs and --encoding apply to the input file they follow (with only field options between), and
 * anywhere else set the default for the inputs without their own.
 */
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
        'keep-readable-part': { type: 'boolean' },
        'allow-errors': { type: 'boolean' },
        'no-gaps': { type: 'boolean' },
        boundaries: { type: 'string', multiple: true },
        counties: { type: 'string', multiple: true },
        facilities: { type: 'string', multiple: true },
        type: { type: 'string', multiple: true },
        'type-field': { type: 'string' },
        'type-map': { type: 'string' },
        population: { type: 'string', multiple: true },
        'population-field': { type: 'string' },
        'cohort-raster': { type: 'string', multiple: true },
        'cohort-share': { type: 'string', multiple: true },
        places: { type: 'string', multiple: true },
        'place-kind-field': { type: 'string' },
        areas: { type: 'string', multiple: true },
        'name-field': { type: 'string' },
        'code-field': { type: 'string' },
        'county-field': { type: 'string' },
        radius: { type: 'string' },
        roads: { type: 'string' },
        speeds: { type: 'string' },
        mode: { type: 'string' },
        minutes: { type: 'string' },
        service: { type: 'string' },
        rules: { type: 'string' },
        out: { type: 'string' },
        crs: { type: 'string', multiple: true },
        encoding: { type: 'string', multiple: true },
        engine: { type: 'string' },
        db: { type: 'string' },
        'db-keep': { type: 'boolean' },
        format: { type: 'string' },
        tile: { type: 'string' },
      },
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return usageError(`参数错误：${message}`, `bad arguments: ${message}`);
  }
  const { values, tokens } = parsed;
  const inputs: Partial<Record<Exclude<InputOption, 'facilities'>, InputFile>> = {};
  const facilities: FacilityInput[] = [];
  const defaults: { crs?: string; encoding?: string } = {};
  /** The input file that per-file options (--type, --crs, --encoding) attach to, while they follow it. */
  let current: FacilityInput | null = null;
  for (const token of tokens ?? []) {
    if (token.kind !== 'option') continue;
    const name = token.name;
    if ((INPUT_OPTIONS as readonly string[]).includes(name) && token.value !== undefined) {
      const input: FacilityInput = { file: token.value };
      if (name === 'facilities') facilities.push(input);
      else {
        if (inputs[name as Exclude<InputOption, 'facilities'>]) return usageError(`--${name} 只能给出一次`, `--${name} can be given only once`);
        inputs[name as Exclude<InputOption, 'facilities'>] = input;
      }
      current = input;
      continue;
    }
    if (name === 'type' && token.value !== undefined) {
      const last = facilities[facilities.length - 1];
      if (!last || last.type !== undefined) return usageError('--type 应紧跟在对应的 --facilities FILE 之后', '--type must follow the --facilities FILE it describes');
      last.type = token.value;
      continue;
    }
    if ((name === 'crs' || name === 'encoding') && token.value !== undefined) {
      const target: { crs?: string; encoding?: string } = current ?? defaults;
      if (target[name] !== undefined) {
        const where = current ? `“${current.file}”` : '';
        return usageError(`${where}的 --${name} 重复给出`, `--${name} given twice${current ? ` for "${current.file}"` : ' as the default'}`);
      }
      target[name] = token.value;
      continue;
    }
    if (!FIELD_OPTIONS.has(name)) current = null;
  }
  const radius = parseRadiusMetres(values.radius ?? '1000');
  if (!radius.ok) return usageError(`--radius：${radius.message.zh}`, `--radius: ${radius.message.en}`);
  let travel: AnalyzeOptions['travel'];
  if (values.mode !== undefined || values.minutes !== undefined) {
    const mode = parseTravelMode(values.mode ?? 'walk');
    if (!mode) return usageError(`--mode 应为 ${TRAVEL_MODES.join('、')} 之一`, `--mode must be one of ${TRAVEL_MODES.join(', ')}`);
    const minutes = Number(values.minutes ?? '15');
    if (!/^\d+(\.\d+)?$/.test(values.minutes ?? '15') || !(minutes >= 1 && minutes <= 240)) return usageError('--minutes 应为 1 到 240 之间的数', '--minutes must be a number from 1 to 240');
    travel = { mode, minutes };
  }
  const cohortRasters: CohortRasterOption[] = [];
  for (const text of values['cohort-raster'] ?? []) {
    const cohort = parseCohortRaster(text);
    if (!cohort.ok) return cohort;
    cohortRasters.push(cohort.value);
  }
  if (cohortRasters.length > 0 && !/\.tiff?$/i.test(inputs.population?.file ?? '')) {
    return usageError('--cohort-raster 需要与 GeoTIFF 人口栅格（--population FILE.tif）同用', '--cohort-raster needs a GeoTIFF population (--population FILE.tif)');
  }
  const engine = values.engine ?? 'builtin';
  if (engine !== 'builtin' && engine !== 'postgis') {
    return usageError(`--engine 应为 builtin 或 postgis，收到“${engine}”`, `--engine must be builtin or postgis, got "${engine}"`);
  }
  const format = values.format ?? 'report';
  if (format !== 'report' && format !== 'geoparquet') {
    return usageError(`--format 应为 report 或 geoparquet，收到“${format}”`, `--format must be report or geoparquet, got "${format}"`);
  }
  const tile = values.tile;
  if (tile !== undefined && tile !== 'county') {
    return usageError(`--tile 只能为 county，收到“${tile}”`, `--tile takes county, got "${tile}"`);
  }
  if (tile && (engine === 'postgis' || format === 'geoparquet' || travel || values.roads)) {
    return usageError(
      '--tile county 不能与 --engine postgis、--format geoparquet、--roads 或 --mode 同用',
      '--tile county cannot be combined with --engine postgis, --format geoparquet, --roads or --mode',
    );
  }
  if (tile && !inputs.boundaries) {
    return usageError('--tile county 用于自己的数据：请给出 --boundaries FILE', '--tile county is for your own files: give --boundaries FILE');
  }
  const ownFiles = inputs.counties ?? inputs.population ?? inputs.places ?? inputs.areas ?? facilities[0] ?? values['type-map'];
  if (ownFiles && !inputs.boundaries) {
    return usageError('分析自己的数据时必须给出 --boundaries FILE（乡镇边界）', '--boundaries FILE (township polygons) is required when analysing your own files');
  }
  return ok({
    help: values.help ?? false,
    keepReadablePart: (values['keep-readable-part'] || values['allow-errors']) ?? false,
    noGaps: values['no-gaps'] ?? false,
    boundaries: inputs.boundaries,
    counties: inputs.counties,
    facilities,
    typeField: values['type-field'],
    typeMap: values['type-map'],
    population: inputs.population,
    populationField: values['population-field'],
    cohortRasters,
    cohortShares: values['cohort-share'] ?? [],
    places: inputs.places,
    placeKindField: values['place-kind-field'],
    areas: inputs.areas,
    nameField: values['name-field'],
    codeField: values['code-field'],
    countyField: values['county-field'],
    radiusMetres: radius.value,
    roads: values.roads,
    speeds: values.speeds,
    travel,
    service: values.service,
    rules: values.rules,
    out: values.out ?? 'out',
    crs: defaults.crs,
    encoding: defaults.encoding,
    engine,
    db: values.db,
    dbKeep: values['db-keep'] ?? false,
    format,
    ...(tile ? { tile } : {}),
  });
}
