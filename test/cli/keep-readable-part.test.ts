// Issue 10, the CLI part: input with bad rows or features. By default the CLI stops and lists every
// problem; with --keep-readable-part it analyses what could be read and says, on stderr and in
// summary.json / summary.md, how many rows or features each file lost and why. Files crafted here: a
// facilities CSV with an unclosed quote, a coordinate out of range and a row without coordinates; a
// population GeoJSON with a non-numeric head count that ends in the middle of a feature.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runAnalyzeCli, type CliRun } from '../helpers/run-analyze-cli.ts';

const work = mkdtempSync(join(tmpdir(), 'gapmap-readable-'));
const file = (name: string) => join(work, name);
const runs: Record<string, CliRun> = {};

function writeInputs(): string[] {
  writeFileSync(
    file('facilities.csv'),
    [
      'name,lon,lat', // line 1
      'A,102.51,24.31', // line 2
      'B,102.51,95.5', // line 3: latitude out of range
      'C,,', // line 4: no coordinates
      'D,102.53,24.31', // line 5
      'E,102.53,"24.33', // line 6: a quote that never closes
    ].join('\n') + '\n',
  );
  const point = (lon: number, lat: number, population: unknown) => JSON.stringify({ type: 'Feature', properties: { population }, geometry: { type: 'Point', coordinates: [lon, lat] } });
  const features = [point(102.511, 24.311, 100), point(102.518, 24.318, 'abc'), point(102.53, 24.31, 300), point(102.531, 24.331, 50), point(102.512, 24.332, 70)];
  const text = `{"type":"FeatureCollection","features":[\n${features.join(',\n')}]}\n`;
  // Cut in the middle of the last feature: four complete features, the file ends early.
  writeFileSync(file('population.geojson'), text.slice(0, text.lastIndexOf('"coordinates"')));
  return [
    '--boundaries', join(ROOT, 'test', 'fixtures', 'cli', 'townships.geojson'),
    '--facilities', file('facilities.csv'), '--type', 'elder-daycare',
    '--population', file('population.geojson'),
    '--radius', '500',
  ];
}

beforeAll(async () => {
  const args = writeInputs();
  const [refused, truncated, kept, alias] = await Promise.all([
    runAnalyzeCli(file('out-refused'), args.slice(0, 6)),
    runAnalyzeCli(file('out-truncated'), args),
    runAnalyzeCli(file('out-kept'), [...args, '--keep-readable-part']),
    runAnalyzeCli(file('out-alias'), [...args, '--allow-errors']),
  ]);
  Object.assign(runs, { refused, truncated, kept, alias });
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('bad rows and features in the CLI', () => {
  it('stops by default, listing every problem with its file and line, and names --keep-readable-part', () => {
    const { code, stderr, out } = runs.refused;
    expect(code).toBe(1);
    expect(stderr).toContain('--keep-readable-part');
    // The table names each bad facility row with its line: out of range, no coordinates (a warning
    // when read, an error for a facility), unclosed quote.
    expect(stderr).toMatch(/Import problems \/ 导入问题 \(4\)/);
    expect(stderr.match(/^facilities\.csv\s*\|/gm)).toHaveLength(4);
    expect(stderr).toMatch(/^facilities\.csv\s*\| #\d+ B line 3\s*\|.*\| error\s*\| A coordinate is outside/m);
    expect(stderr).toMatch(/^facilities\.csv\s*\| #\d+ C line 4\s*\|.*\| error\s*\| The feature is a null/m);
    expect(stderr).toMatch(/^facilities\.csv\s*\| #\d+ line 6\s*\|.*\| error\s*\| A quote opened on line 6/m);
    expect(stderr).toContain('errors: 3');
    expect(existsSync(join(out, 'summary.json'))).toBe(false);
  });

  it('stops on a file that ends early, naming the file and the option that keeps its readable part', () => {
    const { code, stderr, out } = runs.truncated;
    expect(code).toBe(1);
    expect(stderr).toMatch(/population\.geojson: The file is incomplete: 4 of at least 5 features read/);
    expect(stderr).toContain('(on the command line: --keep-readable-part)');
    expect(stderr).toContain('（命令行：--keep-readable-part）');
    expect(existsSync(join(out, 'summary.json'))).toBe(false);
  });

  it('with --keep-readable-part analyses the rest and says per file how many were left out and why', () => {
    const { code, stderr, out } = runs.kept;
    expect(code, stderr.slice(-3000)).toBe(0);
    expect(stderr).toMatch(/\[import\] facilities\.csv: 3 features\/rows left out: .*csv-unclosed-quote.*coordinate-out-of-range.*wrong-geometry-for-role/);
    expect(stderr).toMatch(/\[导入\] facilities\.csv：略去 3 个要素\/行/);
    expect(stderr).toMatch(/\[import\] population\.geojson: 1 features\/rows left out: 1 × non-numeric-value.*the file ends early at byte \d+: 4 features read, at least 1 more were not/);

    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.dataset.facilities).toBe(2);
    expect(summary.dataset.populationCells).toBe(3);
    expect(summary.dataset.population).toBe(450);
    const byFile = Object.fromEntries(summary.droppedInput.map((input: { file: string }) => [input.file, input]));
    expect(byFile['facilities.csv'].dropped).toBe(3);
    expect(Object.fromEntries(byFile['facilities.csv'].reasons.map((r: { code: string; count: number }) => [r.code, r.count]))).toEqual({
      'csv-unclosed-quote': 1,
      'coordinate-out-of-range': 1,
      'wrong-geometry-for-role': 1,
    });
    expect(byFile['population.geojson'].dropped).toBe(1);
    expect(byFile['population.geojson'].unread).toMatchObject({ featuresRead: 4, featuresAtLeast: 5 });

    const markdown = readFileSync(join(out, 'summary.md'), 'utf8');
    expect(markdown).toContain('Input left out');
    expect(markdown).toContain('facilities.csv：略去 3 个要素/行');
    expect(markdown).toMatch(/population\.geojson: 1 features\/rows left out/);
  });

  it('--allow-errors is the same option under its older name', () => {
    expect(runs.alias.code).toBe(0);
    expect(readFileSync(join(runs.alias.out, 'summary.json'), 'utf8')).toBe(readFileSync(join(runs.kept.out, 'summary.json'), 'utf8'));
  });
});
