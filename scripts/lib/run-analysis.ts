// The analysis behind `npm run analyze` and `npm run report`, from parsed options to results: rules
// read and checked, the dataset loaded (demo or the planner's files, type mapping, cohort
// estimates), prepared, the service analysed, every rule evaluated, the metric table and the
// summary. Progress and notes go to stderr; a failure prints its bilingual table and gives the exit
// code. Moved here from scripts/analyze.ts so both commands run the very same analysis.

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { AppError, Dataset, Result } from '../../src/core/types.ts';
import { fail, ok } from '../../src/core/types.ts';
import { prepareCells, prepareSites, type PreparedDataset, type PreparedSites } from '../../src/core/prepare/prepare-dataset.ts';
import type { CoverageRequest } from '../../src/core/coverage/coverage-types.ts';
import { DEFAULT_RULE_SET } from '../../src/core/rules/default-rules.ts';
import { evaluateRules } from '../../src/core/rules/evaluate-rules.ts';
import { RuleContext } from '../../src/core/rules/rule-context.ts';
import type { Bilingual, Rule, RuleResult, RuleSet } from '../../src/core/rules/rule-types.ts';
import { validateRuleSet } from '../../src/core/rules/validate-rules.ts';
import { analyzeService, defaultService, serviceCoverageRequest, type ServiceAnalysis } from '../../src/core/report/analyze-service.ts';
import { buildSummary, type AnalysisSummary } from '../../src/core/report/build-summary.ts';
import { buildMetricTable, type MetricTable } from '../../src/core/analysis/compute-metric-table.ts';
import { serviceDefinition, type ServiceCatalog, type ServiceDefinition } from '../../src/core/analysis/service-catalog.ts';
import {
  applyTypeMapping,
  catalogWithMapping,
  EMPTY_TYPE_MAPPING,
  parseInlineTypeMapping,
  unmappedTypeValues,
  validateTypeMapping,
  type TypeMapping,
} from '../../src/core/analysis/map-facility-types.ts';
import { estimateCohorts, parseCohortShares } from '../../src/core/dataset/estimate-cohorts.ts';
import { describeDropped, type DroppedInput } from '../../src/core/import/summarize-dropped.ts';
import { loadInputDataset } from './load-input-dataset.ts';
import { RASTER_FILE } from './load-population-raster.ts';
import { USAGE, type AnalyzeOptions } from './parse-analyze-arguments.ts';
import { formatError, formatProblemTable } from './print-problems.ts';
import { stderrProgress } from './report-progress.ts';
import { writeStderr } from './escape-for-terminal.ts';
import { PhaseClock } from './report-memory.ts';
import { logNetworkReport, travelOutputs, withRoads, type TravelOutputs } from './run-travel-time.ts';

/** Everything the CLI prints goes through here: control characters from data are escaped. */
const log = writeStderr;
const note = (text: Bilingual) => log(`[note] ${text.en} / ${text.zh}\n`);

async function readRuleSet(file: string): Promise<Result<RuleSet>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return fail({ code: 'unreadable-file', file, message: { zh: `无法读取规则文件：${detail}`, en: `cannot read the rules file: ${detail}` } });
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return fail({ code: 'invalid-json', file, message: { zh: `规则文件不是有效的 JSON：${detail}`, en: `the rules file is not valid JSON: ${detail}` } });
  }
  const checked = validateRuleSet(json);
  if (checked.ok) return ok(checked.value);
  const lines = checked.errors.map((e) => e.message);
  return fail({
    code: 'invalid-rules',
    file,
    message: { zh: `规则有误：\n  ${lines.map((m) => m.zh).join('\n  ')}`, en: `invalid rules:\n  ${lines.map((m) => m.en).join('\n  ')}` },
  });
}

async function readTypeMapping(value: string | undefined): Promise<Result<TypeMapping>> {
  if (value === undefined) return ok(EMPTY_TYPE_MAPPING);
  // A file when it names one (or ends in .json); else inline value=service pairs.
  const isFile = /\.json$/i.test(value) || existsSync(value);
  let json: unknown;
  if (isFile) {
    let text: string;
    try {
      text = await readFile(value, 'utf8');
    } catch (error) {
      const detail = (error as NodeJS.ErrnoException).code ?? String(error);
      return fail({ code: 'unreadable-file', file: value, message: { zh: `无法读取类型映射文件（${detail}）`, en: `cannot read the type-map file (${detail})` } });
    }
    try {
      json = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch {
      return fail({ code: 'invalid-json', file: value, message: { zh: '类型映射文件不是有效的 JSON', en: 'the type-map file is not valid JSON' } });
    }
  } else {
    const inline = parseInlineTypeMapping(value);
    if (!inline.ok) return inline;
    json = inline.value;
  }
  const checked = validateTypeMapping(json);
  return checked.ok ? checked : fail({ ...checked.error, ...(isFile ? { file: value } : {}) });
}

async function loadDataset(options: AnalyzeOptions): Promise<Result<{ dataset: Dataset; dropped: DroppedInput[] }>> {
  if (!options.boundaries) {
    log('[load] demo region (synthetic geometry) / 演示区域（几何为合成）\n');
    // Loaded on demand: the own-files path does not read the demo.
    const { loadDemoDataset } = await import('./load-demo-dataset.ts');
    return ok({ dataset: await loadDemoDataset(), dropped: [] });
  }
  // By county tiles, a GeoTIFF population is read tile by tile (tile-by-county.ts), not here.
  const tiledRaster = options.tile && options.population && RASTER_FILE.test(options.population.file);
  const loaded = await loadInputDataset(tiledRaster ? { ...options, population: undefined } : options, { onProgress: stderrProgress('import') });
  if (!loaded.ok) return loaded;
  const { problems, dropped } = loaded.value;
  for (const line of loaded.value.notes) note(line);
  if (problems.length > 0) log(`\nImport problems / 导入问题 (${problems.length}):\n${formatProblemTable(problems)}\n`);
  const errors = problems.filter((p) => p.problem.severity === 'error');
  if (options.keepReadablePart) {
    // The readable part goes on; what was left out is said per file (and in the summary).
    for (const input of dropped) {
      const line = describeDropped(input);
      log(`[import] ${line.en} (--keep-readable-part)\n[导入] ${line.zh}（--keep-readable-part）\n`);
    }
  } else if (errors.length > 0) {
    const first = errors[0];
    const error: AppError = {
      code: 'import-errors',
      file: first.file,
      featureIndex: first.problem.featureIndex,
      field: first.problem.field,
      message: {
        zh: `${errors.length} 处错误（首个：${first.problem.message.zh}），已停止；请修正后重试，或用 --keep-readable-part 只分析可读部分（略去的行与原因会写明）`,
        en: `errors: ${errors.length} (first: ${first.problem.message.en}); stopped — fix them and run again, or add --keep-readable-part to analyse the readable part (what is left out, and why, is said)`,
      },
    };
    return fail(error);
  }
  return ok({ dataset: loaded.value.dataset, dropped });
}

export interface AnalysisRun {
  dataset: Dataset;
  ruleSet: RuleSet;
  prepared: PreparedDataset;
  /** The service catalog with the run's type mapping. */
  catalog: ServiceCatalog;
  service: ServiceDefinition | null;
  analysis: ServiceAnalysis | null;
  results: RuleResult[];
  table: MetricTable | null;
  summary: AnalysisSummary;
  /** With --mode/--minutes: the travel-time table and isochrone. */
  travel: TravelOutputs | null;
}

/**
 * Called (by the built-in engine in one piece) once the townships and facilities are projected,
 * before the population cells are, with the service's coverage request: the CLI hands the discs to
 * its second thread there. What it returns is called when the coverage begins, and waited for
 * (the CLI takes that thread's covered areas).
 */
export type OnSites = (sites: PreparedSites, request: CoverageRequest) => (() => Promise<unknown>) | void;

/** The built-in engine, or the same analysis as SQL in PostGIS (--engine postgis, scripts/postgis/). */
async function analyzeDataset(options: AnalyzeOptions, dataset: Dataset, rules: Rule[], service: ServiceDefinition | null, clock: PhaseClock, onSites?: OnSites) {
  const request = service ? { service, radiusMetres: options.radiusMetres } : null;
  if (options.engine === 'postgis') {
    const { analyzeWithPostgis } = await import('../postgis/analyze-with-postgis.ts');
    // The whole SQL analysis counts as the coverage phase.
    return clock.time('coverage', () => analyzeWithPostgis(dataset, rules, request, { connection: options.db, keepSchema: options.dbKeep }, { onProgress: stderrProgress('postgis') }));
  }
  if (options.tile === 'county') {
    const { analyzeByCounty, populationSourceOf } = await import('./tile-by-county.ts');
    const source = await populationSourceOf(options, dataset);
    if (!source.ok) return source;
    return analyzeByCounty(dataset, source.value.cells, source.value, rules, request, clock);
  }
  // --mode/--minutes: the township and county tables and the gaps are at the travel time
  const travelTime = options.travel ? { kind: 'travel-time' as const, ...options.travel } : undefined;
  const progress = stderrProgress('prepare');
  const sites = await clock.time('prepare', () => prepareSites(dataset));
  const coverageRequest = request ? serviceCoverageRequest({ ...request, travelTime }) : null;
  const handedOver = coverageRequest && onSites ? onSites(sites, coverageRequest) : undefined;
  const prepared = await clock.time('prepare', () => prepareCells(sites, { onProgress: progress }));
  const analysis = await clock.time('coverage', async () => {
    // While the second thread finishes the townships' areas: the distance to the nearest facility,
    // which the service's figures take from the rules' cache (rule-context.ts) in analyzeService.
    if (handedOver && coverageRequest) new RuleContext(prepared).nearest(coverageRequest.filter);
    await handedOver?.();
    return request ? analyzeService(prepared, { ...request, travelTime }, { onProgress: stderrProgress('coverage') }) : null;
  });
  const results = await clock.time('rules', () => evaluateRules(prepared, rules, { onProgress: stderrProgress('rules') }));
  return ok({ prepared, analysis, results });
}

/** The whole analysis for parsed options; a failure has been printed and carries the exit code. */
export async function runAnalysis(options: AnalyzeOptions, clock = new PhaseClock(), onSites?: OnSites): Promise<{ ok: true; value: AnalysisRun } | { ok: false; exitCode: number }> {
  const typeMapping = await readTypeMapping(options.typeMap);
  if (!typeMapping.ok) {
    log(formatError(typeMapping.error));
    return { ok: false, exitCode: 1 };
  }
  const shares: Record<string, number> = {};
  for (const text of options.cohortShares) {
    const parsedShares = parseCohortShares(text);
    if (!parsedShares.ok) {
      log(formatError(parsedShares.error) + '\n' + USAGE);
      return { ok: false, exitCode: 2 };
    }
    Object.assign(shares, parsedShares.value);
  }
  const ruleSet = options.rules ? await readRuleSet(options.rules) : ok(DEFAULT_RULE_SET);
  if (!ruleSet.ok) {
    log(formatError(ruleSet.error));
    return { ok: false, exitCode: 1 };
  }
  const loaded = await clock.time('read', () => loadDataset(options));
  if (!loaded.ok) {
    log(formatError(loaded.error));
    return { ok: false, exitCode: 1 };
  }
  const dataset = loaded.value.dataset;
  const catalog = catalogWithMapping(typeMapping.value);
  const estimated = estimateCohorts({ ...dataset, facilities: applyTypeMapping(dataset.facilities, typeMapping.value) }, shares);
  for (const line of estimated.notes) note(line);
  const roaded = await withRoads(estimated.dataset, options);
  if (!roaded.ok) {
    log(formatError(roaded.error));
    return { ok: false, exitCode: 1 };
  }
  const data = roaded.value;
  for (const { value, count } of unmappedTypeValues(data.facilities, catalog)) {
    note({
      zh: `设施类型值“${value}”（${count} 个）不在服务目录中：规则不会用到它们；可用 --type-map ${value}=服务 指定`,
      en: `facility type value "${value}" (${count}) is not a catalog service: no rule uses it; map it with --type-map ${value}=service`,
    });
  }
  const types = [...new Set(data.facilities.map((f) => f.type))].sort();
  const serviceType = options.service ?? defaultService(types);
  if (options.service && !types.includes(options.service)) {
    log(formatError({ code: 'unknown-service', message: { zh: `没有类型为“${options.service}”的设施；已有：${types.join(', ') || '（无）'}`, en: `no facility has type "${options.service}"; types present: ${types.join(', ') || '(none)'}` } }));
    return { ok: false, exitCode: 1 };
  }
  const service = serviceType ? serviceDefinition(serviceType, catalog) : null;
  const analyzed = await analyzeDataset(options, data, ruleSet.value.rules, service, clock, onSites);
  if (!analyzed.ok) {
    log(formatError(analyzed.error));
    return { ok: false, exitCode: 1 };
  }
  const { prepared, analysis, results } = analyzed.value;
  if (!analysis) log('[coverage] no facilities: the township table has no service figures / 无设施，乡镇表无服务指标\n');
  const travel = travelOutputs(prepared, service, options);
  logNetworkReport(prepared, ruleSet.value.rules, options);
  const table = analysis && service ? buildMetricTable(prepared, service, options.radiusMetres, analysis.figures, results) : null;
  for (const line of table?.notes ?? []) note(line);
  const summary = buildSummary(data, ruleSet.value, results, table, loaded.value.dropped);
  return { ok: true, value: { dataset: data, ruleSet: ruleSet.value, prepared, catalog, service, analysis, results, table, summary, travel } };
}
