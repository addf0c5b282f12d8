// scripts/run-bundled.mjs, what `npm run analyze` runs: the command from an esbuild bundle, built on
// first use and again when a source changes (by size or modification time), each module keeping
// its own import.meta.url; the demo's outputs through it equal those through tsx.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runAnalyzeCli } from '../helpers/run-analyze-cli.ts';

const work = mkdtempSync(join(tmpdir(), 'gapmap-run-bundled-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** `cache`: a folder of its own (for an entry without npm packages: they resolve only from inside the checkout). */
function runBundled(entry: string, args: string[] = [], cache?: string) {
  const env = cache ? { ...process.env, GAPMAP_BUNDLE_CACHE: cache } : process.env;
  return spawnSync(process.execPath, [join(ROOT, 'scripts', 'run-bundled.mjs'), entry, ...args], { cwd: ROOT, encoding: 'utf8', env });
}

describe('run-bundled', () => {
  it('runs a command from its bundle with its own arguments, and rebuilds when a source changes', () => {
    const entry = join(work, 'entry.ts');
    writeFileSync(entry, "import { word } from './word.ts';\nconst here: string = import.meta.url;\nconsole.log(JSON.stringify({ word, args: process.argv.slice(2), here }));\n");
    writeFileSync(join(work, 'word.ts'), "export const word: string = 'first';\n");
    const first = runBundled(entry, ['--radius', '900'], join(work, 'cache'));
    expect(first.status, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({ word: 'first', args: ['--radius', '900'], here: `file://${entry}` });
    expect(first.stderr).toBe(''); // built, not run through tsx
    writeFileSync(join(work, 'word.ts'), "export const word: string = 'second, edited';\n");
    const second = runBundled(entry, [], join(work, 'cache'));
    expect(JSON.parse(second.stdout).word).toBe('second, edited');
  });

  it('gives the demo the same outputs as running the TypeScript through tsx', async () => {
    const bundled = runBundled(join(ROOT, 'scripts', 'analyze.ts'), ['--no-gaps', '--out', join(work, 'bundled')]);
    expect(bundled.status, bundled.stderr).toBe(0);
    const direct = await runAnalyzeCli(join(work, 'direct'), ['--no-gaps']);
    expect(direct.code, direct.stderr).toBe(0);
    for (const name of ['townships.csv', 'counties.csv', 'rules.csv', 'townships.geojson']) {
      expect(readFileSync(join(work, 'bundled', name), 'utf8'), name).toBe(readFileSync(join(work, 'direct', name), 'utf8'));
    }
  }, 120_000);
});
