// The browser benchmarks' start: build the app with its test hooks (unless --no-build), serve it with
// `vite preview`, and launch a Chromium (find-chromium.mjs) with software WebGL. The caller closes
// the browser and calls stopPreview() when done.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startPreview, stopPreview } from './serve-built-app.mjs';
import { findChromium } from '../e2e/find-chromium.mjs';

export const BENCH_CHROMIUM_ARGS = ['--no-sandbox', '--enable-unsafe-swiftshader', '--use-angle=swiftshader', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Builds (test mode: the benches drive the app through window.__gapmap), serves and opens a browser on `root`; `extraArgs` go to Chromium. */
export async function launchBuiltApp(root, argv = process.argv, extraArgs = []) {
  if (!argv.includes('--no-build')) {
    const build = spawnSync(join(root, 'node_modules', '.bin', 'vite'), ['build', '--mode', 'test'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('vite build failed');
  }
  const { url } = await startPreview(root, { label: 'bench', timeoutMs: 120_000 });
  const browser = await chromium.launch({ executablePath: (await findChromium()).path, args: [...BENCH_CHROMIUM_ARGS, ...extraArgs] });
  return { url, browser };
}

/**
 * Runs one browser bench: launchBuiltApp, then `body({ url, browser })` (its return value, or 0, is
 * the exit code); a failure is printed and exits 1; the browser and the preview server are always
 * stopped.
 */
export async function runBrowserBench(root, body, extraArgs = []) {
  let browser = null;
  let exitCode = 1;
  try {
    const launched = await launchBuiltApp(root, process.argv, extraArgs);
    browser = launched.browser;
    exitCode = (await body(launched)) ?? 0;
  } catch (error) {
    console.error(`[bench] ${error instanceof Error ? error.stack : error}`);
    exitCode = 1;
  } finally {
    await browser?.close().catch(() => undefined);
    stopPreview();
  }
  process.exit(exitCode);
}
