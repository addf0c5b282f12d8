// `npm run analyze` as a planner runs it, for end-to-end tests: node running the command's bundle
// (scripts/run-bundled.mjs, what package.json's script runs, without npm's own start-up), output
// into `out`.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const LAUNCHER = join(ROOT, 'scripts', 'run-bundled.mjs');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  out: string;
}

export function runAnalyzeCli(out: string, args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [LAUNCHER, 'scripts/analyze.ts', '--out', out, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, out }));
  });
}

/** The hand-made CLI fixture (test/fixtures/cli) as `npm run analyze` options, shared by the CLI tests. */
const cliFixture = (name: string) => join(ROOT, 'test', 'fixtures', 'cli', name);
export const CLI_FIXTURE_ARGS = [
  '--boundaries', cliFixture('townships.geojson'),
  '--counties', cliFixture('counties.geojson'),
  '--facilities', cliFixture('daycare.geojson'), '--type', 'elder-daycare',
  '--facilities', cliFixture('nurseries.geojson'), '--type', 'nursery',
  '--population', cliFixture('population.geojson'),
  '--places', cliFixture('places.geojson'),
  '--areas', cliFixture('areas.geojson'),
  '--rules', cliFixture('rules.json'),
  '--radius', '500',
];
