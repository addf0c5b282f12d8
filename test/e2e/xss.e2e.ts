// A township named `<img src=x onerror=alert(1)>` shows as text everywhere and runs nothing. The
// boundaries file the app fetches is rewritten on the way (context.route), as an imported file
// with that name would be.
import { describe, expect, it } from 'vitest';
import { gotoReady, useBrowser, openPage, screenshot } from './browser.ts';

const PAYLOAD = '<img src=x onerror=alert(1)>';

const browser = useBrowser();

describe('feature properties are text', () => {
  it('renders a malicious name as text and runs nothing', async () => {
    const { page, errors, context } = await openPage(browser());
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await context.route(/townships[^/]*\.geojson/, async (route) => {
      const response = await route.fetch();
      const collection = await response.json();
      collection.features[0].properties.name = PAYLOAD;
      await route.fulfill({ response, body: JSON.stringify(collection), headers: { ...response.headers(), 'content-type': 'application/json' } });
    });
    await gotoReady(page);
    const row = page.locator('#township-table tbody tr', { hasText: PAYLOAD });
    expect(await row.count()).toBe(1);
    expect(await row.locator('th').textContent()).toBe(PAYLOAD);
    // Open its detail: the heading shows the characters.
    await row.click();
    await page.waitForFunction((name) => document.querySelector('#detail-heading')?.textContent === name, PAYLOAD);
    // Nothing became an element, nothing ran.
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await screenshot(page, 'xss-as-text');
    expect(errors).toEqual([]);
    await context.close();
  });
});
