// Clicking a rule highlights its failing townships on the map and filters the table; editing a
// rule's threshold in the UI re-evaluates it.
import { describe, expect, it } from 'vitest';
import type { RuleResult } from '../../src/core/rules/rule-types.ts';
import { gotoReady, useBrowser, log, openPage, screenshot, tableRowCount } from './browser.ts';

const browser = useBrowser();

describe('plan-target dashboard', () => {
  it('highlights a failing rule’s townships and filters the table; edits re-evaluate', async () => {
    const { page, errors, context } = await openPage(browser());
    await gotoReady(page);
    const rules: RuleResult[] = await page.evaluate(() => window.__gapmap.rules);
    const rule = rules.find((result) => result.status === 'fail' && result.failing.some((item) => item.kind === 'township'));
    expect(rule, 'the demo has a failing township-level rule').toBeDefined();
    const expected = [...new Set(rule!.failing.filter((item) => item.kind === 'township').map((item) => item.index))].sort((a, b) => a - b);

    const before = await page.evaluate(() => window.__gapmap.highlightSeq);
    await page.locator(`.rule-card[data-rule-id="${rule!.ruleId}"] .rule-select`).click();
    await page.waitForFunction((n) => window.__gapmap.highlightSeq > n, before);
    const highlighted = await page.evaluate(() => window.__gapmap.highlighted.townships);
    expect(highlighted).toEqual(expect.arrayContaining(expected));
    // The map's feature-state marks exactly those townships.
    const states = await page.evaluate((indices) => indices.map((i) => (window.__gapmap.featureState as (s: string, id: number) => Record<string, unknown>)('townships', i).highlight), highlighted);
    expect(states.every(Boolean)).toBe(true);
    // The table shows only them.
    expect(await tableRowCount(page)).toBe(highlighted.length);
    const rowIndices = await page.locator('#township-table tbody tr').evaluateAll((rows) => rows.map((row) => Number((row as HTMLElement).dataset.index)));
    expect(new Set(rowIndices)).toEqual(new Set(highlighted));
    log(`rule ${rule!.ruleId}: ${highlighted.length} failing townships highlighted and listed`);
    await screenshot(page, 'rule-highlight', { docs: true });

    // Edit: lower the threshold to 0 → the rule passes.
    const rulesSeq = await page.evaluate(() => window.__gapmap.rulesSeq);
    await page.locator(`.rule-card[data-rule-id="${rule!.ruleId}"] .rule-edit`).click();
    await page.fill('#rule-threshold', '0');
    await page.selectOption('#rule-op', '>=');
    await page.click('#rule-save');
    await page.waitForFunction((n) => window.__gapmap.rulesSeq > n, rulesSeq);
    const edited = await page.evaluate((id) => window.__gapmap.rules.find((result) => result.ruleId === id), rule!.ruleId);
    expect(edited?.target.value).toBe(0);
    expect(edited?.status).toBe('pass');

    // Add a rule in the UI: kindergartens within 800 m of 60% of people.
    const beforeAdd = await page.evaluate(() => window.__gapmap.rulesSeq);
    await page.click('#add-rule');
    await page.selectOption('#rule-kind', 'population-within');
    await page.fill('#rule-title-zh', '幼儿园 800 米覆盖');
    await page.fill('#rule-title-en', 'Kindergartens within 800 m');
    await page.fill('#rule-threshold', '60');
    await page.fill('#rule-radius', '800');
    await page.selectOption('#rule-types', ['kindergarten']);
    await page.click('#rule-save');
    await page.waitForFunction((n) => window.__gapmap.rulesSeq > n, beforeAdd);
    const added = await page.evaluate(() => window.__gapmap.rules.at(-1)!);
    expect(added.title.en).toBe('Kindergartens within 800 m');
    expect(added.target.value).toBe(60);
    expect(added.value).not.toBeNull();
    expect(await page.locator(`.rule-card[data-rule-id="${added.ruleId}"]`).count()).toBe(1);

    // Clearing the selection restores the full table.
    await page.locator('#clear-rule-filter').click().catch(() => undefined);
    await page.locator(`.rule-card[data-rule-id="${rule!.ruleId}"] .rule-select`).click();
    await page.locator(`.rule-card[data-rule-id="${rule!.ruleId}"] .rule-select`).click();
    await page.waitForFunction(() => window.__gapmap.highlighted.townships.length === 0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
