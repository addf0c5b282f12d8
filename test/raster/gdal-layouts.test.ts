// Layouts gapmap's own writer does not make but planners' files have, made by GDAL from a raster
// the test writes: predictors (2: horizontal differencing, 3: floating point — common in
// WorldPop/GHS-POP style LZW/deflate files), strips whose last one is short, tiles that overhang
// the edge, packbits — all read block by block — and big-endian byte order, which is read through
// geotiff.js's readRasters. Each must give exactly the cells of the plain uncompressed file, read
// through an extent that cuts blocks. Skipped where GDAL (Debian's gdal-bin) is not installed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPopulationRaster } from '../../src/core/raster/read-population-raster.ts';
import { writeGeoTiff } from '../../src/core/raster/write-geotiff.ts';
import { loadGeoTiff } from './load-geotiff.ts';

const { fromArrayBuffer } = await loadGeoTiff();

function hasGdal(): boolean {
  try {
    execFileSync('gdal_translate', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const folder = mkdtempSync(join(tmpdir(), 'gapmap-gdal-layouts-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function cellsOf(bytes: ArrayBuffer) {
  // An extent that cuts the raster, so that windows start and end inside blocks.
  const result = await readPopulationRaster({ population: await fromArrayBuffer(bytes), extent: [102.013, 24.52, 102.09, 24.597] });
  if (!result.ok) throw new Error(result.error.message.en);
  return result.value.cells;
}

describe.skipIf(!hasGdal())('GeoTIFF layouts written by GDAL', () => {
  it('give the cells of the uncompressed file: predictors, big-endian, short strips, edge tiles, packbits', async () => {
    const width = 101, height = 83;
    const values = Array.from({ length: width * height }, (_, i) => (i % 17 === 0 ? -1 : ((i * 7919) % 1000) / 7));
    for (const sampleType of ['float32', 'int16'] as const) {
      const source = join(folder, `source-${sampleType}.tif`);
      const plain = writeGeoTiff({
        width, height, values: sampleType === 'int16' ? values.map(Math.round) : values, sampleType,
        originX: 102, originY: 24.6, cellWidth: 0.001, cellHeight: 0.001, crs: 4326, noData: -1, compression: 'none',
      });
      writeFileSync(source, new Uint8Array(plain));
      const expected = await cellsOf(plain.slice(0));
      expect(expected.lon.length).toBeGreaterThan(3000);
      const predictor = sampleType === 'float32' ? '3' : '2';
      const variants: string[][] = [
        ['-co', 'COMPRESS=DEFLATE', '-co', `PREDICTOR=${predictor}`],
        ['-co', 'COMPRESS=LZW', '-co', `PREDICTOR=${predictor}`, '-co', 'TILED=YES', '-co', 'BLOCKXSIZE=32', '-co', 'BLOCKYSIZE=16'],
        ['-co', 'COMPRESS=DEFLATE', '-co', 'BLOCKYSIZE=10'],
        ['-co', 'ENDIANNESS=BIG', '-co', 'COMPRESS=LZW'],
        ['-co', 'COMPRESS=PACKBITS', '-co', 'TILED=YES', '-co', 'BLOCKXSIZE=16', '-co', 'BLOCKYSIZE=16'],
      ];
      for (const [k, options] of variants.entries()) {
        const target = join(folder, `variant-${sampleType}-${k}.tif`);
        execFileSync('gdal_translate', ['-q', ...options, source, target]);
        const bytes = readFileSync(target);
        const cells = await cellsOf(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
        expect(Array.from(cells.population), options.join(' ')).toEqual(Array.from(expected.population));
        expect(Array.from(cells.lon)).toEqual(Array.from(expected.lon));
        expect(Array.from(cells.lat)).toEqual(Array.from(expected.lat));
      }
    }
  });
});
