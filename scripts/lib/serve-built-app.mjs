// Serves the built app (dist/) with `vite preview` on a free port, for the browser tests
// (scripts/e2e/run.mjs) and the browser benchmarks. The server runs in its own process group;
// stopPreview kills that group by the recorded pid, and is also called on exit and on
// SIGINT/SIGTERM, so a failed run leaves no server behind.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

let preview = null;

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

async function waitForServer(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`vite preview exited with code ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`vite preview did not answer at ${url} within ${timeoutMs} ms`);
}

export function stopPreview() {
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

/** Starts `vite preview` in `root` and resolves with its URL and pid once it answers. */
export async function startPreview(root, { timeoutMs = 30_000, label = 'preview' } = {}) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      stopPreview();
      process.exit(130);
    });
  }
  process.on('exit', stopPreview);
  preview = spawn(join(root, 'node_modules', '.bin', 'vite'), ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  preview.stdout.on('data', () => {});
  console.log(`[${label}] vite preview pid ${preview.pid} on ${url}`);
  await waitForServer(url, preview, timeoutMs);
  return { url, pid: preview.pid };
}
