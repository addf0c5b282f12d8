#!/usr/bin/env node
// What-if editing in the browser: drop → updated dashboard. Builds the app with its test hooks (unless --no-build),
// serves it with `vite preview` (killed by pid at the end), opens it in Debian's Chromium, switches
// to elder-daycare at 1,000 m (straight-line rules) and adds facilities one at a time through the
// same path the map's click takes (the siting controller: the edit applied in both workers, one
// round trip to the interactive worker for the rules, the analysis and the map's changes; the
// dashboard painted first, then the choropleth, table, facilities and discs by diff). Then the
// same with the reach on a 15-minute walk (the travel-time rules and analysis). Prints per edit
// the time to the dashboard painted and to everything painted (the map idle), with the medians,
// beside a radius change (the app's full re-analysis) measured in the same page, and the paint steps
// after the dashboard as the app measures them (the township table, the uncovered cells' raster).
//
// Run: npm run bench:siting-browser [-- --no-build] [--edits 10]
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopPreview } from '../lib/serve-built-app.mjs';
import { launchBuiltApp } from '../lib/launch-built-app.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const editsIndex = process.argv.indexOf('--edits');
const EDITS = editsIndex >= 0 ? Number(process.argv[editsIndex + 1]) : 10;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const { url, browser } = await launchBuiltApp(root);
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.dataset.ready === '1', undefined, { timeout: 120_000 });
  const seq = await page.evaluate(() => window.__gapmap.analysisSeq);
  await page.selectOption('#service-select', 'elder-daycare');
  await page.waitForFunction((n) => window.__gapmap.analysisSeq > n, seq, { timeout: 120_000 });
  // A radius change: the app's own full re-analysis, for scale.
  const radiusStart = await page.evaluate(() => window.__gapmap.analysisSeq);
  const started = Date.now();
  await page.fill('#radius-input', '1000');
  await page.fill('#radius-input', '1050');
  await page.press('#radius-input', 'Enter');
  await page.waitForFunction((n) => window.__gapmap.analysisSeq > n, radiusStart, { timeout: 120_000 });
  const radiusMs = Date.now() - started;
  await page.fill('#radius-input', '1000');
  await page.press('#radius-input', 'Enter');
  await page.waitForFunction((n) => window.__gapmap.analysisSeq > n + 1, radiusStart, { timeout: 120_000 });
  /** The app's own measures of the table's and the uncovered cells' paint (performance.measure), per call, since the last clear. */
  const paintMeasures = () =>
    page.evaluate(() => {
      const durations = (name) => performance.getEntriesByName(name, 'measure').map((entry) => entry.duration);
      const out = { table: durations('gapmap:table'), cells: durations('gapmap:uncovered-cells') };
      performance.clearMeasures();
      return out;
    });
  const addFacilities = async (offset) => {
    await paintMeasures();
    const before = await page.evaluate(() => window.__gapmap.sitingEditTimings().length);
    for (let i = offset; i < offset + EDITS; i++) {
      // Seeded positions across the demo region's populated middle.
      const lon = 102.45 + ((i * 37) % 23) * 0.012;
      const lat = 24.25 + ((i * 17) % 19) * 0.01;
      await page.evaluate(([x, y]) => window.__gapmap.sitingAddAt(x, y), [lon, lat]);
    }
    const dashboard = (await page.evaluate(() => window.__gapmap.sitingEditTimings())).slice(before);
    const painted = (await page.evaluate(() => window.__gapmap.sitingEditPaintTimings())).slice(before);
    return { dashboard, painted, ...(await paintMeasures()) };
  };
  const straight = await addFacilities(0);
  // The same on a 15-minute walk: the reach switched in the panel, then more facilities added.
  const walkStart = await page.evaluate(() => window.__gapmap.analysisSeq);
  await page.check('#reach-time');
  await page.waitForFunction((n) => window.__gapmap.analysisSeq > n, walkStart, { timeout: 120_000 });
  await page.waitForFunction(() => !document.documentElement.dataset.analysing, undefined, { timeout: 120_000 });
  const walk = await addFacilities(EDITS);
  console.log(`\nChromium (SwiftShader), load average ${loadavg()[0].toFixed(1)}, demo region, elder-daycare, ${EDITS} facilities added one by one at each reach\n`);
  console.log('| edit | 1,000 m: drop → dashboard (ms) | 1,000 m: → all painted, map idle (ms) | 15 min walk: drop → dashboard (ms) | 15 min walk: → all painted (ms) |');
  console.log('|---|---|---|---|---|');
  for (let i = 0; i < EDITS; i++) console.log(`| ${i + 1} | ${Math.round(straight.dashboard[i])} | ${Math.round(straight.painted[i])} | ${Math.round(walk.dashboard[i])} | ${Math.round(walk.painted[i])} |`);
  console.log(`| median | ${Math.round(median(straight.dashboard))} | ${Math.round(median(straight.painted))} | ${Math.round(median(walk.dashboard))} | ${Math.round(median(walk.painted))} |`);
  console.log(`\nFor scale, a radius change (full re-analysis, map idle) took ${radiusMs} ms in the same page.`);
  const fixed = (values) => (values.length ? median(values).toFixed(2) : '—');
  console.log('\nThe paint steps after the dashboard, as the app measures them (median per call, ms; the table is set twice an edit: the analysis, then the failed rules):\n');
  console.log('| step | 1,000 m | 15 min walk |');
  console.log('|---|---|---|');
  console.log(`| township table (setData) | ${fixed(straight.table)} (${straight.table.length} calls) | ${fixed(walk.table)} (${walk.table.length} calls) |`);
  console.log(`| uncovered cells (raster) | ${fixed(straight.cells)} (${straight.cells.length} calls) | ${fixed(walk.cells)} (${walk.cells.length} calls) |`);
} finally {
  await browser.close();
  stopPreview();
}
