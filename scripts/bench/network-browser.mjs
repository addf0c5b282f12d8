#!/usr/bin/env node
// npm run bench:network-browser — switching the reach between a distance and travel times in the
// browser on the demo region: from the change to the map and table painted and the map idle (the
// app's own timing, the ready signal's `timings.analyses`), split into the worker's part and the
// page's. The first switch to a mode builds the road graph, the grid and that mode's snaps in the
// worker (the default rules' travel-time rules usually have, at load); the later ones reuse them
// and the searches (per service and mode), their nearest times and isochrones. Each sequence is
// run twice; a row prints both runs. Builds the app in test mode (unless --no-build) and serves it
// with `vite preview`; `--root DIR` measures another checkout's build (to compare two versions);
// `--at-load` switches as soon as the first map is painted instead of after the plan's rules.
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBrowserBench } from '../lib/launch-built-app.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const rootAt = process.argv.indexOf('--root');
const root = rootAt >= 0 ? resolve(process.argv[rootAt + 1]) : join(here, '..', '..');
const AT_LOAD = process.argv.includes('--at-load');

/** Each step: what the planner does, and how the page is driven to do it. */
const STEPS = [
  { label: 'distance → 15 min walk (the page’s first travel-time request)', act: (page) => page.check('#reach-time') },
  { label: '15 min walk → distance', act: (page) => page.check('#reach-distance') },
  { label: 'distance → 15 min walk (again)', act: (page) => page.check('#reach-time') },
  { label: '15 → 10 min walk', act: (page) => setMinutes(page, 10) },
  { label: '10 → 30 min walk', act: (page) => setMinutes(page, 30) },
  { label: '30 → 15 min walk', act: (page) => setMinutes(page, 15) },
  { label: 'walk → drive, 15 min (first driving request)', act: (page) => page.selectOption('#travel-mode-select', 'drive') },
  { label: 'drive → walk, 15 min', act: (page) => page.selectOption('#travel-mode-select', 'walk') },
];

async function setMinutes(page, minutes) {
  await page.fill('#travel-minutes-input', String(minutes));
  await page.press('#travel-minutes-input', 'Enter');
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** One fresh page through every step: the timings of each. */
async function runSequence(browser, url) {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.setDefaultTimeout(600_000);
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.dataset.ready === '1');
  // as a planner's session would be: the first gaps drawn and the plan's rules evaluated (the
  // default rules' travel-time rules build the walking and driving networks in the worker)
  // (--at-load: switch as soon as the first map is painted, while the rules may still run)
  if (AT_LOAD) await page.waitForFunction(() => window.__gapmap.analysisSeq > 0);
  else await page.waitForFunction(() => window.__gapmap.gapsSeq > 0 && window.__gapmap.rulesSeq > 0);
  const out = [];
  for (const step of STEPS) {
    const before = await page.evaluate(() => window.__gapmap.analysisSeq);
    await step.act(page);
    await page.waitForFunction((n) => window.__gapmap.analysisSeq > n, before);
    out.push(await page.evaluate(() => window.__gapmap.timings.analyses.at(-1)));
    await page.waitForFunction(() => !document.documentElement.dataset.analysing);
  }
  await page.close();
  return out;
}

await runBrowserBench(root, async ({ url, browser }) => {
  const loadBefore = loadavg()[0];
  const runs = [await runSequence(browser, url), await runSequence(browser, url)];
  const loadAfter = loadavg()[0];
  console.log(`\nReach switch → map and table painted, map idle (demo region, ${root}${AT_LOAD ? ', switching at the first paint' : ', after the rules'}); software WebGL; ms; two runs, each in a fresh page`);
  console.log(`load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after (2 cores)\n`);
  console.log('| step | total | worker | paint | map idle |');
  console.log('|---|---:|---:|---:|---:|');
  const cell = (key, s) => runs.map((run) => Math.round(run[s][key])).join(' / ');
  STEPS.forEach((step, s) => console.log(`| ${step.label} | ${cell('total', s)} | ${cell('worker', s)} | ${cell('paint', s)} | ${cell('mapIdle', s)} |`));
  const later = runs.flatMap((run) => run.slice(2).filter((_, s) => s + 2 !== 6)).map((t) => t.total);
  console.log(`\nmedian total of the switches after each mode's first use: ${Math.round(median(later))} ms`);
});
