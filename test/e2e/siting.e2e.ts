// Siting in the browser: the solver runs in the background worker and shows its answer with the
// optimality gap; the proposal becomes a named scenario saved with the session; a what-if facility
// added by clicking the map updates the dashboard (drop → dashboard time printed, not asserted);
// the scenario's comparison with the baseline lists every rule with changes highlighted. A facility
// dragged and another removed on the map change the township figures and the dashboard, and "back
// to baseline" restores them exactly; candidate and exclusion layers load from files and the solver
// runs on the loaded candidates. After an edit the township table's rows are the same nodes with the
// changed figures written in (equal to the table drawn afresh).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { analysisSeq, gotoReady, log, openPage, screenshot, SIGNAL_TIMEOUT_MS, tableValues, useBrowser, waitForAnalysis } from './browser.ts';

type Shown = { id: string; x: number; y: number };
const editCount = (page: Page) => page.evaluate(() => (window.__gapmap.sitingEditTimings as () => number[])().length);
const dashboard = (page: Page) => page.evaluate(() => JSON.stringify(window.__gapmap.rules.map((r) => [r.ruleId, r.value, r.status])));

/** Waits until the n-th what-if edit is on show and the rules after it are painted. */
async function waitForEdit(page: Page, n: number, rulesBefore: number): Promise<void> {
  await page.waitForFunction(([count, seq]) => (window.__gapmap.sitingEditTimings as () => number[])().length >= count && window.__gapmap.rulesSeq > seq, [n, rulesBefore], { timeout: SIGNAL_TIMEOUT_MS });
}

const browser = useBrowser();

describe('siting', () => {
  it('solves, saves a scenario, edits facilities on the map and compares with the baseline', async () => {
    const { page, errors, context } = await openPage(browser());
    await gotoReady(page);
    const seq = await analysisSeq(page);
    await page.selectOption('#service-select', 'elder-daycare');
    await waitForAnalysis(page, seq);

    // p-median's cap is in the reach's unit: metres for this straight-line reach (default 3 × the radius).
    await page.selectOption('#siting-problem', 'p-median');
    expect(await page.locator('label[for="siting-cap"]').textContent()).toBe('距离封顶（米）');
    const reach = await page.evaluate(() => (window.__gapmap.session as () => { analysis: { reach: { metres: number } } })().analysis.reach.metres);
    expect(await page.locator('#siting-cap').getAttribute('placeholder')).toBe(String(3 * reach));
    await page.selectOption('#siting-problem', 'max-coverage');
    await page.fill('#siting-k', '3');
    await page.click('#siting-solve');
    await page.waitForFunction(() => document.querySelectorAll('#siting-sites li').length === 3, undefined, { timeout: 120_000 });
    const gap = await page.locator('#siting-gap').textContent();
    expect(gap).toMatch(/最优性差距|Optimality gap/);
    log(`siting answer: ${gap}`);

    await page.click('#siting-save-proposal');
    await page.waitForFunction(() => document.querySelectorAll('#siting-scenarios li[data-scenario]').length === 1);
    await page.evaluate(() => (window.__gapmap.flushSession as () => Promise<void>)());
    const saved = await page.evaluate(() => (window.__gapmap.session as () => { scenarios: { edits: unknown[] }[] })().scenarios);
    expect(saved).toHaveLength(1);
    expect(saved[0].edits).toHaveLength(3);

    // What-if: click the map centre in "add" mode; the rules and the analysis re-run.
    const rulesSeq = await page.evaluate(() => window.__gapmap.rulesSeq);
    await page.selectOption('#siting-mode', 'add');
    const box = (await page.locator('#map canvas').first().boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForFunction((n) => window.__gapmap.rulesSeq > n && (window.__gapmap.sitingEditTimings as () => number[])().length === 1, rulesSeq, { timeout: 60_000 });
    for (let i = 0; i < 3; i++) await page.evaluate(([lon, lat]) => (window.__gapmap.sitingAddAt as (a: number, b: number) => Promise<void>)(lon, lat), [102.55 + 0.01 * i, 24.35]);
    const timings = await page.evaluate(() => (window.__gapmap.sitingEditTimings as () => number[])());
    log(`what-if drop → dashboard (ms): ${timings.map((ms) => Math.round(ms)).join(', ')}`);
    expect(await page.locator('#siting-edit-status').textContent()).toMatch(/4/);
    await page.selectOption('#siting-mode', 'off');

    // Compare the saved scenario with the baseline; the difference map paints.
    await page.locator('#siting-scenarios li[data-scenario] button').nth(1).click();
    await page.waitForFunction(() => document.querySelectorAll('#siting-compare-rules tr[data-rule]').length > 0, undefined, { timeout: 60_000 });
    expect(await page.locator('#siting-compare-rules tr.changed, #siting-compare-rules tr.now-passes').count()).toBeGreaterThan(0);
    expect(await page.locator('#siting-compare-townships tr.changed').count()).toBeGreaterThan(0);
    await page.check('#siting-difference');
    await screenshot(page, 'siting-comparison');

    // Back to the baseline.
    const before = await page.evaluate(() => window.__gapmap.rulesSeq);
    await page.click('#siting-baseline');
    await page.waitForFunction((n) => window.__gapmap.rulesSeq > n, before, { timeout: 60_000 });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('drags a facility and removes one: the figures change, and come back with the baseline', async () => {
    const { page, errors, context } = await openPage(browser());
    await gotoReady(page);
    const seq = await analysisSeq(page);
    await page.selectOption('#service-select', 'elder-daycare');
    await waitForAnalysis(page, seq);
    await page.waitForFunction(() => (window.__gapmap.sitingFacilities as () => Shown[])().length >= 2, undefined, { timeout: SIGNAL_TIMEOUT_MS });
    const baselineTable = await tableValues(page, 'population_covered_pct');
    expect(Object.keys(baselineTable).length).toBeGreaterThan(0);
    const baselineRules = await dashboard(page);
    const box = (await page.locator('#map canvas').first().boundingBox())!;
    const inside = (f: Shown) => f.x > 40 && f.y > 40 && f.x < box.width - 40 && f.y < box.height - 40;
    const shown = (await page.evaluate(() => (window.__gapmap.sitingFacilities as () => Shown[])())).filter(inside);
    expect(shown.length).toBeGreaterThanOrEqual(2);

    // Every row of the table marked (a property, not an attribute): after the edit it must be the same node.
    const rowCount = await page.evaluate(() => {
      const rows = document.querySelectorAll('#township-table tbody tr');
      rows.forEach((row) => ((row as unknown as { shownBefore: boolean }).shownBefore = true));
      return rows.length;
    });

    // Drag the first one 120 px right and 80 px down.
    await page.selectOption('#siting-mode', 'move');
    const [dragged, removed] = [shown[0], shown.find((f) => Math.hypot(f.x - shown[0].x, f.y - shown[0].y) > 30) ?? shown[1]];
    let rulesSeq = await page.evaluate(() => window.__gapmap.rulesSeq);
    await page.mouse.move(box.x + dragged.x, box.y + dragged.y);
    await page.mouse.down();
    await page.mouse.move(box.x + dragged.x + 60, box.y + dragged.y + 40, { steps: 4 });
    await page.mouse.move(box.x + dragged.x + 120, box.y + dragged.y + 80, { steps: 4 });
    await page.mouse.up();
    await waitForEdit(page, 1, rulesSeq);
    const afterDrag = await tableValues(page, 'population_covered_pct');
    expect(afterDrag).not.toEqual(baselineTable);
    log(`drag of ${dragged.id}: ${Object.keys(afterDrag).filter((code) => afterDrag[code] !== baselineTable[code]).length} townships changed`);
    // The table after the edit: the same row nodes, the changed figures written into them; each row as
    // the table draws it afresh (the level switched to counties and back), in the same order.
    const rowsNow = () => page.evaluate(() => [...document.querySelectorAll<HTMLTableRowElement>('#township-table tbody tr')].map((row) => ({ html: row.outerHTML, kept: (row as unknown as { shownBefore?: boolean }).shownBefore === true })));
    const updated = await rowsNow();
    expect(updated.length).toBe(rowCount);
    expect(updated.every((row) => row.kept)).toBe(true);
    await page.click('#table-level button[data-level="county"]');
    await page.click('#table-level button[data-level="township"]');
    const redrawn = await rowsNow();
    expect(redrawn.some((row) => row.kept)).toBe(false);
    expect(redrawn.map((row) => row.html)).toEqual(updated.map((row) => row.html));

    // Remove another one by clicking it.
    await page.selectOption('#siting-mode', 'remove');
    rulesSeq = await page.evaluate(() => window.__gapmap.rulesSeq);
    const target = (await page.evaluate(() => (window.__gapmap.sitingFacilities as () => Shown[])())).find((f) => f.id === removed.id)!;
    await page.mouse.click(box.x + target.x, box.y + target.y);
    await waitForEdit(page, 2, rulesSeq);
    const afterRemove = await tableValues(page, 'population_covered_pct');
    expect(afterRemove).not.toEqual(afterDrag);
    expect(await page.locator('#siting-edit-status').textContent()).toMatch(/2/);
    expect(await page.evaluate((id) => (window.__gapmap.sitingFacilities as () => Shown[])().some((f) => f.id === id), removed.id)).toBe(false);
    const timings = await page.evaluate(() => (window.__gapmap.sitingEditTimings as () => number[])());
    log(`what-if drop → dashboard (ms): drag ${Math.round(timings[0])}, remove ${Math.round(timings[1])}`);
    expect(await editCount(page)).toBe(2);

    // Back to the baseline: every township figure and rule as before.
    await page.selectOption('#siting-mode', 'off');
    rulesSeq = await page.evaluate(() => window.__gapmap.rulesSeq);
    await page.click('#siting-baseline');
    await waitForEdit(page, 3, rulesSeq);
    expect(await tableValues(page, 'population_covered_pct')).toEqual(baselineTable);
    expect(await dashboard(page)).toEqual(baselineRules);

    // A candidate layer and an exclusion layer from files; the solver runs on the loaded candidates.
    const centre = { lon: 102.55, lat: 24.35 }; // in the demo region's populated middle
    const points = Array.from({ length: 12 }, (_, i) => ({ type: 'Feature', properties: { id: `P${i}` }, geometry: { type: 'Point', coordinates: [centre.lon + 0.01 * (i % 4), centre.lat + 0.01 * Math.floor(i / 4)] } }));
    const zone = { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[centre.lon - 0.005, centre.lat - 0.005], [centre.lon + 0.015, centre.lat - 0.005], [centre.lon + 0.015, centre.lat + 0.025], [centre.lon - 0.005, centre.lat + 0.025], [centre.lon - 0.005, centre.lat - 0.005]]] } };
    await page.setInputFiles('#siting-candidates-file', { name: 'parcels.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: points })) });
    await page.waitForFunction(() => /12/.test(document.querySelector('#siting-layers')?.textContent ?? ''), undefined, { timeout: SIGNAL_TIMEOUT_MS });
    await page.setInputFiles('#siting-exclusions-file', { name: 'water.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: [zone] })) });
    await page.waitForFunction(() => /排除区 1 |exclusion zones: 1 /.test(document.querySelector('#siting-layers')?.textContent ?? ''), undefined, { timeout: SIGNAL_TIMEOUT_MS });
    expect(await page.locator('#siting-candidates').inputValue()).toBe('layer');
    await page.selectOption('#siting-problem', 'max-coverage');
    await page.fill('#siting-k', '2');
    await page.click('#siting-solve');
    await page.waitForFunction(() => document.querySelectorAll('#siting-sites li').length === 2, undefined, { timeout: SIGNAL_TIMEOUT_MS });
    // Candidates P0, P1, P4, P5 lie in the exclusion zone and are never proposed.
    const sites = await page.evaluate(() => (window.__gapmap.sitingProposal as () => string[])());
    expect(sites).toHaveLength(2);
    for (const id of sites) expect(['P0', 'P1', 'P4', 'P5']).not.toContain(id);
    await screenshot(page, 'siting-layers');
    expect(errors).toEqual([]);
    await context.close();
  });
  it('answers a what-if edit on a 15-minute walk: the nearest times and the dashboard follow the added facility', async () => {
    const { page, errors, context } = await openPage(browser());
    await gotoReady(page);
    let seq = await analysisSeq(page);
    await page.selectOption('#service-select', 'elder-daycare');
    await waitForAnalysis(page, seq);
    seq = await analysisSeq(page);
    await page.check('#reach-time');
    await waitForAnalysis(page, seq);
    const figures = () => page.evaluate(() => window.__gapmap.analysis!.townships);
    const before = await figures();
    const rulesSeq = await page.evaluate(() => window.__gapmap.rulesSeq);
    // In the populated middle of the demo region, where the walking network is dense.
    await page.evaluate(() => (window.__gapmap.sitingAddAt as (a: number, b: number) => Promise<void>)(102.55, 24.35));
    await waitForEdit(page, 1, rulesSeq);
    const after = await figures();
    expect(after).not.toEqual(before);
    // A facility added only brings people nearer: no township's median time grows.
    after['nearest-time-median'].forEach((minutes, i) => expect(minutes <= before['nearest-time-median'][i] || Number.isNaN(before['nearest-time-median'][i])).toBe(true));
    const [dashboardMs] = await page.evaluate(() => (window.__gapmap.sitingEditTimings as () => number[])());
    log(`what-if on a 15-minute walk: drop → dashboard ${Math.round(dashboardMs)} ms`);
    expect(errors).toEqual([]);
    await context.close();
  });
});
