// `npm run analyze`: coverage of one service per township and every plan-target rule, for the demo
// region (no arguments) or the planner's own files, written to a folder. See USAGE.

import { parseAnalyzeArguments, USAGE, type AnalyzeOptions } from './lib/parse-analyze-arguments.ts';
import { formatError } from './lib/print-problems.ts';
import { stderrProgress } from './lib/report-progress.ts';
import { runAnalysis } from './lib/run-analysis.ts';
import { OUTPUT_FILES, TRAVEL_OUTPUT_FILES, writeAnalysisOutputs } from './lib/write-analysis-outputs.ts';
import { checkOutputFolder, writeFailure } from './lib/write-output-set.ts';
import { writeStderr } from './lib/escape-for-terminal.ts';
import { runCommand } from './lib/run-command.ts';
import { estimateMemory, fileSize, memoryLimit, memoryWarning, PhaseClock, type SizedInput } from './lib/report-memory.ts';
import { generateGaps } from '../src/core/coverage/compute-gaps.ts';
import { centreZones, selectDiscs } from '../src/core/coverage/compute-coverage.ts';
import type { GapFeature } from '../src/core/gaps/township-gap-features.ts';
import type { PreparedDataset } from '../src/core/prepare/prepare-dataset.ts';
import type { ServiceAnalysis } from '../src/core/report/analyze-service.ts';
import { beginGapDrawing, drawGapsInParallel, startGapWorker, stopGapWorker, takeWorkerArea, type GapWorker } from './lib/draw-gaps-in-parallel.ts';
import type { Discs } from '../src/core/coverage/disc-union-area.ts';
import { rememberDiscUnionArea } from '../src/core/coverage/remember-disc-union-area.ts';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';

/** Everything the CLI prints goes through here: control characters from data are escaped. */
const log = writeStderr;

/**
 * The gap features as they are drawn, their time charged to "gaps": straight-line gaps in two
 * threads with `worker` (draw-gaps-in-parallel.ts, as JSON text), else (travel-time gaps, contoured;
 * GAPMAP_THREADS=1) in this one.
 */
function gapFeatures(prepared: PreparedDataset, analysis: ServiceAnalysis, clock: PhaseClock, worker: GapWorker | null, discs?: Discs): Iterable<GapFeature> | AsyncIterable<string> {
  const progress = { onProgress: stderrProgress('gaps') };
  const request = analysis.coverageRequest;
  if (!worker || request.reach.kind !== 'distance') return clock.timeEach('gaps', generateGaps(prepared, request, analysis.coverage, {}, progress));
  return clock.timeEachAsync('gaps', drawGapsInParallel(prepared, analysis.coverage.townships, discs ?? selectDiscs(prepared, request).discs, progress, { worker }));
}

export async function main(argv: string[]): Promise<number> {
  const parsed = parseAnalyzeArguments(argv);
  if (!parsed.ok) {
    log(formatError(parsed.error) + '\n' + USAGE);
    return 2;
  }
  const options = parsed.value;
  if (options.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  // The output folder first: a folder that cannot take the outputs fails now, not after the analysis.
  const folder = await checkOutputFolder(options.out, options.travel ? [...OUTPUT_FILES, ...TRAVEL_OUTPUT_FILES] : OUTPUT_FILES);
  if (!folder.ok) {
    log(formatError(folder.error));
    return 1;
  }
  // Before reading: a run whose inputs will not fit says so, with what helps.
  const inputs: SizedInput[] = [
    ...[options.boundaries, options.counties, options.areas].map((input) => ({ path: input?.file, kind: 'polygons' as const })),
    ...[options.population, options.places, ...options.facilities].map((input) => ({ path: input?.file, kind: 'points' as const })),
  ].filter((input): input is SizedInput => input.path !== undefined);
  const warning = memoryWarning(estimateMemory(inputs, { gaps: !options.noGaps }), memoryLimit(), { gaps: !options.noGaps });
  if (warning) log(warning);
  const clock = new PhaseClock();
  // Straight-line coverage of the built-in engine in one piece takes a second thread: the worker
  // starts now, while the files are read, computes the townships' covered areas while this thread
  // prepares the cells, then draws the gaps (GAPMAP_THREADS=1: one thread, less CPU in all). Only
  // for inputs of some size: starting the worker costs about 0.1 s of CPU, more than the demo's
  // gaps take (GAPMAP_THREADS=2 asks for it whatever the size).
  const large = process.env.GAPMAP_THREADS === '2' || inputBytes(inputs) >= GAP_THREAD_MIN_INPUT_BYTES;
  const twoThreads = large && !options.travel && options.engine !== 'postgis' && !options.tile && process.env.GAPMAP_THREADS !== '1';
  const gapWorker = twoThreads ? startGapWorker() : null;
  try {
    return await analyzeAndWrite(options, clock, gapWorker);
  } finally {
    if (gapWorker) await stopGapWorker(gapWorker);
  }
}

/** Inputs from this many bytes up take a second thread for their areas and gaps (the 10× region's are 60 MB). */
const GAP_THREAD_MIN_INPUT_BYTES = 8e6;

const inputBytes = (inputs: SizedInput[]) => inputs.reduce((bytes, input) => bytes + fileSize(input.path), 0);

async function analyzeAndWrite(options: AnalyzeOptions, clock: PhaseClock, gapWorker: GapWorker | null): Promise<number> {
  // The worker is handed the discs as soon as the townships and facilities are projected: it
  // computes the townships' covered areas (the coverage here waits for them), then draws the gaps
  // while this thread prepares the cells, computes the coverage and the rules.
  const begun: { discs?: Discs } = {};
  const run = await runAnalysis(options, clock, (sites, request) => {
    if (!gapWorker || request.reach.kind !== 'distance') return;
    const { selected, discs } = selectDiscs(sites, request);
    begun.discs = discs;
    const centreZone = centreZones(selected, sites.facilityTownship);
    beginGapDrawing(gapWorker, sites, discs, { centreZone, drawGaps: !options.noGaps });
    return async () => {
      const area = await takeWorkerArea(gapWorker);
      if (area) rememberDiscUnionArea(sites.townships, discs, centreZone, area);
    };
  });
  if (!run.ok) return run.exitCode;
  const { prepared, table, analysis, summary, travel } = run.value;
  let written: string[];
  try {
    // Gaps are drawn township by township while gaps.geojson is written (their time counts as "gaps").
    const gaps = options.noGaps ? 'skip' : analysis ? (analysis.gapFeatures ?? gapFeatures(prepared, analysis, clock, gapWorker, begun.discs)) : null;
    written = await clock.time('write', () => writeAnalysisOutputs(options.out, { prepared, table, gaps, summary, travel }));
    if (options.noGaps) {
      await rm(join(options.out, 'gaps.geojson'), { force: true }); // no earlier run's gaps beside the new figures
      log('[gaps] skipped (--no-gaps) / 已按 --no-gaps 略去缺口\n');
    }
  } catch (error) {
    log(formatError(writeFailure(options.out, error)));
    return 1;
  }
  const { counts } = summary;
  log(`[done] ${counts.rules} rules: ${counts.pass} pass, ${counts.fail} fail, ${counts.notAvailable} not available / 达标 ${counts.pass}，未达标 ${counts.fail}，无法评估 ${counts.notAvailable}\n`);
  for (const path of written) log(`[done] wrote ${path}\n`);
  if (options.format === 'geoparquet') {
    const { writeGeoParquetLayers } = await import('./postgis/write-geoparquet-layers.ts');
    for (const path of await writeGeoParquetLayers(options.out, prepared, { onProgress: stderrProgress('geoparquet') })) log(`[done] wrote ${path}\n`);
  }
  log(clock.line());
  return 0;
}

runCommand(main);
