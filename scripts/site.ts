// `npm run site`: where new facilities should go. On the demo region (no --boundaries) or the
// planner's own files (the same inputs as `npm run analyze`, loaded by scripts/lib), it proposes
// sites for one problem — maximal covering (--k), set covering (--share, --cover-places), p-median,
// capacity-aware covering, or the fewest sites that make a rule pass (--target RULE_ID) — and
// writes sites.geojson, sites.csv (UTF-8 with BOM), summary.json and summary.md with the optimality
// gap and the method behind every figure. See USAGE.

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { AppError, Dataset, Result } from '../src/core/types.ts';
import { fail, ok } from '../src/core/types.ts';
import { prepareDataset } from '../src/core/prepare/prepare-dataset.ts';
import { DEFAULT_RULE_SET } from '../src/core/rules/default-rules.ts';
import { validateRuleSet } from '../src/core/rules/validate-rules.ts';
import type { Rule } from '../src/core/rules/rule-types.ts';
import type { Reach } from '../src/core/coverage/coverage-types.ts';
import { importLayer } from '../src/core/import/import-layer.ts';
import { describeDropped, droppedAnything, summarizeDropped } from '../src/core/import/summarize-dropped.ts';
import type { ImportedFeature } from '../src/core/geojson-types.ts';
import { planSites, type SitingProblem, type SitingRequest } from '../src/core/siting/plan-sites.ts';
import { generateCandidates } from '../src/core/siting/generate-candidates.ts';
import { projectCandidates } from '../src/core/siting/project-candidates.ts';
import { filterCandidates } from '../src/core/siting/filter-candidates.ts';
import { demandWeights } from '../src/core/siting/demand-weights.ts';
import { reachEngine } from '../src/core/siting/reach-engine.ts';
import { candidatePointsOf, exclusionPolygonsOf, roadLinesOf } from '../src/core/siting/read-siting-layers.ts';
import { TRAVEL_MODES } from '../src/core/network/travel-modes.ts';
import { summariseProposal } from '../src/core/siting/summarise-proposal.ts';
import { loadLinearSolver } from '../src/core/siting/load-linear-solver.ts';
import { buildSitingReport, sitesToCsv, sitesToGeoJson, sitingReportToMarkdown } from '../src/core/siting/write-siting-report.ts';
import { loadInputDataset } from './lib/load-input-dataset.ts';
import { parseAnalyzeArguments, type AnalyzeOptions } from './lib/parse-analyze-arguments.ts';
import { readLayerFiles } from './lib/read-layer-files.ts';
import { readRoadsFile } from './lib/read-roads-file.ts';
import { formatError, formatProblemTable } from './lib/print-problems.ts';
import { stderrProgress } from './lib/report-progress.ts';
import { DEMO_DIRECTORY, loadDemoDataset } from './lib/load-demo-dataset.ts';

const log = (line: string) => process.stderr.write(line);

export const USAGE = `gapmap site — 设施选址 / facility siting

Usage / 用法:
  npm run site -- --service elder-daycare --k 10 --radius 1000      10 new sites covering the most people (demo)
  npm run site -- --service elder-daycare --share 90 --radius 1000   fewest sites for 90% of people within 1,000 m
  npm run site -- --target elder.regional-centre                     fewest sites so that a rule passes

Problem / 问题 (one of):
  --k N                    maximal covering: N new sites newly reaching the most people (default problem)
  --share PERCENT          set covering: fewest sites so PERCENT of the people are within reach
  --cover-places KINDS     fewest sites reaching every target place of these kinds (comma-separated)
  --p-median               with --k: minimise the people-weighted distance to the nearest facility
    --cap N                cap for p-median, in the reach's unit: metres (default 3 × --radius), or with
                           --minutes, minutes (default 3 × --minutes)
  --capacity N             with --k: each new site serves at most N people (capacity-aware covering);
                           with --target: capacity of each new facility (nursery places, beds)
  --target RULE_ID         fewest new sites so that this rule of the rule set passes

Service and reach / 服务与可达:
  --service TYPE           facility type of the new sites (default elder-daycare); existing ones stay fixed
  --radius METRES          straight-line reach (default 1000)
  --minutes M --mode MODE  travel-time reach over the roads (walk | elderly-walk | ebike | cycle | drive; default walk):
                           the demo's road network, or --roads FILE with your own data
  --cohort NAME            weigh people of a cohort (e.g. age60plus, age0_3); default everyone
  --area CODE              only people in this area of interest (e.g. central-city)

Candidates / 候选点:
  --candidates FILE        candidate points, or parcels (polygons: one candidate at each centroid) — GeoJSON,
                           CSV with coordinates, Shapefile, …; default: generated
                           from the populated cells in the gaps, one per --grid square
  --grid METRES            grid for generated candidates (default radius / 2)
  --exclude FILE           exclusion polygons (water, protected land): no site inside
  --roads FILE             road lines: the network of a travel-time reach (--minutes), and with
                           --road-metres M (default 200) only candidates within M of a road
  --spacing METRES         minimum distance between new sites

Data / 数据 (as in npm run analyze): --boundaries --counties --facilities [--type] --type-field --population
  --population-field --places --place-kind-field --areas --name-field --code-field --county-field --crs --encoding
  Without --boundaries the demo region is used; --facilities then replaces the demo's facilities.
  --keep-readable-part     site on the readable part when rows or features of an input (data, candidates,
                           exclusions, roads) have errors or a GeoJSON file ends early; what was left out of
                           each file, and why, is said (older name --allow-errors). Without it bad input stops
  --rules FILE             rule set JSON (default 玉溪市 2025 目标)

Solver / 求解:
  --no-exact               do not load HiGHS (bound from the Lagrangian relaxation only)
  --time-limit SECONDS     HiGHS time limit (default 20)

Output / 输出:
  --out DIR                output folder (default out/siting): sites.geojson, sites.csv, summary.json, summary.md

Exit status: 0 done, 1 bad input or no answer, 2 bad arguments.
`;

interface SiteOptions {
  data: AnalyzeOptions;
  /** No --boundaries: the demo region, with --facilities (if any) replacing its facilities. */
  demoBase: boolean;
  service: string;
  reach: Reach;
  problem: SitingProblem;
  cohort?: string;
  area?: string;
  capacity?: number;
  candidates?: string;
  grid?: number;
  exclude?: string;
  roads?: string;
  roadMetres?: number;
  spacing: number;
  rules?: string;
  exact: boolean;
  timeLimit: number;
  out: string;
}

const usage = (zh: string, en: string): Result<never> => fail({ code: 'usage', message: { zh, en } });

function positive(text: string | undefined, flag: string, fallback?: number): Result<number | undefined> {
  if (text === undefined) return ok(fallback);
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) return usage(`${flag} 应为正数，收到“${text}”`, `${flag} must be a positive number, got "${text}"`);
  return ok(value);
}

/** The input options `npm run analyze` understands; they go to its parser unchanged. */
const DATA_FLAGS = new Set([
  'boundaries', 'counties', 'facilities', 'type', 'type-field', 'population', 'population-field', 'places',
  'place-kind-field', 'areas', 'name-field', 'code-field', 'county-field', 'crs', 'encoding',
]);

/** The data options without a value (switches), passed to its parser too. */
const DATA_SWITCHES = new Set(['keep-readable-part', 'allow-errors']);

/** Splits argv into the data options (for parseAnalyzeArguments) and the siting options. */
function splitArguments(argv: string[]): { data: string[]; site: string[] } {
  const data: string[] = [];
  const site: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].startsWith('--') ? argv[i].slice(2).split('=')[0] : '';
    if (DATA_SWITCHES.has(name)) data.push(argv[i]);
    else if (!DATA_FLAGS.has(name)) site.push(argv[i]);
    else if (argv[i].includes('=')) data.push(argv[i]);
    else data.push(argv[i], ...(i + 1 < argv.length ? [argv[++i]] : []));
  }
  return { data, site };
}

export function parseSiteArguments(argv: string[]): Result<SiteOptions | 'help'> {
  const split = splitArguments(argv);
  let parsed;
  try {
    parsed = parseArgs({
      args: split.site,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        service: { type: 'string' },
        k: { type: 'string' },
        share: { type: 'string' },
        'cover-places': { type: 'string' },
        'p-median': { type: 'boolean' },
        cap: { type: 'string' },
        capacity: { type: 'string' },
        target: { type: 'string' },
        radius: { type: 'string' },
        minutes: { type: 'string' },
        mode: { type: 'string' },
        cohort: { type: 'string' },
        area: { type: 'string' },
        candidates: { type: 'string' },
        grid: { type: 'string' },
        exclude: { type: 'string' },
        roads: { type: 'string' },
        'road-metres': { type: 'string' },
        spacing: { type: 'string' },
        rules: { type: 'string' },
        'no-exact': { type: 'boolean' },
        'time-limit': { type: 'string' },
        out: { type: 'string' },
      },
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return usage(`参数错误：${message}`, `bad arguments: ${message}`);
  }
  const { values } = parsed;
  if (values.help) return ok('help');
  const numbers: Record<string, number | undefined> = {};
  for (const flag of ['k', 'share', 'cap', 'capacity', 'radius', 'minutes', 'grid', 'road-metres', 'spacing', 'time-limit'] as const) {
    const value = positive(values[flag], `--${flag}`);
    if (!value.ok) return value;
    numbers[flag] = value.value;
  }
  if (numbers.share !== undefined && numbers.share > 100) return usage('--share 应在 0–100 之间', '--share must be between 0 and 100');
  const radius = numbers.radius ?? 1000;
  // Without --boundaries the demo region is the base; only its facilities can be replaced.
  const flags = split.data.filter((a) => a.startsWith('--')).map((a) => a.slice(2).split('=')[0]);
  const demoBase = !flags.includes('boundaries');
  if (demoBase && flags.some((f) => !['facilities', 'type', 'type-field', 'crs', 'encoding', ...DATA_SWITCHES].includes(f))) {
    return usage('使用演示区域时只能用 --facilities 替换设施；其他图层请同时给出 --boundaries', 'with the demo region only --facilities can replace a layer; give --boundaries to use your own files');
  }
  const frame = demoBase && flags.includes('facilities') ? ['--boundaries', join(DEMO_DIRECTORY, 'townships.geojson')] : [];
  const data = parseAnalyzeArguments([...split.data, ...frame, '--radius', String(radius)]);
  if (!data.ok) return data;
  let reach: Reach = { kind: 'distance', metres: radius };
  if (numbers.minutes !== undefined) {
    const mode = values.mode ?? 'walk';
    const known = mode === 'cycle' ? mode : TRAVEL_MODES.find((m) => m === mode);
    if (!known) return usage(`--mode 应为 ${[...TRAVEL_MODES, 'cycle'].join('、')}，收到“${mode}”`, `--mode must be one of ${[...TRAVEL_MODES, 'cycle'].join(', ')}, got "${mode}"`);
    reach = { kind: 'travel-time', minutes: numbers.minutes, mode: known };
  }
  const k = numbers.k;
  let problem: SitingProblem;
  if (values.target) problem = { kind: 'rule', ruleId: values.target };
  else if (numbers.share !== undefined) problem = { kind: 'set-cover', sharePercent: numbers.share };
  else if (values['cover-places']) problem = { kind: 'cover-places', placeKinds: values['cover-places'].split(',').map((s) => s.trim()).filter(Boolean) };
  else if (values['p-median']) problem = { kind: 'p-median', k: Math.round(k ?? 10), cap: numbers.cap ?? 3 * (reach.kind === 'distance' ? reach.metres : reach.minutes) };
  else if (numbers.capacity !== undefined) problem = { kind: 'capacitated', k: Math.round(k ?? 10), capacity: numbers.capacity };
  else problem = { kind: 'max-coverage', k: Math.round(k ?? 10) };
  return ok({
    data: data.value,
    demoBase,
    service: values.service ?? 'elder-daycare',
    reach,
    problem,
    cohort: values.cohort,
    area: values.area,
    capacity: numbers.capacity,
    candidates: values.candidates,
    grid: numbers.grid,
    exclude: values.exclude,
    roads: values.roads,
    roadMetres: numbers['road-metres'],
    spacing: numbers.spacing ?? 0,
    rules: values.rules,
    exact: !values['no-exact'],
    timeLimit: numbers['time-limit'] ?? 20,
    out: values.out ?? join('out', 'siting'),
  });
}

/**
 * The data read as `npm run analyze` reads it: rows or features with errors stop the run unless
 * --keep-readable-part, which sites on the rest and says per file what was left out and why.
 */
async function readInputData(options: SiteOptions): Promise<Result<Dataset>> {
  const loaded = await loadInputDataset(options.data, options.demoBase ? {} : { onProgress: stderrProgress('import') });
  if (!loaded.ok) return loaded;
  const { problems, dropped } = loaded.value;
  if (problems.length > 0) log(`\nImport problems / 导入问题 (${problems.length}):\n${formatProblemTable(problems)}\n`);
  const errors = problems.filter((p) => p.problem.severity === 'error');
  if (options.data.keepReadablePart) {
    for (const input of dropped) {
      const line = describeDropped(input);
      log(`[import] ${line.en} (--keep-readable-part)\n[导入] ${line.zh}（--keep-readable-part）\n`);
    }
  } else if (errors.length > 0) {
    const first = errors[0].problem;
    return fail({
      code: 'import-errors',
      file: errors[0].file,
      featureIndex: first.featureIndex,
      field: first.field,
      message: {
        zh: `${errors.length} 处错误（首个：${first.message.zh}），已停止；请修正后重试，或用 --keep-readable-part 只用可读部分选址（略去的行与原因会写明）`,
        en: `errors: ${errors.length} (first: ${first.message.en}); stopped — fix them and run again, or add --keep-readable-part to site on the readable part (what is left out, and why, is said)`,
      },
    });
  }
  return ok(loaded.value.dataset);
}

async function loadDataset(options: SiteOptions): Promise<Result<Dataset>> {
  if (!options.demoBase) return readInputData(options);
  log('[load] demo region (synthetic geometry) / 演示区域（几何为合成）\n');
  const demo = loadDemoDataset();
  if (options.data.facilities.length === 0) return ok(demo);
  // The demo's boundaries frame the planner's facility files; only their facilities are used.
  const loaded = await readInputData(options);
  if (!loaded.ok) return loaded;
  return ok({ ...demo, facilities: loaded.value.facilities });
}

/** Features of a geometry layer (candidates, exclusions, roads) read through the importer. */
async function readFeatures(file: string, options: SiteOptions): Promise<Result<ImportedFeature[]>> {
  let files;
  try {
    files = readLayerFiles(file);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return fail({ code: 'unreadable-file', file, message: { zh: `无法读取文件：${detail}`, en: `cannot read the file: ${detail}` } });
  }
  const { keepReadablePart } = options.data;
  const layer = await importLayer(files, { encoding: options.data.encoding, keepReadablePart, ...(options.data.crs ? { crs: options.data.crs } : {}) });
  if (!layer.ok) {
    const hint = layer.error.code === 'truncated-json' ? { zh: '（命令行：--keep-readable-part）', en: ' (on the command line: --keep-readable-part)' } : { zh: '', en: '' };
    return fail({ ...layer.error, file, message: { zh: layer.error.message.zh + hint.zh, en: layer.error.message.en + hint.en } });
  }
  const dropped = summarizeDropped(basename(file), layer.value, []);
  if (droppedAnything(dropped)) {
    if (!keepReadablePart) {
      const line = describeDropped(dropped);
      return fail({ code: 'import-errors', file, message: { zh: `${line.zh}；已停止：请修正后重试，或用 --keep-readable-part 只用可读部分`, en: `${line.en}; stopped — fix them and run again, or add --keep-readable-part to use the readable part` } });
    }
    const line = describeDropped(dropped);
    log(`[import] ${line.en} (--keep-readable-part)\n[导入] ${line.zh}（--keep-readable-part）\n`);
  }
  return ok(layer.value.features);
}

async function readRules(file: string | undefined): Promise<Result<Rule[]>> {
  if (!file) return ok(DEFAULT_RULE_SET.rules);
  try {
    const checked = validateRuleSet(JSON.parse((await readFile(file, 'utf8')).replace(/^\uFEFF/, '')));
    if (checked.ok) return ok(checked.value.rules);
    return fail({ code: 'invalid-rules', file, message: { zh: checked.errors.map((e) => e.message.zh).join('；'), en: checked.errors.map((e) => e.message.en).join('; ') } });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return fail({ code: 'invalid-rules', file, message: { zh: `无法读取规则文件：${detail}`, en: `cannot read the rules file: ${detail}` } });
  }
}

async function run(options: SiteOptions): Promise<Result<string[]>> {
  const rules = await readRules(options.rules);
  if (!rules.ok) return rules;
  const loaded = await loadDataset(options);
  if (!loaded.ok) return loaded;
  let dataset: { ok: true; value: Dataset } = loaded;
  // A travel-time reach runs over --roads when given (else the demo's own roads).
  if (options.roads && options.reach.kind === 'travel-time') {
    const roads = await readRoadsFile(options.roads, { crs: options.data.crs, encoding: options.data.encoding }, { onProgress: stderrProgress('roads') });
    if (!roads.ok) return fail({ ...roads.error, file: options.roads });
    dataset = { ok: true, value: { ...loaded.value, roads: roads.value } };
  }
  const prepared = prepareDataset(dataset.value, { onProgress: stderrProgress('prepare') });
  const engine = reachEngine(prepared);
  const exclusions = options.exclude ? await readFeatures(options.exclude, options) : ok<ImportedFeature[]>([]);
  if (!exclusions.ok) return exclusions;
  const roads = options.roads ? await readFeatures(options.roads, options) : ok<ImportedFeature[]>([]);
  if (!roads.ok) return roads;
  const filter = {
    exclusions: exclusionPolygonsOf(exclusions.value),
    ...(options.roads ? { roads: roadLinesOf(roads.value), roadMetres: options.roadMetres ?? 200 } : {}),
  };
  // --spacing is between the new sites: the solver keeps it, the candidate set is not thinned.
  let candidates;
  if (options.candidates) {
    const features = await readFeatures(options.candidates, options);
    if (!features.ok) return features;
    const filtered = filterCandidates(prepared, projectCandidates(prepared, candidatePointsOf(features.value)), filter);
    candidates = filtered.candidates;
    log(`[candidates] ${candidates.x.length} kept; dropped: ${JSON.stringify(filtered.dropped)}\n`);
  } else {
    const weights = demandWeights(prepared, { cohort: options.cohort, areaCode: options.area });
    if (!weights.ok) return weights;
    const fixed = engine.fixedCoverage(options.reach, { types: [options.service] });
    const cellCovered = fixed?.cells ?? new Uint8Array(prepared.cells.x.length);
    const grid = options.grid ?? (options.reach.kind === 'distance' ? options.reach.metres / 2 : 500);
    const generated = generateCandidates(prepared, { cellCovered, cellWeight: weights.value, gridMetres: grid, ...filter });
    candidates = generated.candidates;
    log(`[candidates] ${candidates.x.length} generated from populated cells in the gaps (grid ${grid} m); dropped: ${JSON.stringify(generated.dropped)}\n`);
  }
  const solver = options.exact ? await loadLinearSolver() : undefined;
  const request: SitingRequest = {
    service: options.service,
    reach: options.reach,
    cohort: options.cohort,
    areaCode: options.area,
    spacingMetres: options.spacing,
    siteCapacity: options.capacity,
    problem: options.problem,
  };
  const started = performance.now();
  const proposal = planSites({ prepared, candidates, rules: rules.value, engine, solver, limits: { timeLimitSeconds: options.timeLimit } }, request, { onProgress: stderrProgress('solve') });
  if (!proposal.ok) return proposal;
  const solveSeconds = (performance.now() - started) / 1000;
  const summary = summariseProposal(prepared, proposal.value, rules.value, engine, { onProgress: stderrProgress('rules') });
  const report = buildSitingReport(dataset.value, proposal.value, summary);
  await mkdir(options.out, { recursive: true });
  const files: Record<string, string> = {
    'sites.geojson': JSON.stringify(sitesToGeoJson(proposal.value, summary)),
    'sites.csv': sitesToCsv(proposal.value, summary),
    'summary.json': JSON.stringify(report, null, 2),
    'summary.md': sitingReportToMarkdown(report),
  };
  const written: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    const path = join(options.out, name);
    await writeFile(path, text, 'utf8');
    written.push(path);
  }
  const { objective } = summary;
  log(
    `[done] ${proposal.value.sites.length} sites in ${solveSeconds.toFixed(2)} s; objective ${objective.value.toFixed(1)} (${objective.method.en}); bound ${objective.bound.toFixed(1)} (${objective.boundMethod.en}); gap ${(100 * objective.gap).toFixed(2)}%\n`,
  );
  for (const rule of summary.rules.filter((r) => r.nowPasses)) log(`[done] now passes / 新达标: ${rule.ruleId}\n`);
  return ok(written);
}

export async function main(argv: string[]): Promise<number> {
  const parsed = parseSiteArguments(argv);
  if (!parsed.ok) {
    log(formatError(parsed.error) + '\n' + USAGE);
    return 2;
  }
  if (parsed.value === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const result = await run(parsed.value);
  if (!result.ok) {
    log(formatError(result.error as AppError));
    return 1;
  }
  for (const path of result.value) log(`[done] wrote ${path}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    log(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
