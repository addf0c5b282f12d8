// Siting in the browser: the solver runs in the background worker and shows its answer with the
// optimality gap; the proposal becomes a named scenario saved with the session; a what-if facility
// added by clicking the map updates the dashboard (drop → dashboard time printed, not asserted);
// the scenario's comparison with the baseline lists every rule with changes highlighted.
import { describe, expect, it } from 'vitest';
import { analysisSeq, gotoReady, log, openPage, screenshot, useBrowser, waitForAnalysis } from './browser.ts';

const browser = useBrowser();

describe('siting', () => {
  it('solves, saves a scenario, edits facilities on the map and compares with the baseline', async () => {
    const { page, errors, context } = await openPage(browser());
    await gotoReady(page);
    const seq = await analysisSeq(page);
    await page.selectOption('#service-select', 'elder-daycare');
    await waitForAnalysis(page, seq);

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
});
