#!/usr/bin/env node
// Browser tests against the built app: `vite build`, `vite preview` on a free port (its pid is
// recorded and its process group killed at the end, also on failure), then Vitest with
// vitest.e2e.config.ts (Playwright-core driving Debian's Chromium). GAPMAP_URL tells the tests
// where the app is. Exit code: Vitest's (or 1 when the build or the server fails).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPreview, stopPreview } from '../lib/serve-built-app.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const skipBuild = process.argv.includes('--no-build');
const vitestArgs = process.argv.slice(2).filter((arg) => arg !== '--no-build');

let exitCode = 1;
try {
  if (!skipBuild) {
    const build = spawnSync(bin('vite'), ['build'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('vite build failed');
  }
  const { url, pid } = await startPreview(root, { label: 'e2e' });
  mkdirSync(join(root, 'test-results'), { recursive: true });
  writeFileSync(join(root, 'test-results', 'preview.pid'), String(pid));
  const tests = spawnSync(bin('vitest'), ['run', '--config', 'vitest.e2e.config.ts', ...vitestArgs], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, GAPMAP_URL: url },
  });
  exitCode = tests.status ?? 1;
} catch (error) {
  console.error(`[e2e] ${error instanceof Error ? error.message : error}`);
  exitCode = 1;
} finally {
  stopPreview();
}
process.exit(exitCode);
