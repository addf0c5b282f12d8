// The project's data layers, as a planner manages them: boundaries of another region offer a
// project of their own (no demo layer left behind); the layer list names each layer's role, file,
// feature count and coordinate system; "replace" swaps a layer through the file picker and the
// import dialog; "remove" drops one after confirmation; all of it survives a reload.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { acceptImport, analysisSeq, gotoReady, log, openImport, openPage, tableRowCount, useBrowser, waitForAnalysis, waitForReady } from './browser.ts';

const browser = useBrowser();

const square = (west: number, south: number, size = 0.02) => [[[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]]];
/** Three townships near Harbin: far outside the demo region (Yuxi, Yunnan). */
const TOWNS = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    ['松北一镇', '230109001', 126.5],
    ['松北二镇', '230109002', 126.52],
    ['松北三镇', '230109003', 126.54],
  ].map(([name, code, west]) => ({ type: 'Feature', properties: { name, code }, geometry: { type: 'Polygon', coordinates: square(west as number, 45.8) } })),
});
const facilitiesCsv = (count: number) => ['name,lon,lat,type,capacity', ...Array.from({ length: count }, (_, i) => `托育点${i + 1},${(126.51 + 0.02 * i).toFixed(3)},45.81,nursery,20`)].join('\n');

interface LayerRow {
  source: string;
  role: string;
  text: string;
}

function dataLayers(page: Page): Promise<LayerRow[]> {
  return page.locator('#data-layers li.data-layer').evaluateAll((items) =>
    items.map((item) => ({ source: (item as HTMLElement).dataset.source ?? '', role: (item as HTMLElement).dataset.role ?? (item as HTMLElement).dataset.layer ?? '', text: item.textContent ?? '' })),
  );
}

async function session(page: Page): Promise<{ project: string; imports: { role: string; name?: string; featureCount?: number; crs?: string }[] }> {
  return page.evaluate(() => (window.__gapmap.session as () => { project: string; imports: { role: string; name?: string; featureCount?: number; crs?: string }[] })());
}

describe('data layers of a project', () => {
  it('starts a project from another region\'s boundaries, lists its layers, replaces and removes one, and keeps it all on reload', async () => {
    const { page, errors, context } = await openPage(browser());
    await gotoReady(page);

    // The demo: its synthetic layers are listed as such.
    const demoRows = await dataLayers(page);
    expect(demoRows.filter((row) => row.source === 'synthetic').map((row) => row.role)).toEqual(expect.arrayContaining(['townships', 'facilities', 'population']));
    expect(demoRows.every((row) => row.text.includes('示例（合成）'))).toBe(true);

    // Boundaries far from the demo region: the app offers a project of their own.
    await openImport(page, 'harbin-towns.geojson', TOWNS);
    expect(await page.inputValue('select[data-field="role"]')).toBe('boundaries');
    const seq = await analysisSeq(page);
    await page.waitForSelector('.gapmap-import-accept:not([disabled])');
    await page.click('.gapmap-import-accept');
    await page.click('#another-region-dialog-confirm');
    await waitForAnalysis(page, seq);
    expect((await session(page)).project).toBe('empty');
    expect(await page.locator('#synthetic-badge').isHidden()).toBe(true);
    expect(await tableRowCount(page)).toBe(3);
    let rows = await dataLayers(page);
    expect(rows.map((row) => [row.source, row.role])).toEqual([['import', 'boundaries']]);
    expect(rows[0].text).toContain('harbin-towns.geojson');
    expect(rows[0].text).toContain('3 个要素');
    expect(rows[0].text).toMatch(/WGS ?84|4326/);

    // Facilities of the new region.
    await openImport(page, 'creches.csv', facilitiesCsv(2));
    expect(await page.inputValue('select[data-field="role"]')).toBe('facilities');
    await acceptImport(page);
    rows = await dataLayers(page);
    expect(rows.map((row) => row.role)).toEqual(['boundaries', 'facilities']);
    expect(rows[1].text).toContain('2 个要素');

    // Replace the facilities through the row's button: the file picker, then the dialog.
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#data-layers li[data-index="1"] button[data-action="replace"]')]);
    await chooser.setFiles({ name: 'creches-2026.csv', mimeType: 'text/csv', buffer: Buffer.from(facilitiesCsv(3)) });
    await page.waitForSelector('select[data-field="role"]', { timeout: 60_000 });
    await acceptImport(page);
    rows = await dataLayers(page);
    expect(rows.map((row) => row.role)).toEqual(['boundaries', 'facilities']);
    expect(rows[1].text).toContain('creches-2026.csv');
    expect(rows[1].text).toContain('3 个要素');
    const facilities = await page.locator('#township-table tbody td[data-column="facilities"]').evaluateAll((cells) => cells.reduce((sum, cell) => sum + Number((cell as HTMLElement).dataset.value), 0));
    expect(facilities).toBe(3);

    // Remove them (after confirmation): the project keeps its boundaries, the figures follow.
    const before = await analysisSeq(page);
    await page.click('#data-layers li[data-index="1"] button[data-action="remove"]');
    await page.click('#remove-layer-dialog-confirm');
    await page.waitForFunction(() => document.querySelectorAll('#data-layers li.data-layer').length === 1);
    expect((await session(page)).imports.map((layer) => layer.role)).toEqual(['boundaries']);
    log(`another region: ${JSON.stringify(await dataLayers(page))}; analysis seq ${before} → ${await analysisSeq(page)}`);

    // A reload brings back the same project.
    await page.evaluate(() => (window.__gapmap.flushSession as () => Promise<void>)());
    await page.reload();
    await waitForReady(page);
    expect((await session(page)).project).toBe('empty');
    expect((await dataLayers(page)).map((row) => row.role)).toEqual(['boundaries']);
    expect(await tableRowCount(page)).toBe(3);
    expect(await page.locator('#status-banner.error').isVisible()).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);

  it('refuses a truncated file with where it ends; keeping its readable part is a choice, recorded in the layer list', async () => {
    const { page, errors, context } = await openPage(browser());
    await gotoReady(page);
    const point = (i: number) => JSON.stringify({ type: 'Feature', properties: { name: `托育点${i}`, type: 'nursery', capacity: 20 }, geometry: { type: 'Point', coordinates: [102.5 + i * 0.01, 24.35] } });
    const truncated = `{"type":"FeatureCollection","features":[${[1, 2, 3].map(point).join(',')},{"type":"Feature","properties":{"name":"托育`;
    await page.evaluate(([text]) => void (window.__gapmap.openImportWith as (files: File[]) => Promise<void>)([new File([text], 'cut.geojson')]), [truncated] as const);
    const error = page.locator('.gapmap-import-error');
    await error.waitFor({ timeout: 60_000 });
    expect(await error.textContent()).toMatch(/只读到 3 个要素（至少应有 4 个），文件在第 \d+ 字节处中断/);
    expect(await page.locator('.gapmap-import-accept').count()).toBe(0);
    await page.click('.gapmap-import-keep-readable');
    await page.waitForSelector('select[data-field="role"]', { timeout: 60_000 });
    expect(await page.locator('.gapmap-import-severity-warning').first().textContent()).toContain('3');
    await page.selectOption('select[data-field="role"]', 'facilities');
    await acceptImport(page);
    const rows = await dataLayers(page);
    const facilities = rows.find((row) => row.source === 'import');
    expect(facilities?.text).toContain('cut.geojson');
    expect(facilities?.text).toContain('仅可读部分：3 / 至少 4 个要素');
    expect((await session(page)).imports[0]).toMatchObject({ featureCount: 3 });
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);
});
