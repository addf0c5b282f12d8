// Command-line parsing of `npm run analyze`, in-process.
import { describe, expect, it } from 'vitest';
import { parseAnalyzeArguments, USAGE } from '../../scripts/lib/parse-analyze-arguments.ts';

describe('parseAnalyzeArguments', () => {
  it('defaults to the demo region, radius 1000 and out/', () => {
    const parsed = parseAnalyzeArguments([]);
    expect(parsed.ok && parsed.value).toMatchObject({ help: false, boundaries: undefined, facilities: [], radiusMetres: 1000, out: 'out', allowErrors: false });
  });

  it('pairs each --type with the --facilities file before it', () => {
    const parsed = parseAnalyzeArguments(['--boundaries', 'b.shp', '--facilities', 'a.csv', '--type', 'nursery', '--facilities', 'b.geojson', '--type-field', '类型', '--radius', '800', '--out', 'x']);
    expect(parsed.ok && parsed.value).toMatchObject({
      boundaries: 'b.shp',
      facilities: [{ file: 'a.csv', type: 'nursery' }, { file: 'b.geojson' }],
      typeField: '类型',
      radiusMetres: 800,
      out: 'x',
    });
  });

  it('rejects bad values with bilingual messages', () => {
    const radius = parseAnalyzeArguments(['--radius=-3']);
    expect(!radius.ok && radius.error.message.en).toBe('--radius must be a positive number of metres, got "-3"');
    const words = parseAnalyzeArguments(['--radius', 'far']);
    expect(!words.ok && words.error.message.zh).toBe('--radius 应为正数（米），收到“far”');
    const orphanType = parseAnalyzeArguments(['--boundaries', 'b', '--type', 'x']);
    expect(!orphanType.ok && orphanType.error.message.zh).toContain('--type');
    const noBoundaries = parseAnalyzeArguments(['--facilities', 'a.csv']);
    expect(!noBoundaries.ok && noBoundaries.error.message.en).toContain('--boundaries FILE');
    const unknown = parseAnalyzeArguments(['--colour', 'red']);
    expect(!unknown.ok && unknown.error.code).toBe('usage');
  });

  it('documents every option in the usage text', () => {
    for (const option of ['--boundaries', '--name-field', '--code-field', '--county-field', '--counties', '--facilities', '--type', '--type-field', '--population', '--population-field', '--places', '--areas', '--radius', '--service', '--rules', '--out', '--crs', '--encoding', '--allow-errors', '--help']) {
      expect(USAGE).toContain(option);
    }
    expect(parseAnalyzeArguments(['--help']).ok).toBe(true);
  });
});
