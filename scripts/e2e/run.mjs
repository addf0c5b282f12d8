#!/usr/bin/env node
// Browser tests against the built app: find a Chromium (find-chromium.mjs; none → a message that
// says what to install), `vite build --mode test` (the build with the test hooks), `vite preview`
// on a free port (its pid is recorded and its process group killed at the end, also on failure),
// then Vitest with vitest.e2e.config.ts (playwright-core driving that Chromium). GAPMAP_URL and
// CHROMIUM_PATH tell the tests where the app and the browser are. Exit code: Vitest's (or 1 when
// no browser is found or the build or the server fails).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPreview, stopPreview } from '../lib/serve-built-app.mjs';
import { findChromium } from './find-chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const skipBuild = process.argv.includes('--no-build');
const vitestArgs = process.argv.slice(2).filter((arg) => arg !== '--no-build');

let exitCode = 1;
try {
  const chromium = await findChromium();
  console.log(`[e2e] Chromium: ${chromium.path} (${chromium.source})`);
  if (!skipBuild) {
    const build = spawnSync(bin('vite'), ['build', '--mode', 'test'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('vite build failed');
  }
  const { url, pid } = await startPreview(root, { label: 'e2e' });
  mkdirSync(join(root, 'test-results'), { recursive: true });
  writeFileSync(join(root, 'test-results', 'preview.pid'), String(pid));
  const tests = spawnSync(bin('vitest'), ['run', '--config', 'vitest.e2e.config.ts', ...vitestArgs], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, GAPMAP_URL: url, CHROMIUM_PATH: chromium.path },
  });
  exitCode = tests.status ?? 1;
} catch (error) {
  console.error(`[e2e] ${error instanceof Error ? error.message : error}`);
  exitCode = 1;
} finally {
  stopPreview();
}
process.exit(exitCode);
