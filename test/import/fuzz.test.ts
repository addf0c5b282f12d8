// Seeded fuzzing: valid files mutated (truncated, random bytes, inserted and deleted runs, two
// fields swapped, ranges duplicated) must always come back as data or as a structured error —
// never a throw. Time per input is printed (a measurement, not an assertion: it depends on the
// machine and on what else runs on it).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRandom, type Random } from '../../scripts/demo/seeded-random.ts';
import { importLayer } from '../../src/core/import/import-layer.ts';

const GOOD = join(import.meta.dirname, '..', 'fixtures', 'import', 'good');
const read = (name: string) => new Uint8Array(readFileSync(join(GOOD, name)));
const ITERATIONS_PER_SEED = 200;
/** FUZZ_SEEDS=50 npx vitest run test/import/fuzz.test.ts runs a longer campaign. */
const SEEDS = Array.from({ length: Number(process.env.FUZZ_SEEDS ?? 5) }, (_, i) => i + 1);

type Input = { name: string; bytes: Uint8Array }[];
const BASES: Array<{ label: string; files: Input; mutate: number }> = [
  { label: 'geojson', files: [{ name: 't.geojson', bytes: read('townships-truth-wgs84.geojson') }], mutate: 0 },
  { label: 'geojson-crs', files: [{ name: 't.geojson', bytes: read('townships-gk34.geojson') }], mutate: 0 },
  { label: 'ndjson', files: [{ name: 'n.ndjson', bytes: read('nurseries.ndjson') }], mutate: 0 },
  { label: 'csv-gbk', files: [{ name: 'n.csv', bytes: read('nurseries-gcj02-gbk.csv') }], mutate: 0 },
  { label: 'tsv-dms', files: [{ name: 'n.tsv', bytes: read('nurseries-dms-bom.tsv') }], mutate: 0 },
  { label: 'zip', files: [{ name: 't.zip', bytes: read('townships-gk34-prefix-gbk.zip') }], mutate: 0 },
  ...['shp', 'dbf', 'prj'].map((part, i) => ({
    label: `loose-${part}`,
    files: ['shp', 'shx', 'dbf', 'prj', 'cpg'].map((ext) => ({ name: `t.${ext}`, bytes: read(`townships-gk-cm102-gbk.${ext}`) })),
    mutate: [0, 2, 3][i],
  })),
];

function mutate(bytes: Uint8Array, random: Random): { bytes: Uint8Array; how: string } {
  const kind = random.int(0, 6);
  const at = random.int(0, Math.max(0, bytes.length - 1));
  switch (kind) {
    case 0:
      return { bytes: bytes.slice(0, at), how: `truncate@${at}` };
    case 1: {
      const out = bytes.slice();
      const count = random.int(1, 16);
      for (let i = 0; i < count; i++) out[random.int(0, out.length - 1)] = random.int(0, 255);
      return { bytes: out, how: `flip${count}` };
    }
    case 2: {
      const insert = Uint8Array.from({ length: random.int(1, 64) }, () => random.int(0, 255));
      return { bytes: Uint8Array.from([...bytes.subarray(0, at), ...insert, ...bytes.subarray(at)]), how: `insert@${at}` };
    }
    case 3: {
      const length = random.int(1, 200);
      return { bytes: Uint8Array.from([...bytes.subarray(0, at), ...bytes.subarray(at + length)]), how: `delete@${at}+${length}` };
    }
    case 4: {
      // Swap two fields: two runs between separators (, : \t newline) trade places.
      const separators: number[] = [];
      bytes.forEach((byte, i) => {
        if (byte === 0x2c || byte === 0x3a || byte === 0x09 || byte === 0x0a) separators.push(i);
      });
      if (separators.length < 4) return { bytes: bytes.slice(), how: 'swap-none' };
      const a = random.int(0, separators.length - 4);
      const b = random.int(a + 2, separators.length - 2);
      const first = bytes.subarray(separators[a] + 1, separators[a + 1]);
      const second = bytes.subarray(separators[b] + 1, separators[b + 1]);
      return {
        bytes: Uint8Array.from([...bytes.subarray(0, separators[a] + 1), ...second, ...bytes.subarray(separators[a + 1], separators[b] + 1), ...first, ...bytes.subarray(separators[b + 1])]),
        how: `swap-fields@${a},${b}`,
      };
    }
    case 5: {
      const length = random.int(1, 400);
      return { bytes: Uint8Array.from([...bytes.subarray(0, at), ...bytes.subarray(at, at + length), ...bytes.subarray(at)]), how: `duplicate@${at}+${length}` };
    }
    default: {
      const out = bytes.slice();
      const start = random.int(0, out.length - 1);
      out.fill(random.int(0, 255), start, Math.min(out.length, start + random.int(1, 512)));
      return { bytes: out, how: `fill@${start}` };
    }
  }
}

describe('fuzzed inputs always resolve to data or a structured error', () => {
  it.each(SEEDS)('seed %i', async (seed) => {
    const random = createRandom(seed * 7919);
    let data = 0;
    let errors = 0;
    let slowest = 0;
    for (let iteration = 0; iteration < ITERATIONS_PER_SEED; iteration++) {
      const base = BASES[iteration % BASES.length];
      const mutated = mutate(base.files[base.mutate].bytes, random);
      const files = base.files.map((file, i) => (i === base.mutate ? { ...file, bytes: mutated.bytes } : file));
      const started = performance.now();
      let result: Awaited<ReturnType<typeof importLayer>> | undefined;
      let thrown: unknown;
      try {
        result = await importLayer(files, iteration % 5 === 0 ? { crs: 'EPSG:4543' } : {});
      } catch (error) {
        thrown = error;
      }
      const elapsed = performance.now() - started;
      slowest = Math.max(slowest, elapsed);
      const label = `${base.label} ${mutated.how}`;
      expect(thrown, label).toBeUndefined();
      expect(result, label).toBeDefined();
      if (!result) continue;
      if (result.ok) {
        data++;
        expect(Array.isArray(result.value.features), label).toBe(true);
        expect(result.value.loadedCount, label).toBe(result.value.features.length);
        for (const feature of result.value.features) expect(feature.properties, label).toBeTypeOf('object');
        // Every problem reported with the data is structured and bilingual.
        for (const problem of result.value.problems) {
          expect(['error', 'warning', 'repaired'], label).toContain(problem.severity);
          expect(problem.code, label).toMatch(/^[a-z0-9-]+$/);
          expect(problem.message.zh && problem.message.en, label).toBeTruthy();
        }
        // Structured clone (what a worker does) must not fail.
        expect(() => structuredClone(result)).not.toThrow();
      } else {
        errors++;
        expect(result.error.code, label).toMatch(/^[a-z0-9-]+$/);
        expect(`${result.error.code} ${result.error.message.en}`, label).not.toMatch(/^internal-error/);
        expect(result.error.message.zh, label).toBeTruthy();
        expect(result.error.message.en, label).toBeTruthy();
      }
    }
    console.log(`[fuzz] seed ${seed}: ${data} read as data, ${errors} as errors; slowest input ${Math.round(slowest)} ms`);
    // The mutations reach both outcomes: some files still read, others are refused with an error.
    expect(data, 'inputs read as data').toBeGreaterThan(0);
    expect(errors, 'inputs refused with an error').toBeGreaterThan(0);
  });
});
