// A population GeoTIFF through the import dialog, as a planner drops WorldPop's file: read in the
// worker (progress on the dialog's bar), accepted as the population layer, and the region's population is
// then the raster's cells inside the townships — computed here from the same bytes by the core
// (the CLI's reader and point location), independently of the page. Closing the dialog while a
// large raster is read replaces the worker and changes nothing. The rasters are written by the test.
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { writeGeoTiff } from '../../src/core/raster/write-geotiff.ts';
import { readPopulationRaster } from '../../src/core/raster/read-population-raster.ts';
import { prepareDataset } from '../../src/core/prepare/prepare-dataset.ts';
import { loadDemoDataset } from '../../scripts/lib/load-demo-dataset.ts';
import { loadGeoTiff } from '../raster/load-geotiff.ts';
import { analysisSeq, gotoReady, log, openPage, useBrowser, waitForAnalysis } from './browser.ts';

const browser = useBrowser();

/** 60 × 40 cells of 0.004° over 红塔区 (inside the demo region), deflate, 16² tiles; nodata and empty cells among them. */
function smallRaster(): Uint8Array {
  const width = 60, height = 40;
  const values = Array.from({ length: width * height }, (_, i) => (i % 23 === 0 ? -1 : i % 17 === 0 ? 0 : 1 + ((i * 7) % 13) * 2.5));
  return new Uint8Array(
    writeGeoTiff({
      width, height, values, sampleType: 'float32', originX: 102.45, originY: 24.45, cellWidth: 0.004, cellHeight: 0.004,
      crs: 4326, noData: -1, compression: 'deflate', deflate: (bytes) => deflateSync(bytes), tile: 16,
    }),
  );
}

/** The region's population the app must show: the raster's cells located in the demo townships by the core. */
async function expectedRegionPopulation(bytes: Uint8Array): Promise<number> {
  const { fromArrayBuffer } = await loadGeoTiff();
  const read = await readPopulationRaster({ population: await fromArrayBuffer(bytes.slice().buffer) });
  if (!read.ok) throw new Error(read.error.message.en);
  const demo = await loadDemoDataset();
  const prepared = prepareDataset({ ...demo, population: read.value.cells });
  let total = 0;
  for (let i = 0; i < prepared.cellTownship.length; i++) if (prepared.cellTownship[i] >= 0) total += read.value.cells.population[i];
  return total;
}

describe('population GeoTIFF in the app', () => {
  it('is read in the worker and becomes the population, as the CLI reads it', async () => {
    const bytes = smallRaster();
    const expected = await expectedRegionPopulation(bytes);
    const { page, errors, context } = await openPage(browser());
    await gotoReady(page);
    const seq = await analysisSeq(page);
    await page.evaluate((data) => {
      const file = new File([new Uint8Array(data)], 'worldpop-like.tif', { type: 'image/tiff' });
      void (window.__gapmap.openImportWith as (files: File[]) => Promise<void>)([file]);
    }, Array.from(bytes));
    await page.waitForSelector('select[data-field="role"]');
    await page.selectOption('select[data-field="role"]', 'population');
    await page.waitForSelector('.gapmap-import-accept:not([disabled])');
    await page.click('.gapmap-import-accept');
    await waitForAnalysis(page, seq);
    const population = await page.evaluate(() => window.__gapmap.analysis!.region.population[0]);
    log(`GeoTIFF population: region ${population} people in the app, ${expected} by the core`);
    expect(expected).toBeGreaterThan(1000);
    // The table rounds head counts to whole people.
    expect(Math.abs(population - expected)).toBeLessThanOrEqual(0.5);
    const imports = await page.evaluate(() => (window.__gapmap.session as () => { imports: { role: string }[] })().imports);
    expect(imports.map((layer) => layer.role)).toEqual(['population']);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a large raster shows the progress of the read; closing the dialog stops the read and changes nothing', async () => {
    // 4,000 × 4,000 cells of one person: small to send, long to decode.
    const side = 4000;
    const large = new Uint8Array(
      writeGeoTiff({
        width: side, height: side, values: new Float32Array(side * side).fill(1), sampleType: 'float32', originX: 101.5, originY: 24.8, cellWidth: 0.0005, cellHeight: 0.0005,
        crs: 4326, noData: -1, compression: 'deflate', deflate: (bytes) => deflateSync(bytes), tile: 256,
      }),
    );
    const { page, errors, context } = await openPage(browser());
    await gotoReady(page);
    await page.evaluate((data) => {
      const file = new File([new Uint8Array(data)], 'large.tif', { type: 'image/tiff' });
      void (window.__gapmap.openImportWith as (files: File[]) => Promise<void>)([file]);
    }, Array.from(large));
    await page.waitForSelector('progress.gapmap-import-progress');
    // The worker's progress reaches the bar before the read ends.
    await page.waitForFunction(() => Number(document.querySelector<HTMLProgressElement>('progress.gapmap-import-progress')?.value) > 0);
    await page.click('.gapmap-import-footer .gapmap-import-button');
    await page.waitForFunction(() => window.__gapmap.workerReplacements === 1);
    expect(await page.evaluate(() => (window.__gapmap.session as () => { imports: unknown[] })().imports.length)).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
