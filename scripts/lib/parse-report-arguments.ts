// Command-line arguments of `npm run report`: its own options are taken out here, the rest are the
// analyze options (parse-analyze-arguments.ts), so the report analyses exactly what analyze would.

import type { Result } from '../../src/core/types.ts';
import { fail, ok } from '../../src/core/types.ts';
import { shapefileCrs } from '../../src/core/export/shapefile/shapefile-prj.ts';

export interface ReportOptions {
  language: 'zh' | 'en';
  scenario?: string;
  atlas?: 'county' | 'township';
  maps: boolean;
  /** Services to draw a gap map for; default every catalog service the data has. */
  mapServices?: string[];
  mapDpi: number;
  xlsx: boolean;
  shapefile: boolean;
  shapefileEncoding: 'utf-8' | 'gbk';
  shapefileCrs: string;
  /** Proposed sites (the GeoJSON `npm run site` writes) to list and map. */
  sites?: string;
}

export const REPORT_USAGE = `gapmap report — 报告导出 / report export

Usage / 用法:
  npm run report -- [analyze options] --out DIR [report options]

Writes report.pdf (cover, plan targets, a gap map per service, the township and county tables,
proposed sites, methods and provenance; Chinese embedded as subset fonts), the maps as PNG,
townships.csv, counties.csv and rules.csv (as analyze writes them), townships.geojson and gaps.geojson.
With --mode/--minutes also travel-times.csv and isochrones.geojson (as analyze writes them), the
travel-time table in the report and the isochrone on the analysed service's map.

Report options / 报告选项:
  --language zh|en         report language (default zh)
  --scenario TEXT          scenario named on the cover and the maps (default 现状 / baseline)
  --atlas county|township  add an atlas: one page per county or township, each with its map
  --map-services a,b       services to map (default: every service the rules count that the data has, the analysed one first)
  --map-dpi N              map resolution in dots per inch on A4 landscape (72–300, default 150)
  --no-maps                no maps (they need Chromium: /usr/bin/chromium or CHROMIUM_PATH)
  --sites FILE             proposed sites (sites.geojson from npm run site): listed, mapped and exported
  --xlsx                   also write tables.xlsx (townships, counties, rules, sites, travel times; typed numbers)
  --shapefile              also write townships-shp.zip, gaps-shp.zip (and sites-shp.zip, isochrones-shp.zip) for ArcGIS/QGIS
  --shapefile-encoding utf-8|gbk    attribute encoding (default utf-8; .cpg says which)
  --shapefile-crs CODE     EPSG:4326 (default), EPSG:4490 or a CGCS2000 Gauss–Krüger code (EPSG:4491–4554)

Every analyze option works too (npm run analyze -- --help).
`;

const VALUE_FLAGS = new Set(['--sites', '--language', '--scenario', '--atlas', '--map-services', '--map-dpi', '--shapefile-encoding', '--shapefile-crs']);
const BOOLEAN_FLAGS = new Set(['--no-maps', '--xlsx', '--shapefile']);

function invalid(zh: string, en: string) {
  return fail<{ report: ReportOptions; analyzeArguments: string[] }>({ code: 'invalid-argument', message: { zh, en } });
}

/** Splits the report's own options from the analyze options. */
export function parseReportArguments(argv: string[]): Result<{ report: ReportOptions; analyzeArguments: string[] }> {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].startsWith('--') && argv[i].includes('=') ? [argv[i].slice(0, argv[i].indexOf('=')), argv[i].slice(argv[i].indexOf('=') + 1)] : [argv[i], undefined];
    if (VALUE_FLAGS.has(flag)) {
      const value = inline ?? argv[++i];
      if (value === undefined) return invalid(`${flag} 需要一个值`, `${flag} needs a value`);
      values.set(flag, value);
    } else if (BOOLEAN_FLAGS.has(flag)) flags.add(flag);
    else rest.push(argv[i]);
  }
  const language = values.get('--language') ?? 'zh';
  if (language !== 'zh' && language !== 'en') return invalid(`--language 只能是 zh 或 en：${language}`, `--language must be zh or en: ${language}`);
  const atlas = values.get('--atlas');
  if (atlas !== undefined && atlas !== 'county' && atlas !== 'township') return invalid(`--atlas 只能是 county 或 township：${atlas}`, `--atlas must be county or township: ${atlas}`);
  const mapDpi = Number(values.get('--map-dpi') ?? 150);
  if (!Number.isFinite(mapDpi) || mapDpi < 72 || mapDpi > 300) return invalid(`--map-dpi 须在 72–300 之间：${values.get('--map-dpi')}`, `--map-dpi must be 72–300: ${values.get('--map-dpi')}`);
  const encoding = (values.get('--shapefile-encoding') ?? 'utf-8').toLowerCase().replace(/^utf8$/, 'utf-8');
  if (encoding !== 'utf-8' && encoding !== 'gbk') return invalid(`--shapefile-encoding 只能是 utf-8 或 gbk：${encoding}`, `--shapefile-encoding must be utf-8 or gbk: ${encoding}`);
  const crs = values.get('--shapefile-crs') ?? 'EPSG:4326';
  const crsInfo = shapefileCrs(crs);
  if (!crsInfo) return invalid(`--shapefile-crs 不支持：${crs}（可选 EPSG:4326、EPSG:4490、EPSG:4491–4554）`, `--shapefile-crs not supported: ${crs} (EPSG:4326, EPSG:4490 or EPSG:4491–4554)`);
  const mapServices = values.get('--map-services')?.split(',').map((s) => s.trim()).filter(Boolean);
  return ok({
    report: {
      language,
      scenario: values.get('--scenario'),
      atlas,
      maps: !flags.has('--no-maps'),
      mapServices,
      mapDpi,
      xlsx: flags.has('--xlsx'),
      shapefile: flags.has('--shapefile'),
      shapefileEncoding: encoding,
      shapefileCrs: crsInfo.id,
      sites: values.get('--sites'),
    },
    analyzeArguments: rest.includes('--out') || rest.some((a) => a.startsWith('--out=')) ? rest : [...rest, '--out', 'out/report'],
  });
}
