#!/usr/bin/env node
// Browser tests against the built app: `vite build`, `vite preview` on a free port (its pid is
// recorded and its process group killed at the end, also on failure), then Vitest with
// vitest.e2e.config.ts (Playwright-core driving Debian's Chromium). GAPMAP_URL tells the tests
// where the app is. Exit code: Vitest's (or 1 when the build or the server fails).
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const skipBuild = process.argv.includes('--no-build');
const vitestArgs = process.argv.slice(2).filter((arg) => arg !== '--no-build');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForServer(url, child, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`vite preview exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`vite preview did not answer at ${url} within ${timeoutMs} ms`);
}

let preview = null;
function stopPreview() {
  if (!preview || preview.exitCode !== null) return;
  try {
    process.kill(-preview.pid, 'SIGTERM');
  } catch {
    try {
      preview.kill('SIGTERM');
    } catch {
      // already gone
    }
  }
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopPreview();
    process.exit(130);
  });
}
process.on('exit', stopPreview);

let exitCode = 1;
try {
  if (!skipBuild) {
    const build = spawnSync(bin('vite'), ['build'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('vite build failed');
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  preview = spawn(bin('vite'), ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  mkdirSync(join(root, 'test-results'), { recursive: true });
  writeFileSync(join(root, 'test-results', 'preview.pid'), String(preview.pid));
  preview.stdout.on('data', () => {});
  console.log(`[e2e] vite preview pid ${preview.pid} on ${url}`);
  await waitForServer(url, preview);
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
