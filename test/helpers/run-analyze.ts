// Runs `npm run analyze` as a planner would, without npm's own start-up: node running tsx's
// command line on scripts/analyze.ts, with its output folder and exit status.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX_CLI = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

export interface AnalyzeRun {
  code: number | null;
  stdout: string;
  stderr: string;
  out: string;
}

export function runAnalyze(out: string, args: string[]): Promise<AnalyzeRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX_CLI, 'scripts/analyze.ts', '--out', out, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, out }));
  });
}
