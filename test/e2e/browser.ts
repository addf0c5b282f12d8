// Shared browser plumbing for the e2e tests: a Chromium through playwright-core (the one
// scripts/e2e/find-chromium.mjs found, passed as CHROMIUM_PATH), a page with a long-task observer
// installed before the app runs, and waits on the app's own signals (data-ready,
// window.__gapmap counters) — never on time. Every wait may take up to SIGNAL_TIMEOUT_MS: sized
// for a laptop whose two cores are busy with other work, it only bounds a hang.
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const APP_URL = process.env.GAPMAP_URL ?? 'http://127.0.0.1:4173/';
/** How long a wait on an app signal may take before the test fails as hung. */
export const SIGNAL_TIMEOUT_MS = 300_000;

/** Launch arguments: WebGL through SwiftShader, nothing that weakens the page's security (no --disable-web-security, no --single-process). */
const LAUNCH_ARGUMENTS = [
  '--no-sandbox',
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');
const DOCS_SCREENSHOTS = join(process.cwd(), 'docs', 'screenshots');

function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: LAUNCH_ARGUMENTS });
}

/** One Chromium for the calling test file: launched before its tests, closed after; call the result to get it. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('browser not launched yet');
    return browser;
  };
}

declare global {
  interface Window {
    __longTasks: { start: number; duration: number }[];
  }
}

/** A fresh context (empty IndexedDB unless `storageFrom` is reused) and page, with page errors collected. */
export async function openPage(browser: Browser, options: { viewport?: { width: number; height: number } } = {}) {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1600, height: 1000 }, deviceScaleFactor: 1 });
  context.setDefaultTimeout(SIGNAL_TIMEOUT_MS);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.addInitScript(() => {
    window.__longTasks = [];
    try {
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__longTasks.push({ start: entry.startTime, duration: entry.duration });
      }).observe({ type: 'longtask', buffered: true });
    } catch {
      // long-task timing unsupported
    }
  });
  return { context, page, errors };
}

/** Navigates and waits for the app-ready signal (results painted, map idle). */
export async function gotoReady(page: Page, url = APP_URL): Promise<void> {
  await page.goto(url);
  await waitForReady(page);
}

export async function waitForReady(page: Page): Promise<void> {
  await page.waitForFunction(() => document.documentElement.dataset.ready === '1', undefined, { timeout: SIGNAL_TIMEOUT_MS });
}

/** Waits until the painted-analysis counter passes `after`. */
export async function waitForAnalysis(page: Page, after: number): Promise<void> {
  await page.waitForFunction((n) => (window.__gapmap?.analysisSeq ?? 0) > n, after, { timeout: SIGNAL_TIMEOUT_MS });
}

export async function analysisSeq(page: Page): Promise<number> {
  return page.evaluate(() => window.__gapmap.analysisSeq);
}

export async function setRadius(page: Page, metres: number): Promise<void> {
  await page.fill('#radius-input', String(metres));
  await page.press('#radius-input', 'Enter');
}

export async function screenshot(page: Page, name: string, options: { docs?: boolean } = {}): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path });
  // README's screenshots are refreshed only on request (UPDATE_DOCS_SCREENSHOTS=1 npm run test:e2e),
  // so an ordinary test run leaves the working tree clean.
  if (options.docs && process.env.UPDATE_DOCS_SCREENSHOTS === '1') {
    mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
    copyFileSync(path, join(DOCS_SCREENSHOTS, `${name}.png`));
  }
  return path;
}

/** Number of <tr> rows in the township table body. */
export function tableRowCount(page: Page): Promise<number> {
  return page.locator('#township-table tbody tr').count();
}

/** Per township code, the table cell value of a metric table column (raw number from data-value). */
export function tableValues(page: Page, metric: string): Promise<Record<string, number>> {
  return page.evaluate((id) => {
    const out: Record<string, number> = {};
    for (const row of document.querySelectorAll<HTMLTableRowElement>('#township-table tbody tr')) {
      const cell = row.querySelector<HTMLElement>(`td[data-column="${id}"]`);
      if (cell && row.dataset.code) out[row.dataset.code] = Number(cell.dataset.value);
    }
    return out;
  }, metric);
}

export function log(line: string): void {
  console.log(`[e2e] ${line}`);
}

/** Opens the import dialog on one file and waits for its report. */
export async function openImport(page: Page, name: string, text: string, replacing?: number): Promise<void> {
  await page.evaluate(([fileName, content, index]) => {
    const file = new File([content], fileName);
    void (window.__gapmap.openImportWith as (files: File[], replacing?: number) => Promise<void>)([file], index ?? undefined);
  }, [name, text, replacing ?? null] as const);
  await page.waitForSelector('select[data-field="role"]', { timeout: 60_000 });
}

/** Accepts the dialog's layer and waits until the new dataset's analysis and rules are both shown. */
export async function acceptImport(page: Page): Promise<void> {
  const seq = await analysisSeq(page);
  const rulesSeq = await page.evaluate(() => window.__gapmap.rulesSeq);
  await page.waitForSelector('.gapmap-import-accept:not([disabled])');
  await page.click('.gapmap-import-accept');
  await waitForAnalysis(page, seq);
  await page.waitForFunction((n) => window.__gapmap.rulesSeq > n, rulesSeq, { timeout: 60_000 });
}
