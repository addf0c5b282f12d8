// Loads HiGHS (WebAssembly) on demand: the 3.5 MB module is only fetched when an exact answer or an
// LP bound is asked for. `locateFile` tells a browser worker where the .wasm file was bundled.

import type { LinearSolver } from './highs-models.ts';

export async function loadLinearSolver(locateFile?: (file: string) => string): Promise<LinearSolver> {
  const { default: load } = await import('highs');
  return (await load(locateFile ? { locateFile } : undefined)) as LinearSolver;
}
