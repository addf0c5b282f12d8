// The CLI's travel-time part (analyze and report share it through run-analysis.ts): the road layer
// (--roads, else the demo's own) with edited speeds (--speeds), the network report on stderr, and
// with --mode/--minutes the travel-time table and the service's isochrone.
import type { ServiceDefinition } from '../../src/core/analysis/service-catalog.ts';
import type { Reach } from '../../src/core/coverage/coverage-types.ts';
import { travelTimeTable } from '../../src/core/export/build-export-tables.ts';
import type { ExportTable } from '../../src/core/export/export-table.ts';
import type { Feature } from '../../src/core/geojson-types.ts';
import { serviceCoverageRequest } from '../../src/core/analysis/service-catalog.ts';
import { analyseTravelTime } from '../../src/core/network/analyse-travel-time.ts';
import { describeModeAccess, describeRoadNetwork, formatRoadNetworkReport } from '../../src/core/network/describe-road-network.ts';
import { travelModeNetworkOf, travelModeOfReach } from '../../src/core/network/travel-time-coverage-of-dataset.ts';
import { TRAVEL_TIME_COLUMNS, travelTimeRows } from '../../src/core/network/travel-time-table.ts';
import type { TravelMode } from '../../src/core/network/travel-modes.ts';
import type { PreparedDataset } from '../../src/core/prepare/prepare-dataset.ts';
import { toCsv } from '../../src/core/report/write-csv.ts';
import type { Rule } from '../../src/core/rules/rule-types.ts';
import { fail, ok, type Dataset, type Result } from '../../src/core/types.ts';
import { writeStderr as log } from './escape-for-terminal.ts';
import type { AnalyzeOptions } from './parse-analyze-arguments.ts';
import { readRoadsFile, readSpeedsFile } from './read-roads-file.ts';
import { stderrProgress } from './report-progress.ts';

export interface TravelOutputs {
  /** travel-times.csv (UTF-8 with BOM) and isochrones.geojson. */
  csv: string;
  isochrones: string;
  /** The same, for the report: the table with its column labels, the isochrone feature and its reach. */
  table: ExportTable;
  isochrone: Feature;
  reach: Extract<Reach, { kind: 'travel-time' }>;
}

/** --roads (else the demo's own roads) and --speeds, on the dataset. */
export async function withRoads(dataset: Dataset, options: AnalyzeOptions): Promise<Result<Dataset>> {
  let roads = dataset.roads;
  if (options.roads) {
    log(`[load] roads ${options.roads} / 道路\n`);
    const read = await readRoadsFile(options.roads, { crs: options.crs, encoding: options.encoding }, { onProgress: stderrProgress('roads') });
    if (!read.ok) return read;
    roads = read.value;
  }
  if (options.speeds) {
    if (!roads) return fail({ code: 'no-roads', message: { zh: '--speeds 需要道路网（--roads FILE）', en: '--speeds needs a road network (--roads FILE)' } });
    const speeds = await readSpeedsFile(options.speeds);
    if (!speeds.ok) return speeds;
    roads = { ...roads, speeds: speeds.value };
  }
  if (options.travel && !roads) {
    return fail({ code: 'no-roads', message: { zh: '--mode/--minutes 需要道路网：请给出 --roads FILE', en: '--mode/--minutes need a road network: give --roads FILE' } });
  }
  return ok(roads ? { ...dataset, roads } : dataset);
}

function travelModesOf(rules: Rule[], extra: TravelMode | undefined): TravelMode[] {
  const modes = new Set<TravelMode>(extra ? [extra] : []);
  for (const rule of rules) {
    if (rule.enabled && 'reach' in rule && rule.reach.kind === 'travel-time') modes.add(travelModeOfReach(rule.reach));
  }
  return [...modes];
}

/** The network report on stderr, with the access figures of every mode the run used. */
export function logNetworkReport(prepared: PreparedDataset, rules: Rule[], options: AnalyzeOptions): void {
  if (!prepared.dataset.roads) return;
  const modes = travelModesOf(rules, options.travel?.mode);
  const network = travelModeNetworkOf(prepared, modes[0] ?? 'walk');
  const access = modes.map((mode) => describeModeAccess(prepared, travelModeNetworkOf(prepared, mode)));
  const report = describeRoadNetwork(network.network.graph);
  for (const language of ['zh', 'en'] as const) for (const line of formatRoadNetworkReport(report, access, language)) log(`[network] ${line}\n`);
}

/** With --mode/--minutes: the service's travel-time table and isochrone. */
export function travelOutputs(prepared: PreparedDataset, service: ServiceDefinition | null, options: AnalyzeOptions): TravelOutputs | null {
  if (!options.travel || !service) return null;
  const reach = { kind: 'travel-time' as const, minutes: options.travel.minutes, mode: options.travel.mode };
  const result = analyseTravelTime(prepared, { filter: serviceCoverageRequest(service, options.radiusMetres).filter, reach }, false, { onProgress: stderrProgress('travel time') });
  const region = result.coverage.region;
  log(`[travel] ${service.name.en}: ${((100 * region.coveredPopulation[0]) / Math.max(1, region.population[0])).toFixed(1)}% of the population within ${reach.minutes} min (${reach.mode}) / ${service.name.zh}：${reach.minutes} 分钟内人口占比\n`);
  const cell = travelModeNetworkOf(prepared, travelModeOfReach(reach)).network.grid.cellMetres;
  log(`[travel] townships.csv, counties.csv and gaps.geojson are at ${reach.minutes} min (${reach.mode}); gap polygons follow the ${cell} m travel-time grid / 乡镇表、县表与缺口按 ${reach.minutes} 分钟计，缺口边界分辨率为 ${cell} 米出行时间网格\n`);
  return {
    csv: toCsv([...TRAVEL_TIME_COLUMNS], travelTimeRows(prepared, result.coverage, result.travel.nearestTime), { bom: true }),
    isochrones: JSON.stringify({ type: 'FeatureCollection', features: [result.travel.isochrone] }),
    table: travelTimeTable(prepared, result.coverage, result.travel.nearestTime),
    isochrone: result.travel.isochrone as unknown as Feature,
    reach,
  };
}
