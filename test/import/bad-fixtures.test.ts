// Table-driven: every bad input in test/fixtures/import/bad/expected.json resolves to the expected
// structured error, or to a layer carrying the expected problem — never a throw.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importLayer, type ImportOptions } from '../../src/core/import/import-layer.ts';

const BAD = join(import.meta.dirname, '..', 'fixtures', 'import', 'bad');
interface Case {
  name: string;
  files: string[];
  options?: ImportOptions;
  expect: { error: string } | { problem: string; severity?: string };
  note: string;
}
const cases = JSON.parse(readFileSync(join(BAD, 'expected.json'), 'utf8')) as Case[];

describe('bad inputs', () => {
  it('has at least 40 of them', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const files = c.files.map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(BAD, name))) }));
    const result = await importLayer(files, c.options ?? {});
    if ('error' in c.expect) {
      expect(result.ok, c.note).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe(c.expect.error);
        expect(result.error.message.zh.length).toBeGreaterThan(0);
        expect(result.error.message.en.length).toBeGreaterThan(0);
      }
    } else {
      expect(result.ok, `${c.note}: ${!result.ok ? result.error.code : ''}`).toBe(true);
      if (result.ok) {
        const codes = result.value.problems.map((p) => `${p.code}:${p.severity}`);
        const match = result.value.problems.find((p) => p.code === (c.expect as { problem: string }).problem);
        expect(match, codes.join(', ')).toBeDefined();
        if (c.expect.severity) expect(match?.severity).toBe(c.expect.severity);
        for (const problem of result.value.problems) {
          expect(problem.message.zh).toBeTruthy();
          expect(problem.message.en).toBeTruthy();
        }
      }
    }
  });
});
