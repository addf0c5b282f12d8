// Command-line parsing of `npm run analyze`, in-process.
import { describe, expect, it } from 'vitest';
import { parseAnalyzeArguments, USAGE } from '../../scripts/lib/parse-analyze-arguments.ts';

describe('parseAnalyzeArguments', () => {
  it('defaults to the demo region, radius 1000 and out/', () => {
    const parsed = parseAnalyzeArguments([]);
    expect(parsed.ok && parsed.value).toMatchObject({ help: false, boundaries: undefined, facilities: [], radiusMetres: 1000, out: 'out', keepReadablePart: false });
  });

  it('pairs each --type with the --facilities file before it', () => {
    const parsed = parseAnalyzeArguments(['--boundaries', 'b.shp', '--facilities', 'a.csv', '--type', 'nursery', '--facilities', 'b.geojson', '--type-field', '类型', '--radius', '800', '--out', 'x']);
    expect(parsed.ok && parsed.value).toMatchObject({
      boundaries: { file: 'b.shp' },
      facilities: [{ file: 'a.csv', type: 'nursery' }, { file: 'b.geojson' }],
      typeField: '类型',
      radiusMetres: 800,
      out: 'x',
    });
  });

  it('rejects bad values with bilingual messages', () => {
    const radius = parseAnalyzeArguments(['--radius=-3']);
    expect(!radius.ok && radius.error.message.en).toBe('--radius: the radius must be a decimal number of metres (e.g. 1000), got "-3"');
    const words = parseAnalyzeArguments(['--radius', 'far']);
    expect(!words.ok && words.error.message.zh).toBe('--radius：半径应为十进制米数（如 1000），收到“far”');
    const orphanType = parseAnalyzeArguments(['--boundaries', 'b', '--type', 'x']);
    expect(!orphanType.ok && orphanType.error.message.zh).toContain('--type');
    const noBoundaries = parseAnalyzeArguments(['--facilities', 'a.csv']);
    expect(!noBoundaries.ok && noBoundaries.error.message.en).toContain('--boundaries FILE');
    const unknown = parseAnalyzeArguments(['--colour', 'red']);
    expect(!unknown.ok && unknown.error.code).toBe('usage');
  });

  it('takes the radius as a plain decimal within the UI\'s 100–20,000 m', () => {
    for (const bad of ['0x10', '1e3', '1e9', '50', '20001', '-5', '1000m', ' ', 'Infinity', '1_000']) {
      const parsed = parseAnalyzeArguments(['--radius', bad]);
      expect(parsed.ok, bad).toBe(false);
    }
    const hex = parseAnalyzeArguments(['--radius', '0x10']);
    expect(!hex.ok && hex.error.message.en).toBe('--radius: the radius must be a decimal number of metres (e.g. 1000), got "0x10"');
    const far = parseAnalyzeArguments(['--radius', '1e9']);
    expect(!far.ok && far.error.message.zh).toContain('半径应为十进制米数');
    const over = parseAnalyzeArguments(['--radius', '20001']);
    expect(!over.ok && over.error.message.en).toBe('--radius: the radius must lie between 100 and 20000 m, got 20001');
    for (const [text, value] of [['100', 100], ['1500.5', 1500.5], ['20000', 20000]] as const) {
      const parsed = parseAnalyzeArguments(['--radius', text]);
      expect(parsed.ok && parsed.value.radiusMetres).toBe(value);
    }
  });

  it('applies --crs and --encoding to the input file they follow, elsewhere as the default', () => {
    const parsed = parseAnalyzeArguments([
      '--crs', 'EPSG:4490',
      '--boundaries', 'b.geojson',
      '--facilities', 'seats.csv', '--type', 'culture-centre', '--crs', 'gcj02', '--encoding', 'gbk',
      '--facilities', 'f.geojson', '--type-field', 'kind',
      '--population', 'p.csv', '--population-field', '人口', '--encoding', 'utf-8',
      '--radius', '800', '--encoding', 'gb18030',
    ]);
    expect(parsed.ok && parsed.value).toMatchObject({
      crs: 'EPSG:4490',
      encoding: 'gb18030',
      boundaries: { file: 'b.geojson' },
      facilities: [{ file: 'seats.csv', type: 'culture-centre', crs: 'gcj02', encoding: 'gbk' }, { file: 'f.geojson' }],
      population: { file: 'p.csv', encoding: 'utf-8' },
    });
    if (parsed.ok) {
      expect(parsed.value.boundaries?.crs).toBeUndefined();
      expect(parsed.value.facilities[1].crs).toBeUndefined();
    }
    const twice = parseAnalyzeArguments(['--boundaries', 'b', '--crs', 'gcj02', '--crs', 'bd09']);
    expect(!twice.ok && twice.error.message.en).toBe('--crs given twice for "b"');
    const twoBoundaries = parseAnalyzeArguments(['--boundaries', 'a', '--boundaries', 'b']);
    expect(twoBoundaries.ok).toBe(false);
  });

  it('takes a type map and cohort shares', () => {
    const parsed = parseAnalyzeArguments(['--boundaries', 'b', '--type-map', 'elder_centre=elder-regional-centre', '--cohort-share', 'age60plus=18.5%', '--cohort-share', 'age0_3=0.02']);
    expect(parsed.ok && parsed.value).toMatchObject({ typeMap: 'elder_centre=elder-regional-centre', cohortShares: ['age60plus=18.5%', 'age0_3=0.02'] });
  });

  it('documents every option in the usage text', () => {
    for (const option of ['--boundaries', '--name-field', '--code-field', '--county-field', '--counties', '--facilities', '--type', '--type-field', '--population', '--population-field', '--places', '--areas', '--radius', '--service', '--rules', '--out', '--crs', '--encoding', '--keep-readable-part', '--allow-errors', '--help', '--type-map', '--cohort-share']) {
      expect(USAGE).toContain(option);
    }
    expect(parseAnalyzeArguments(['--help']).ok).toBe(true);
  });
});
