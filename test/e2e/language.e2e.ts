// The language toggle switches every visible label: in English, no Chinese characters remain in
// the UI chrome except data names (townships, counties, the dataset's name).
import { describe, expect, it } from 'vitest';
import { gotoReady, useBrowser, log, openPage, screenshot } from './browser.ts';

const browser = useBrowser();

/** Visible text and labels in the page that still contain CJK after removing data names. */
function leftoverChinese(): string[] {
  const names = (window.__gapmap.dataNames as () => string[])().filter(Boolean).sort((a, b) => b.length - a.length);
  const cjk = /[\u3400-\u9fff\uf900-\ufaff]/;
  const strip = (text: string) => names.reduce((rest, name) => rest.split(name).join(''), text);
  const out: string[] = [];
  const visible = (element: Element | null) => {
    for (let node = element; node; node = node.parentElement) {
      if (node instanceof HTMLElement && (node.hidden || getComputedStyle(node).display === 'none')) return false;
      if (node.tagName === 'DETAILS' && !(node as HTMLDetailsElement).open && node.firstElementChild?.tagName !== 'SUMMARY') return false;
    }
    return true;
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    // The plan's own words (原文) are quoted as they are: data, like the names.
    if (!parent || parent.closest('#language-toggle, .rule-source, script, style, option:not(:checked)')) continue;
    const text = node.textContent ?? '';
    if (cjk.test(strip(text)) && visible(parent)) out.push(text.trim());
  }
  for (const element of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
    if (element.closest('#language-toggle') || !visible(element)) continue;
    for (const attribute of ['aria-label', 'title', 'placeholder']) {
      const value = element.getAttribute(attribute);
      if (value && cjk.test(strip(value))) out.push(`${attribute}=${value}`);
    }
  }
  return out;
}

describe('language toggle', () => {
  it('switches every visible label to English and back', async () => {
    const { page, errors, context } = await openPage(browser());
    await gotoReady(page);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.locator('#analysis-heading').textContent()).toBe('分析');
    // MapLibre's own controls speak the UI's language too.
    const controlTitles = () => page.evaluate(() => ['.maplibregl-ctrl-zoom-in', '.maplibregl-ctrl-zoom-out', '.maplibregl-ctrl-fullscreen'].map((selector) => document.querySelector(selector)?.getAttribute('title')));
    expect(await controlTitles()).toEqual(['放大', '缩小', '全屏']);

    // Open the detail and a rule's provenance so their text is checked too.
    await page.locator('#township-table tbody tr').first().click();
    await page.waitForSelector('#detail-panel .detail-table');
    const repaint = await page.evaluate(() => window.__gapmap.repaintSeq);
    await page.click('#language-toggle');
    await page.waitForFunction((n) => window.__gapmap.repaintSeq > n, repaint);
    await page.waitForSelector('#detail-panel .detail-table');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.locator('#analysis-heading').textContent()).toBe('Analysis');
    const leftovers = await page.evaluate(leftoverChinese);
    if (leftovers.length) log(`Chinese left in English mode: ${JSON.stringify(leftovers.slice(0, 20))}`);
    expect(leftovers).toEqual([]);
    expect(await controlTitles()).toEqual(['Zoom in', 'Zoom out', 'Enter full screen']);
    expect(await page.locator('.maplibregl-ctrl-scale').textContent()).toMatch(/^\d+\s?k?m$/);
    await screenshot(page, 'main-en', { docs: true });

    const back = await page.evaluate(() => window.__gapmap.repaintSeq);
    await page.click('#language-toggle');
    await page.waitForFunction((n) => window.__gapmap.repaintSeq > n, back);
    expect(await page.locator('#analysis-heading').textContent()).toBe('分析');
    expect(await controlTitles()).toEqual(['放大', '缩小', '全屏']);
    expect(await page.locator('.maplibregl-ctrl-scale').textContent()).toMatch(/^\d+\s?(米|公里)$/);
    expect(errors).toEqual([]);
    await context.close();
  });
});
