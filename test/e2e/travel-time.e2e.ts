// Travel time in the app: "出行时间" is live on the demo (its synthetic roads), walking 15 minutes
// covers fewer people than the 1,000 m circle, 30 minutes more than 15, driving more than walking;
// the table gains the nearest travel time and the map draws the isochrone.
import { describe, expect, it } from 'vitest';
import { analysisSeq, gotoReady, log, openPage, screenshot, useBrowser, waitForAnalysis } from './browser.ts';

const browser = useBrowser();

describe('travel time', () => {
  it('switches from distance to 15 minutes’ walk and on to 30 minutes and driving', async () => {
    const { page, errors } = await openPage(browser());
    await gotoReady(page);
    const regionCovered = () => page.evaluate(() => window.__gapmap.analysis!.region['population-covered-pct'][0]);
    const straight = await regionCovered();
    let before = await analysisSeq(page);
    const startedAt = Date.now();
    await page.check('#reach-time');
    await waitForAnalysis(page, before);
    log(`distance → 15 min walk repainted in ${Date.now() - startedAt} ms (first use builds the road graph in the worker)`);
    expect(await page.isVisible('#travel-time-controls')).toBe(true);
    const walk15 = await regionCovered();
    expect(walk15).toBeGreaterThan(0);
    expect(walk15).toBeLessThan(straight);
    // the map's travel-time metric per township (the table's columns come from the core metric table)
    const times = await page.evaluate(() => window.__gapmap.analysis!.townships['nearest-time-median']);
    expect(times.filter((value) => Number.isFinite(value) && value > 0).length).toBeGreaterThan(50);

    before = await analysisSeq(page);
    const again = Date.now();
    await page.fill('#travel-minutes-input', '30');
    await page.press('#travel-minutes-input', 'Enter');
    await waitForAnalysis(page, before);
    log(`15 → 30 min walk repainted in ${Date.now() - again} ms`);
    const walk30 = await regionCovered();
    expect(walk30).toBeGreaterThan(walk15);

    before = await analysisSeq(page);
    await page.selectOption('#travel-mode-select', 'drive');
    await waitForAnalysis(page, before);
    expect(await regionCovered()).toBeGreaterThan(walk30);
    await screenshot(page, 'travel-time-drive-30min');
    log(`region population covered: 1,000 m ${straight.toFixed(1)}%, walk 15 min ${walk15.toFixed(1)}%, walk 30 min ${walk30.toFixed(1)}%, drive 30 min ${(await regionCovered()).toFixed(1)}%`);
    expect(errors).toEqual([]);
  });
});
