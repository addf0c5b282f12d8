// Nothing in storage or in a session file breaks the app for good (issue 10 §1, §6, §8, §4):
// a bad stored session is set aside with a bilingual banner and a reset; mutations of a valid
// session still reach the ready state; a newer file is named as such; a file replaces the session
// only when the planner confirms and never switches on its basemap; a change is saved when the
// page goes away; a cancelled import stops its worker; a 1 MB name is clipped for display.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { analysisSeq, APP_URL, gotoReady, openPage, setRadius, tableRowCount, useBrowser, waitForAnalysis, waitForReady } from './browser.ts';
import { createRandom } from '../../scripts/demo/seeded-random.ts';

const browser = useBrowser();

/**
 * Writes `value` as the stored session (idb-keyval's default store), as a crafted or old app would
 * have, from a page of the same origin that is not the app (leaving the app saves its own session).
 */
async function storeSession(page: Page, value: unknown): Promise<void> {
  await page.goto(new URL('favicon.svg', APP_URL).href);
  await page.evaluate(() => localStorage.clear());
  await page.evaluate(
    (session) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('keyval-store');
        open.onupgradeneeded = () => open.result.createObjectStore('keyval');
        open.onsuccess = () => {
          const transaction = open.result.transaction('keyval', 'readwrite');
          transaction.objectStore('keyval').put(session, 'gapmap-session');
          transaction.oncomplete = () => resolve();
          transaction.onerror = () => reject(transaction.error);
        };
        open.onerror = () => reject(open.error);
      }),
    value,
  );
}

const savedSession = (page: Page) => page.evaluate(() => (window.__gapmap.session as () => Record<string, unknown>)());

function sessionFile(name: string, value: unknown): string {
  const dir = join(process.cwd(), 'test-results');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
}

describe('hostile sessions', () => {
  it('sets a bad stored session aside with a bilingual banner and a reset, and starts', async () => {
    const { page, errors, context } = await openPage(browser());
    await gotoReady(page);
    const valid = await savedSession(page);
    await storeSession(page, { ...valid, language: 'xx', layers: { ...(valid.layers as object), basemap: null }, basemapUrl: 'http://%zz/{z}' });
    await gotoReady(page);
    expect(await page.evaluate(() => window.__gapmap.sessionSetAside)).toBe(true);
    const banner = (await page.locator('#status-banner').textContent()) ?? '';
    expect(banner).toContain('已另存');
    expect(banner).toContain('set aside');
    expect(await page.locator('#new-session').isVisible()).toBe(true);
    // The reset path clears what was stored; the next start has no banner.
    await Promise.all([page.waitForNavigation(), page.click('#status-action')]);
    await waitForReady(page);
    expect(await page.evaluate(() => window.__gapmap.sessionSetAside)).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('reaches the ready state from mutated stored sessions (seeded fuzz)', async () => {
    const { page, errors, context } = await openPage(browser());
    await gotoReady(page);
    const valid = await savedSession(page);
    const random = createRandom(4242);
    const keys = Object.keys(valid);
    const junk = [null, 42, 'xx', [], {}, -1, 1e308, 'x'.repeat(100_000)];
    for (let round = 0; round < 3; round++) {
      const mutated: Record<string, unknown> = structuredClone(valid);
      for (let k = 0; k < 3; k++) mutated[keys[random.int(0, keys.length - 1)]] = junk[random.int(0, junk.length - 1)];
      await storeSession(page, mutated);
      await gotoReady(page);
      expect(await tableRowCount(page)).toBeGreaterThan(0);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('opens a session file only after confirmation, names a newer version, and leaves its basemap off', async () => {
    const { page, errors, context } = await openPage(browser());
    await gotoReady(page);
    const valid = await savedSession(page);
    await page.setInputFiles('#session-file-input', sessionFile('newer-session.json', { ...valid, app: 'gapmap', version: 99 }));
    await page.waitForSelector('#status-banner.error');
    expect(await page.locator('#status-banner').textContent()).toContain('99');
    const tracker = 'https://tracker.example/{z}/{x}/{y}.png';
    const file = sessionFile('other-session.json', { ...valid, app: 'gapmap', analysis: { ...(valid.analysis as object), reach: { kind: 'distance', metres: 3000 } }, basemapUrl: tracker });
    // Cancel: nothing changes.
    await page.setInputFiles('#session-file-input', file);
    await page.waitForSelector('#open-session-dialog');
    expect(await page.locator('#open-session-dialog').textContent()).toContain('tracker.example');
    await page.click('#open-session-dialog button.subtle');
    expect(await page.inputValue('#radius-input')).toBe('1000');
    expect((await savedSession(page)).analysis).toEqual(valid.analysis);
    // Confirm: the file's session, without its basemap.
    await page.setInputFiles('#session-file-input', file);
    await Promise.all([page.waitForNavigation(), page.click('#open-session-dialog-confirm')]);
    await waitForReady(page);
    expect(await page.inputValue('#radius-input')).toBe('3000');
    expect((await savedSession(page)).basemapUrl).toBe('');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('saves a change made just before the page goes away', async () => {
    const { page, context } = await openPage(browser());
    await gotoReady(page);
    const seq = await analysisSeq(page);
    await setRadius(page, 1850);
    await page.reload(); // no wait for the debounced save
    await waitForReady(page);
    expect(await page.inputValue('#radius-input')).toBe('1850');
    expect(seq).toBeGreaterThan(0);
    await context.close();
  });

  it('cancelling a long import replaces its worker, and the next import does not wait for it', async () => {
    const { page, errors, context } = await openPage(browser());
    await gotoReady(page);
    await page.evaluate(() => {
      const rows = ['name,lon,lat'];
      for (let i = 0; i < 1_500_000; i++) rows.push(`f${i},${102 + (i % 1000) / 1000},${24 + Math.floor(i / 1000) / 2000}`);
      const big = new File([rows.join('\n')], 'big.csv');
      void (window.__gapmap.openImportWith as (files: File[]) => Promise<void>)([big]);
    });
    await page.waitForSelector('.gapmap-import-status');
    await page.click('.gapmap-import-footer .gapmap-import-button');
    await page.waitForFunction(() => window.__gapmap.workerReplacements === 1);
    await page.evaluate(() => {
      const small = new File(['name,lon,lat\n甲,102.54,24.35\n'], 'small.csv');
      void (window.__gapmap.openImportWith as (files: File[]) => Promise<void>)([small]);
    });
    await page.waitForSelector('.gapmap-import-accept');
    expect(await page.locator('.gapmap-import-count').textContent()).toContain('1');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('clips a 1 MB township name for the map and the table', async () => {
    const { page, errors, context } = await openPage(browser());
    await gotoReady(page);
    const seq = await analysisSeq(page);
    await page.evaluate(() => {
      const huge = '长'.repeat(1_000_000);
      const square = (x: number, y: number) => ({ type: 'Polygon', coordinates: [[[x, y], [x + 0.2, y], [x + 0.2, y + 0.2], [x, y + 0.2], [x, y]]] });
      const features = [
        { type: 'Feature', geometry: square(102.3, 24.2), properties: { name: huge, code: '1' } },
        { type: 'Feature', geometry: square(102.5, 24.2), properties: { name: '乙镇', code: '2' } },
      ];
      return (window.__gapmap.acceptImport as (accepted: unknown) => Promise<boolean>)({
        name: 'huge-name.geojson',
        role: 'boundaries',
        mapping: { nameField: 'name', codeField: 'code', level: 'township' },
        layer: { fileName: 'huge-name.geojson', fields: [{ name: 'name', numeric: false }, { name: 'code', numeric: false }], features },
      });
    });
    await waitForAnalysis(page, seq);
    const names = await page.locator('#township-table tbody tr th').allTextContents();
    expect(names.length).toBe(2);
    expect(Math.max(...names.map((name) => Array.from(name).length))).toBeLessThanOrEqual(64);
    expect(errors).toEqual([]);
    await context.close();
  });
});
