#!/usr/bin/env node
// npm run bench:radius-browser — a radius change in the browser on the demo region: from the
// change to the map and table painted and the map idle (the app's own timing, the ready signal's
// `timings.analyses`), median of 5 changes, and the worker round trips each change took (the
// client's per-request log). Builds the app in test mode (unless --no-build) and serves it with
// `vite preview`; `--root DIR` measures another checkout's build instead (e.g. an older commit
// unpacked with its node_modules linked), so two versions can be compared in one sitting.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBrowserBench } from '../lib/launch-built-app.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const rootAt = process.argv.indexOf('--root');
const root = rootAt >= 0 ? resolve(process.argv[rootAt + 1]) : join(here, '..', '..');
const RADII = [1200, 1400, 1600, 1800, 2000];
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

await runBrowserBench(root, async ({ url, browser }) => {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.setDefaultTimeout(600_000);
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.dataset.ready === '1');
  // Let the first gap polygons and the background worker's load finish, as a planner's session would.
  await page.waitForFunction(() => window.__gapmap.gapsSeq > 0);
  const rows = [];
  for (const metres of RADII) {
    const before = await page.evaluate(() => ({ seq: window.__gapmap.analysisSeq, trips: window.__gapmap.workerTimings().interactive.length }));
    await page.fill('#radius-input', String(metres));
    await page.press('#radius-input', 'Enter');
    await page.waitForFunction((n) => window.__gapmap.analysisSeq > n, before.seq);
    const after = await page.evaluate(() => ({ timing: window.__gapmap.timings.analyses.at(-1), log: window.__gapmap.workerTimings().interactive }));
    // Requests on cancellable channels are logged; the app before the restructure also made one
    // unlogged call per change for the discs (coverageDiscs).
    const logged = after.log.slice(before.trips);
    rows.push({ metres, total: after.timing.total, worker: after.timing.worker, paint: after.timing.paint, mapIdle: after.timing.mapIdle, channels: logged.map((entry) => entry.channel).join('+') });
    await page.waitForFunction(() => !document.documentElement.dataset.analysing);
  }
  console.log(`\nRadius change → map and table painted, map idle (demo region, ${root}); software WebGL; ms\n`);
  console.log('| radius m | total | worker | paint | map idle | logged worker requests |');
  console.log('|---:|---:|---:|---:|---:|---|');
  for (const row of rows) console.log(`| ${row.metres} | ${Math.round(row.total)} | ${Math.round(row.worker)} | ${Math.round(row.paint)} | ${Math.round(row.mapIdle)} | ${row.channels} |`);
  console.log(`| median | ${Math.round(median(rows.map((r) => r.total)))} | ${Math.round(median(rows.map((r) => r.worker)))} | ${Math.round(median(rows.map((r) => r.paint)))} | ${Math.round(median(rows.map((r) => r.mapIdle)))} | |`);
});
