// The app runs under its Content-Security-Policy (index.html): loading the demo breaks no rule of
// it, and an inline script put into the page does not run.
import { describe, expect, it } from 'vitest';
import { gotoReady, openPage, useBrowser } from './browser.ts';

const browser = useBrowser();

declare global {
  interface Window {
    __violations: string[];
    __inlineRan?: boolean;
  }
}

describe('content security policy', () => {
  it('loads the app without a violation and refuses an inline script', async () => {
    const { page, errors, context } = await openPage(browser());
    await page.addInitScript(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (event) => window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`));
    });
    await gotoReady(page);
    const policy = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '');
    expect(policy).toContain("script-src 'self'");
    expect(await page.evaluate(() => window.__violations)).toEqual([]);
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.body.append(script);
    });
    await page.waitForFunction(() => window.__violations.length > 0);
    expect(await page.evaluate(() => window.__inlineRan)).toBeUndefined();
    expect(await page.evaluate(() => window.__violations)).toEqual([expect.stringMatching(/^script-src/)]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
