// The session survives a reload (IndexedDB); "new session" clears it after a confirmation; a
// crashed worker is reported with a retry and nothing loaded is lost.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analysisSeq, gotoReady, useBrowser, openPage, setRadius, tableRowCount, waitForAnalysis, waitForReady } from './browser.ts';

const browser = useBrowser();

async function savedAfter(page: import('playwright-core').Page, action: () => Promise<void>): Promise<void> {
  const saves = await page.evaluate(() => window.__gapmap.sessionSaveSeq);
  await action();
  await page.evaluate(() => (window.__gapmap.flushSession as () => Promise<void>)());
  await page.waitForFunction((n) => window.__gapmap.sessionSaveSeq > n, saves);
}

describe('session', () => {
  it('restores settings, layers, language and rule edits after a reload, and starts anew on request', async () => {
    const { page, errors, context } = await openPage(browser());
    await gotoReady(page);
    const seq = await analysisSeq(page);
    await page.selectOption('#service-select', 'kindergarten');
    await waitForAnalysis(page, seq);
    const seq2 = await analysisSeq(page);
    await setRadius(page, 1750);
    await waitForAnalysis(page, seq2);
    await savedAfter(page, async () => {
      await page.selectOption('#metric-select', 'area-covered-pct');
      await page.uncheck('#layer-counties');
      await page.click('#language-toggle');
    });
    const firstRule = await page.evaluate(() => window.__gapmap.rules[0].ruleId);
    await savedAfter(page, async () => {
      const rulesSeq = await page.evaluate(() => window.__gapmap.rulesSeq);
      await page.locator(`.rule-card[data-rule-id="${firstRule}"] .rule-edit`).click();
      await page.fill('#rule-threshold', '12.5');
      await page.click('#rule-save');
      await page.waitForFunction((n) => window.__gapmap.rulesSeq > n, rulesSeq);
    });

    await page.reload();
    await waitForReady(page);
    expect(await page.inputValue('#service-select')).toBe('kindergarten');
    expect(await page.inputValue('#radius-input')).toBe('1750');
    expect(await page.evaluate(() => window.__gapmap.analysis?.metres)).toBe(1750);
    expect(await page.inputValue('#metric-select')).toBe('area-covered-pct');
    expect(await page.isChecked('#layer-counties')).toBe(false);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.evaluate((id) => window.__gapmap.rules.find((result) => result.ruleId === id)?.target.value, firstRule)).toBe(12.5);

    // New session: confirm, the page reloads with defaults.
    await page.click('#new-session');
    await Promise.all([page.waitForNavigation(), page.click('#new-session-dialog-confirm')]);
    await waitForReady(page);
    expect(await page.inputValue('#service-select')).toBe('nursery');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('saves the session to a file and opens it in a fresh browser profile', async () => {
    const first = await openPage(browser());
    await gotoReady(first.page);
    const seq = await analysisSeq(first.page);
    await setRadius(first.page, 2500);
    await waitForAnalysis(first.page, seq);
    const [download] = await Promise.all([first.page.waitForEvent('download'), first.page.click('#save-session')]);
    const file = join(process.cwd(), 'test-results', 'session-file.json');
    await download.saveAs(file);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved.app).toBe('gapmap');
    expect(saved.analysis.reach).toEqual({ kind: 'distance', metres: 2500 });
    await first.context.close();

    const second = await openPage(browser());
    await gotoReady(second.page);
    expect(await second.page.inputValue('#radius-input')).toBe('1000');
    // The file replaces the session only once the planner confirms.
    await second.page.setInputFiles('#session-file-input', file);
    await Promise.all([second.page.waitForNavigation(), second.page.click('#open-session-dialog-confirm')]);
    await waitForReady(second.page);
    expect(await second.page.inputValue('#radius-input')).toBe('2500');
    expect(await second.page.evaluate(() => window.__gapmap.analysis?.metres)).toBe(2500);
    await second.context.close();
  });

  it('reports a crashed worker, retries, and keeps what was loaded', async () => {
    const { page, context } = await openPage(browser());
    await gotoReady(page);
    const rows = await tableRowCount(page);
    await page.evaluate(() => (window.__gapmap.crashWorker as () => void)());
    await page.waitForFunction(() => window.__gapmap.workerCrashes > 0);
    await page.waitForSelector('#status-action');
    expect(await tableRowCount(page)).toBe(rows);
    const seq = await analysisSeq(page);
    await page.click('#status-action');
    await waitForAnalysis(page, seq);
    expect(await tableRowCount(page)).toBe(rows);
    await context.close();
  });
});
