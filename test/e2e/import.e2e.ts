// Imported layers join the session through the worker (re-prepared there), survive a reload, and
// a failed import leaves the session untouched. Uses the import dialog's accept path directly.
import { describe, expect, it } from 'vitest';
import type { AcceptedImport } from '../../src/core/dataset/apply-imports.ts';
import { analysisSeq, gotoReady, useBrowser, log, openPage, screenshot, tableRowCount, waitForAnalysis, waitForReady } from './browser.ts';

const PAYLOAD = '<img src=x onerror=alert(1)>';

const browser = useBrowser();

const pharmacies: AcceptedImport = {
  name: 'pharmacies.geojson',
  role: 'facilities',
  mapping: { type: 'pharmacy', nameField: 'name' },
  layer: {
    fileName: 'pharmacies.geojson',
    fields: [{ name: 'name', numeric: false }],
    features: [
      { type: 'Feature', geometry: { type: 'Point', coordinates: [102.55, 24.35] }, properties: { name: '药店甲' } },
      { type: 'Feature', geometry: { type: 'Point', coordinates: [102.6, 24.3] }, properties: { name: '<b>药店乙</b>' } },
    ],
  },
};

const brokenBoundaries: AcceptedImport = {
  name: 'broken.geojson',
  role: 'boundaries',
  mapping: { nameField: 'NAME_THAT_IS_NOT_THERE', codeField: 'code', level: 'township' },
  layer: { fileName: 'broken.geojson', fields: [{ name: 'code', numeric: false }], features: [{ type: 'Feature', geometry: null, properties: { code: '1' } }] },
};

describe('imported layers', () => {
  it('adds a layer, keeps it across a reload, and rejects a broken one without touching the session', async () => {
    const { page, errors, context } = await openPage(browser());
    await gotoReady(page);
    const seq = await analysisSeq(page);
    const accepted = await page.evaluate((layer) => (window.__gapmap.acceptImport as (a: unknown) => Promise<boolean>)(layer), pharmacies);
    expect(accepted).toBe(true);
    await waitForAnalysis(page, seq);
    expect(await page.locator('#service-select option[value="pharmacy"]').count()).toBe(1);
    expect(await page.evaluate(() => (window.__gapmap.session as () => { imports: unknown[] })().imports.length)).toBe(1);

    const rejected = await page.evaluate((layer) => (window.__gapmap.acceptImport as (a: unknown) => Promise<boolean>)(layer), brokenBoundaries);
    expect(rejected).toBe(false);
    expect(await page.locator('#status-banner.error').isVisible()).toBe(true);
    expect(await tableRowCount(page)).toBe(76);
    expect(await page.evaluate(() => (window.__gapmap.session as () => { imports: unknown[] })().imports.length)).toBe(1);

    await page.evaluate(() => (window.__gapmap.flushSession as () => Promise<void>)());
    await page.reload();
    await waitForReady(page);
    expect(await page.locator('#service-select option[value="pharmacy"]').count()).toBe(1);
    await page.selectOption('#service-select', 'pharmacy');
    await page.waitForFunction(() => window.__gapmap.analysis?.service === 'pharmacy');
    expect(await page.evaluate(() => window.__gapmap.analysis?.facilityCount)).toBe(2);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('imports boundaries through the import dialog; a malicious name stays text and runs nothing', async () => {
    const { page, errors, context } = await openPage(browser());
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await gotoReady(page);
    const square = (x: number, y: number) => [[[x, y], [x + 0.2, y], [x + 0.2, y + 0.2], [x, y + 0.2], [x, y]]];
    const collection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { name: PAYLOAD, code: '530499001' }, geometry: { type: 'Polygon', coordinates: square(102.4, 24.2) } },
        { type: 'Feature', properties: { name: '试验镇', code: '530499002' }, geometry: { type: 'Polygon', coordinates: square(102.6, 24.2) } },
      ],
    };
    const seq = await analysisSeq(page);
    await page.evaluate((text) => {
      const file = new File([text], 'towns.geojson', { type: 'application/geo+json' });
      void (window.__gapmap.openImportWith as (files: File[]) => Promise<void>)([file]);
    }, JSON.stringify(collection));
    await page.waitForSelector('select[data-field="role"]');
    await page.selectOption('select[data-field="role"]', 'boundaries');
    await page.waitForSelector('.gapmap-import-accept:not([disabled])');
    await page.click('.gapmap-import-accept');
    await waitForAnalysis(page, seq);
    await page.waitForFunction(() => document.querySelectorAll('#township-table tbody tr').length === 2);
    const names = await page.locator('#township-table tbody th').allTextContents();
    expect(names.sort()).toEqual([PAYLOAD, '试验镇'].sort());
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await screenshot(page, 'import-boundaries');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('accepts a large layer without sending it through the page: the worker stores it, the session keeps a key, reload restores it', async () => {
    const { page, errors, context } = await openPage(browser());
    await gotoReady(page);
    const seq = await analysisSeq(page);
    const rows = 60_000; // over the preview budget (20,000 vertices): the worker holds it; two stored chunks of 50,000
    await page.evaluate((count) => {
      const lines = ['经度,纬度,名称'];
      for (let i = 0; i < count; i++) lines.push(`${(102.3 + (i % 200) * 0.002).toFixed(4)},${(24.1 + Math.floor(i / 200) * 0.002).toFixed(4)},点${i}`);
      const file = new File([lines.join('\n')], 'big-points.csv', { type: 'text/csv' });
      void (window.__gapmap.openImportWith as (files: File[]) => Promise<void>)([file]);
    }, rows);
    await page.waitForSelector('select[data-field="role"]');
    await page.selectOption('select[data-field="role"]', 'facilities');
    await page.fill('input[data-field="type"]', 'survey-point');
    await page.dispatchEvent('input[data-field="type"]', 'change');
    await page.waitForSelector('.gapmap-import-accept:not([disabled])');
    const longTasksBefore = await page.evaluate(() => window.__longTasks.length);
    await page.click('.gapmap-import-accept');
    await waitForAnalysis(page, seq);
    const stored = await page.evaluate(() => (window.__gapmap.session as () => { imports: { storeKey?: string; layer?: unknown }[] })().imports);
    expect(stored).toHaveLength(1);
    expect(stored[0].storeKey).toMatch(/^gapmap-import:/);
    expect(stored[0].layer).toBeUndefined();
    const longest = await page.evaluate((start) => Math.max(0, ...window.__longTasks.slice(start).map((task) => task.duration)), longTasksBefore);
    log(`large import (${rows} points) accepted by reference: longest main-thread task while accepting ${Math.round(longest)} ms`);
    // The service list counts the new type's facilities (as loaded in the worker).
    const option = page.locator('#service-select option[value="survey-point"]');
    expect(await option.textContent()).toMatch(/60[,，]?000/);

    await page.evaluate(() => (window.__gapmap.flushSession as () => Promise<void>)());
    await page.reload();
    await waitForReady(page);
    expect(await option.textContent()).toMatch(/60[,，]?000/);
    expect(errors).toEqual([]);
    await context.close();
  });
});
