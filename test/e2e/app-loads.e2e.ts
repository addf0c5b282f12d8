// The demo loads, the dashboard is complete, and its values equal what the core computes in Node
// for the same data and rules (the CLI runs the same functions).
import { describe, expect, it } from 'vitest';
import { loadDemoDataset } from '../../scripts/lib/load-demo-dataset.ts';
import { prepareDataset } from '../../src/core/prepare/prepare-dataset.ts';
import { evaluateRules } from '../../src/core/rules/evaluate-rules.ts';
import { DEFAULT_RULE_SET } from '../../src/core/rules/default-rules.ts';
import type { RuleResult } from '../../src/core/rules/rule-types.ts';
import { APP_URL, useBrowser, log, openPage, screenshot, tableRowCount, waitForReady } from './browser.ts';

const browser = useBrowser();

describe('demo region in the browser', () => {
  it('loads the demo, completes the dashboard and matches the core', async () => {
    const dataset = loadDemoDataset();
    const expected = evaluateRules(prepareDataset(dataset), DEFAULT_RULE_SET.rules);

    const { page, errors, context } = await openPage(browser());
    const started = Date.now();
    await page.goto(APP_URL);
    await waitForReady(page);
    const wallMs = Date.now() - started;
    const firstReadyMs = await page.evaluate(() => window.__gapmap.timings.firstReadyMs);
    log(`page load → complete dashboard: ${wallMs} ms wall clock, ${Math.round(firstReadyMs ?? NaN)} ms after navigation start (target < 3000 ms)`);
    const timings = await page.evaluate(() => window.__gapmap.timings);
    const rulesShown = timings.marks['rules-shown'];
    log(`page load → dashboard (every rule card) shown: ${Math.round(rulesShown)} ms; → first analysis painted and map idle (software WebGL): ${Math.round(firstReadyMs ?? NaN)} ms`);
    log(`start-up steps (ms after navigation start): ${JSON.stringify(timings.marks)}; first analysis ${JSON.stringify(timings.analyses[0])}`);

    // Complete: one row per township, one card per enabled rule, synthetic data stated.
    expect(await tableRowCount(page)).toBe(dataset.townships.length);
    expect(await page.locator('.rule-card:not(.disabled)').count()).toBe(expected.length);
    await expect(page.locator('#synthetic-badge').isVisible()).resolves.toBe(true);
    expect(await page.locator('#synthetic-badge').textContent()).toContain('合成演示数据');

    // Values: the page's results and the cards' data-value equal the core's in Node.
    const shown = await page.evaluate(() => window.__gapmap.rules);
    expect(shown.map((result: RuleResult) => result.ruleId)).toEqual(expected.map((result) => result.ruleId));
    for (const [i, result] of expected.entries()) {
      expect(shown[i].status, result.ruleId).toBe(result.status);
      if (result.value === null) expect(shown[i].value).toBeNull();
      else expect(shown[i].value, result.ruleId).toBeCloseTo(result.value, 9);
      expect(shown[i].failing.length, result.ruleId).toBe(result.failing.length);
      const card = page.locator(`.rule-card[data-rule-id="${result.ruleId}"]`);
      expect(await card.getAttribute('data-status')).toBe(result.status);
      const cardValue = await card.getAttribute('data-value');
      if (result.value === null) expect(cardValue).toBe('');
      else expect(Number(cardValue)).toBeCloseTo(result.value, 9);
    }
    const passing = expected.filter((result) => result.status === 'pass').length;
    log(`dashboard: ${expected.length} rules, ${passing} pass, ${expected.filter((r) => r.status === 'fail').length} fail — identical to the core in Node`);
    await screenshot(page, 'main-zh', { docs: true });
    expect(errors).toEqual([]);
    await context.close();
  });
});
