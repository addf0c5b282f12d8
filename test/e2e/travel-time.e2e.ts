// Travel time in the app: "出行时间" is live on the demo (its synthetic roads), walking 15 minutes
// covers fewer people than the 1,000 m circle, 30 minutes more than 15, driving more than walking;
// the table gains the nearest travel time and the map draws the isochrone. The travel-time panel
// counts and draws the unreachable people, shows each facility's catchment, a clicked facility's
// 5/10/15 minute isochrones, the decay option and the speed tables (checked, then applied); the
// tooltip and the township detail give the travel time.
import { describe, expect, it } from 'vitest';
import { analysisSeq, gotoReady, log, openPage, screenshot, useBrowser, waitForAnalysis, waitForReady } from './browser.ts';

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

  /** The travel-time layers' report after the next change (window.__gapmap.travel). */
  const travelReport = (page: import('playwright-core').Page) => page.evaluate(() => window.__gapmap.travel as { seq: number; unreachablePeople: number; unreachableCells: number; catchments: number | null; facility: number | null; facilityBands: { minutes: number; areaKm2: number }[] });
  const waitForTravel = (page: import('playwright-core').Page, after: number) =>
    page.waitForFunction((n) => ((window.__gapmap.travel as { seq: number } | undefined)?.seq ?? 0) > n, after);

  it('counts the unreachable, draws catchments and a clicked facility’s isochrones, and gives the travel time in the tooltip and the detail', async () => {
    const { page, errors } = await openPage(browser());
    await gotoReady(page);
    expect(await page.isVisible('#travel-panel')).toBe(false);
    await page.waitForFunction(() => window.__gapmap.gapsSeq > 0);
    const gapsBefore = await page.evaluate(() => window.__gapmap.gapsSeq);
    let before = await analysisSeq(page);
    await page.check('#reach-time');
    await waitForAnalysis(page, before);
    await page.waitForFunction(() => window.__gapmap.travel !== undefined);
    // the gap polygons follow: each township's part beyond 15 minutes, with its uncovered people
    await page.waitForFunction((n) => window.__gapmap.gapsSeq > n, gapsBefore);
    const gaps = await page.evaluate(() => window.__gapmap.gaps!);
    const region = await page.evaluate(() => window.__gapmap.analysis!.region);
    // (the townships on screen: at the start, most of the region)
    expect(gaps.features).toBeGreaterThan(20);
    expect(gaps.uncoveredPopulation).toBeGreaterThan(0);
    expect(gaps.uncoveredPopulation).toBeLessThanOrEqual(region['uncovered-population'][0] + 1);
    expect(await page.isVisible('#travel-panel')).toBe(true);
    const shown = await travelReport(page);
    // the demo has people over 1,000 m from every road: counted, drawn, never 0 or Infinity
    expect(shown.unreachablePeople).toBeGreaterThan(0);
    expect(shown.unreachableCells).toBeGreaterThan(0);
    expect(await page.textContent('#travel-unreachable')).toMatch(/不可达：[\d,]+ 人/);

    let seq = (await travelReport(page)).seq;
    await page.check('#travel-catchments');
    await waitForTravel(page, seq);
    const facilityCount = await page.evaluate(() => window.__gapmap.analysis!.facilityCount);
    const withCatchments = (await travelReport(page)).catchments!;
    expect(withCatchments).toBeGreaterThan(0);
    expect(withCatchments).toBeLessThanOrEqual(facilityCount);
    expect(await page.textContent('#travel-catchments-note')).toContain(String(withCatchments));

    // click a facility drawn on the map: its 5, 10 and 15 minute isochrones, nested
    const target = await page.evaluate(() => (window.__gapmap.renderedFacilityPoint as () => { id: number; x: number; y: number } | null)());
    expect(target).not.toBeNull();
    const box = (await page.locator('#map canvas').first().boundingBox())!;
    // the tooltip over a township gives its travel time (the gaps layer, drawn over most of the
    // region at 15 minutes' walk, is switched off in the layer list so the township is on top)
    await page.uncheck('#layer-gaps');
    const point = await page.evaluate(() => (window.__gapmap.townshipPoint as () => { x: number; y: number } | null)());
    expect(point).not.toBeNull();
    await page.mouse.move(box.x + point!.x, box.y + point!.y);
    await page.waitForFunction(() => /到最近设施出行时间中位数/.test(document.getElementById('map-tooltip')?.textContent ?? ''));
    seq = (await travelReport(page)).seq;
    await page.mouse.click(box.x + target!.x, box.y + target!.y);
    await waitForTravel(page, seq);
    const clicked = await travelReport(page);
    expect(clicked.facility).not.toBeNull();
    expect(clicked.facilityBands.map((band) => band.minutes)).toEqual([15, 10, 5]);
    expect(clicked.facilityBands[0].areaKm2).toBeGreaterThan(clicked.facilityBands[2].areaKm2);
    expect(clicked.facilityBands[2].areaKm2).toBeGreaterThan(0);
    expect(await page.textContent('#travel-facility')).toMatch(/5 分钟 [\d.]+ km²/);
    await screenshot(page, 'travel-time-catchments-facility');


    // the township detail: the travel time of the service at its travel-time reach
    await page.click('#township-table tbody tr');
    await page.waitForSelector('#detail-panel [data-cell="nearest-time"]');
    await page.waitForFunction(() => [...document.querySelectorAll('#detail-panel [data-cell="nearest-time"]')].some((cell) => /分钟|不可达/.test(cell.textContent ?? '')));

    // the 2SFCA decay option travels in the reach
    before = await analysisSeq(page);
    // (the region's figure is total supply over total demand either way: the townships' move)
    const flat = await page.evaluate(() => window.__gapmap.analysis!.townships['two-step-fca']);
    await page.check('#travel-decay');
    await waitForAnalysis(page, before);
    expect(await page.evaluate(() => window.__gapmap.analysis!.reach)).toMatchObject({ kind: 'travel-time', decay: 'gaussian' });
    const decayed = await page.evaluate(() => window.__gapmap.analysis!.townships['two-step-fca']);
    expect(decayed.filter((value, t) => Number.isFinite(value) && Math.abs(value - flat[t]) > 1e-6).length).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it('edits the speed tables: a bad value is named in both languages and cannot be applied; slower walking covers fewer people', async () => {
    const { page, errors } = await openPage(browser());
    await gotoReady(page);
    let before = await analysisSeq(page);
    await page.check('#reach-time');
    await waitForAnalysis(page, before);
    const covered = () => page.evaluate(() => window.__gapmap.analysis!.region['population-covered-pct'][0]);
    const normal = await covered();
    await page.click('#speed-editor summary');
    const urban = page.locator('#speed-table input[data-mode="walk"][data-road="urban"]');
    await urban.fill('abc');
    expect(await page.textContent('#speed-errors')).toMatch(/步行·城市道路：应为 0–200 之间的数/);
    expect(await page.isDisabled('#speed-apply')).toBe(true);
    await urban.fill('250');
    expect(await page.isDisabled('#speed-apply')).toBe(true);
    // every class a pedestrian uses at 2 km/h instead of 4.5
    for (const road of ['urban', 'village', 'tertiary', 'secondary', 'primary', 'trunk', 'service', 'track', 'footway', 'cycleway']) {
      await page.locator(`#speed-table input[data-mode="walk"][data-road="${road}"]`).fill('2');
    }
    expect(await page.textContent('#speed-errors')).toBe('');
    before = await analysisSeq(page);
    await page.click('#speed-apply');
    await waitForAnalysis(page, before);
    await page.waitForSelector('#travel-status:text("已应用新的速度表")');
    const slower = await covered();
    expect(slower).toBeLessThan(normal);
    // The edited tables are part of the session: after a reload the workers use them again.
    await page.evaluate(() => (window.__gapmap.flushSession as () => Promise<void>)());
    await page.reload();
    await waitForReady(page);
    await page.waitForFunction(() => window.__gapmap.analysis?.reach.kind === 'travel-time');
    expect(await covered()).toBeCloseTo(slower, 6);
    await page.click('#speed-editor summary');
    expect(await page.inputValue('#speed-table input[data-mode="walk"][data-road="urban"]')).toBe('2');
    await page.click('#speed-reset');
    await page.waitForFunction((n) => window.__gapmap.analysisSeq > n, await analysisSeq(page));
    expect(await covered()).toBeCloseTo(normal, 6);
    // English messages too
    await page.click('#language-toggle');
    await page.locator('#speed-table input[data-mode="drive"][data-road="motorway"]').fill('-5');
    expect(await page.textContent('#speed-errors')).toMatch(/Driving · expressway: must be a number from 0 to 200/);
    expect(errors).toEqual([]);
  });
});
