// readLayerFiles hands importLayer each file's bytes: exactly the file, in memory of its own (a big
// file's Buffer used without a copy, a small one copied out of Node's shared pool).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readLayerFiles } from '../../scripts/lib/read-layer-files.ts';

const directory = mkdtempSync(join(tmpdir(), 'gapmap-read-layer-files-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('readLayerFiles', () => {
  for (const size of [0, 10, 4095, 4096, 100_000]) {
    it(`gives a ${size}-byte file's bytes exactly, in a buffer of their own`, () => {
      const content = Uint8Array.from({ length: size }, (_, k) => (k * 31 + 7) & 0xff);
      const path = join(directory, `points-${size}.geojson`);
      writeFileSync(path, content);
      const [read] = readLayerFiles(path);
      expect(read.name).toBe(`points-${size}.geojson`);
      expect(read.bytes).toEqual(content);
      expect(read.bytes.byteOffset).toBe(0);
      expect(read.bytes.buffer.byteLength).toBe(size);
    });
  }
});
