// `npm run analyze`: coverage of one service per township and every plan-target rule, for the demo
// region (no arguments) or the planner's own files, written to a folder. See USAGE.

import { parseAnalyzeArguments, USAGE } from './lib/parse-analyze-arguments.ts';
import { formatError } from './lib/print-problems.ts';
import { runAnalysis } from './lib/run-analysis.ts';
import { OUTPUT_FILES, writeAnalysisOutputs } from './lib/write-analysis-outputs.ts';
import { checkOutputFolder, writeFailure } from './lib/write-output-set.ts';
import { writeStderr } from './lib/escape-for-terminal.ts';
import { runCommand } from './lib/run-command.ts';

/** Everything the CLI prints goes through here: control characters from data are escaped. */
const log = writeStderr;

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
  const folder = await checkOutputFolder(options.out, OUTPUT_FILES);
  if (!folder.ok) {
    log(formatError(folder.error));
    return 1;
  }
  const run = await runAnalysis(options);
  if (!run.ok) return run.exitCode;
  const { prepared, table, analysis, summary } = run.value;
  let written: string[];
  try {
    written = await writeAnalysisOutputs(options.out, { prepared, table, gaps: analysis?.gaps ?? null, summary });
  } catch (error) {
    log(formatError(writeFailure(options.out, error)));
    return 1;
  }
  const { counts } = summary;
  log(`[done] ${counts.rules} rules: ${counts.pass} pass, ${counts.fail} fail, ${counts.notAvailable} not available / 达标 ${counts.pass}，未达标 ${counts.fail}，无法评估 ${counts.notAvailable}\n`);
  for (const path of written) log(`[done] wrote ${path}\n`);
  return 0;
}

runCommand(main);
