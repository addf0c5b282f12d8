#!/usr/bin/env node
// How big an import the app takes IN THE BROWSER, through its real path: the header's import
// button → file chooser → the import dialog reads the file and sends it to the background worker
// (importLayer there, with progress) → validation report shown. Reading + validation is what is
// measured; the layer is not accepted into the session (that re-prepares both workers).
//
// Writes (seeded, in /tmp) a 1,000,000-row CSV of facility points (经度,纬度,名称,床位数) and a
// ~200 MB GeoJSON of polygons inside the demo region's extent (101.3–103.1°E, 23.3–24.9°N), builds
// the app (unless --no-build), serves it with `vite preview` on a free port (killed by pid at the
// end, also on failure), drives Debian's Chromium with playwright-core and prints a table: time to
// the report, time until "accept" is possible, progress updates seen, main-thread long tasks, the
// page's JS heap, the worker's JS heap (CDP Runtime.getHeapUsage) and chromium's RSS from /proc.
//
// Run: npm run bench:import-browser [-- --no-build] [--rows 1000000] [--megabytes 200] [--only csv|geojson]
import { createWriteStream, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRandom } from '../demo/seeded-random.ts';
import { runBrowserBench } from '../lib/launch-built-app.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const argument = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : fallback;
};
const ROWS = Number(argument('rows', 1_000_000));
const MEGABYTES = Number(argument('megabytes', 200));
const ONLY = argument('only', '');
// --accept also clicks "import" and times until the layer is in the session (minutes at full size).
const ACCEPT = process.argv.includes('--accept');
const EXTENT = { west: 101.3, east: 103.1, south: 23.3, north: 24.9 };

/** Writes chunks to a stream, waiting on back-pressure. */
async function writeAll(path, produce) {
  const out = createWriteStream(path);
  for (const chunk of produce()) if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve));
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
}

function* csvChunks() {
  const random = createRandom(11).next;
  yield '经度,纬度,名称,床位数\n';
  let block = [];
  for (let i = 0; i < ROWS; i++) {
    const lon = EXTENT.west + random() * (EXTENT.east - EXTENT.west);
    const lat = EXTENT.south + random() * (EXTENT.north - EXTENT.south);
    block.push(`${lon.toFixed(6)},${lat.toFixed(6)},设施${i + 1},${Math.floor(random() * 300)}`);
    if (block.length === 10_000) {
      yield block.join('\n') + '\n';
      block = [];
    }
  }
  if (block.length) yield block.join('\n') + '\n';
}

function* geojsonChunks() {
  const random = createRandom(22).next;
  const head = '{"type":"FeatureCollection","features":[\n';
  yield head;
  let size = head.length;
  let block = [];
  for (let index = 0; size < MEGABYTES * 1e6; index++) {
    const lon = EXTENT.west + 0.02 + random() * (EXTENT.east - EXTENT.west - 0.04);
    const lat = EXTENT.south + 0.02 + random() * (EXTENT.north - EXTENT.south - 0.04);
    const ring = [];
    // 40 vertices, counter-clockwise (RFC 7946 exterior ring), closed.
    for (let v = 0; v < 40; v++) {
      const angle = (2 * Math.PI * v) / 40;
      const r = 0.01 * (0.7 + 0.6 * random());
      ring.push(`[${(lon + r * Math.cos(angle)).toFixed(6)},${(lat + r * Math.sin(angle)).toFixed(6)}]`);
    }
    ring.push(ring[0]);
    const feature = `${index > 0 ? ',\n' : ''}{"type":"Feature","id":${index},"properties":{"名称":"地块${index}","代码":"5304${String(index).padStart(8, '0')}","人口":${Math.floor(random() * 5000)}},"geometry":{"type":"Polygon","coordinates":[[${ring.join(',')}]]}}`;
    size += Buffer.byteLength(feature);
    block.push(feature);
    if (block.length === 2_000) {
      yield block.join('');
      block = [];
    }
  }
  yield block.join('') + '\n]}\n';
}

// ---- chromium processes and their memory, from /proc ----
function processTable() {
  const table = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const status = readFileSync(`/proc/${name}/status`, 'utf8');
      const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ');
      table.push({ pid: Number(name), ppid: Number(fields[1]), rss, cmdline });
    } catch {
      // process ended meanwhile
    }
  }
  return table;
}

/** RSS of the chromium processes started by this script: total and the renderers' largest. */
function chromiumMemory() {
  const table = processTable();
  const children = new Map();
  for (const entry of table) children.set(entry.ppid, [...(children.get(entry.ppid) ?? []), entry]);
  const mine = [];
  const visit = (pid) => {
    for (const child of children.get(pid) ?? []) {
      mine.push(child);
      visit(child.pid);
    }
  };
  visit(process.pid);
  const browser = mine.filter((entry) => /chrom/i.test(entry.cmdline));
  const renderers = browser.filter((entry) => entry.cmdline.includes('--type=renderer'));
  return {
    total: browser.reduce((sum, entry) => sum + entry.rss, 0),
    renderer: Math.max(0, ...renderers.map((entry) => entry.rss)),
  };
}

// ---- the worker's heap through CDP (flatten:false sessions, messages relayed by the page session) ----
async function workerHeapProbe(page) {
  const cdp = await page.context().newCDPSession(page);
  const sessions = new Set();
  const waiting = new Map();
  let nextId = 1;
  cdp.on('Target.attachedToTarget', (event) => {
    if (event.targetInfo.type === 'worker') sessions.add(event.sessionId);
  });
  cdp.on('Target.detachedFromTarget', (event) => sessions.delete(event.sessionId));
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    const message = JSON.parse(event.message);
    waiting.get(message.id)?.(message.result);
    waiting.delete(message.id);
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  await cdp.send('Performance.enable');
  const ask = (sessionId, method) =>
    new Promise((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) }).catch(() => resolve(undefined));
      setTimeout(() => {
        if (waiting.delete(id)) resolve(undefined);
      }, 2_000);
    });
  return {
    /** Largest used heap among the page's workers (the app has two analysis workers). */
    async workerHeaps() {
      const usages = await Promise.all([...sessions].map((sessionId) => ask(sessionId, 'Runtime.getHeapUsage')));
      return usages.filter(Boolean).map((usage) => usage.usedSize);
    },
    async pageHeap() {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? 0;
    },
    detach: () => cdp.detach().catch(() => undefined),
  };
}

const mb = (bytes) => `${Math.round(bytes / 1e6)} MB`;

async function measure(browser, url, label, path) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') console.error(`[page ${message.type()}] ${message.text()}`);
  });
  await page.addInitScript(() => {
    window.__bench = { longTasks: [], progress: [] };
    try {
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__bench.longTasks.push({ start: entry.startTime, duration: entry.duration });
      }).observe({ type: 'longtask', buffered: true });
    } catch {
      // long-task timing unsupported
    }
    // Every value the dialog puts on a <progress> bar, with the time it was set.
    const descriptor = Object.getOwnPropertyDescriptor(HTMLProgressElement.prototype, 'value');
    Object.defineProperty(HTMLProgressElement.prototype, 'value', {
      configurable: true,
      get() {
        return descriptor.get.call(this);
      },
      set(value) {
        if (this.classList.contains('gapmap-import-progress')) window.__bench.progress.push({ at: performance.now(), value });
        descriptor.set.call(this, value);
      },
    });
  });
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.dataset.ready === '1', undefined, { timeout: 120_000 });
  const probe = await workerHeapProbe(page);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const baseline = { page: await probe.pageHeap(), workers: await probe.workerHeaps(), ...chromiumMemory() };
  const peak = { page: baseline.page, worker: Math.max(0, ...baseline.workers), total: baseline.total, renderer: baseline.renderer };

  let sampling = true;
  let busy = false;
  const sampler = setInterval(async () => {
    const processes = chromiumMemory();
    peak.total = Math.max(peak.total, processes.total);
    peak.renderer = Math.max(peak.renderer, processes.renderer);
    if (busy || !sampling) return;
    busy = true;
    try {
      const [pageHeap, workerHeaps] = await Promise.all([probe.pageHeap(), probe.workerHeaps()]);
      peak.page = Math.max(peak.page, pageHeap);
      peak.worker = Math.max(peak.worker, ...workerHeaps);
    } catch {
      // page busy or closing
    } finally {
      busy = false;
    }
  }, 200);

  const longTasksBefore = await page.evaluate(() => window.__bench.longTasks.length);
  const chooser = page.waitForEvent('filechooser', { timeout: 60_000 });
  const started = await page.evaluate(() => performance.now());
  await page.click('#import-button');
  await (await chooser).setFiles(path);
  const outcome = await page
    .waitForSelector('.gapmap-import-count, .gapmap-import-error', { timeout: 600_000 })
    .then(async (handle) => ({ ok: (await handle.getAttribute('class')).includes('count'), text: await handle.textContent() }));
  const reportAt = await page.evaluate(() => performance.now());
  const acceptAt = outcome.ok
    ? await page
        .waitForSelector('.gapmap-import-accept:not([disabled])', { timeout: 30_000 })
        .then(() => page.evaluate(() => performance.now()))
        .catch(() => undefined)
    : undefined;
  // Let the preview reach the map and settle, then take the after-figures.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const after = { page: await probe.pageHeap(), workers: await probe.workerHeaps(), ...chromiumMemory() };
  const pageMemory = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0);
  const seen = await page.evaluate(
    ({ from, since }) => ({
      longTasks: window.__bench.longTasks.slice(from).filter((task) => task.start >= since),
      progress: window.__bench.progress.filter((entry) => entry.at >= since),
      role: document.querySelector('select[data-field="role"]')?.value ?? '',
      // Problem codes among the report's listed rows (the dialog lists the first 500).
      codes: [...document.querySelectorAll('.gapmap-import-report tbody td:nth-child(2)')].reduce((counts, cell) => ({ ...counts, [cell.textContent]: (counts[cell.textContent] ?? 0) + 1 }), {}),
    }),
    { from: longTasksBefore, since: started },
  );
  let accepted;
  if (ACCEPT && acceptAt !== undefined) {
    const before = await page.evaluate(() => performance.now());
    await page.click('.gapmap-import-accept');
    accepted = await page
      .waitForFunction(
        () => (window.__gapmap.session().imports.length === 1 && !document.querySelector('.gapmap-import-panel')) || document.querySelector('#status-banner.error'),
        undefined,
        { timeout: 900_000 },
      )
      .then(() =>
        page.evaluate((from) => {
          const error = document.querySelector('#status-banner.error');
          if (error) return { error: error.textContent };
          const [accepted] = window.__gapmap.session().imports;
          const tasks = window.__bench.longTasks.filter((task) => task.start >= from).map((task) => task.duration);
          return {
            seconds: (performance.now() - from) / 1000,
            storedInWorker: Boolean(accepted.storeKey),
            inlineFeatures: accepted.layer?.features.length ?? 0,
            longestTaskMs: Math.round(Math.max(0, ...tasks)),
          };
        }, before),
      )
      .catch((error) => ({ error: String(error) }));
  }
  sampling = false;
  clearInterval(sampler);
  await probe.detach();
  await context.close();

  const tasks = seen.longTasks.map((task) => task.duration);
  const values = seen.progress.map((entry) => entry.value);
  const distinct = [...new Set(values.map((value) => Number(value).toFixed(2)))];
  return {
    label,
    file: statSync(path).size,
    outcome,
    role: seen.role,
    accepted,
    codes: seen.codes,
    longTasks: seen.longTasks.map((task) => ({ at: (task.start - started) / 1000, ms: task.duration })),
    progressTimes: seen.progress.map((entry) => (entry.at - started) / 1000),
    report: (reportAt - started) / 1000,
    accept: acceptAt === undefined ? undefined : (acceptAt - started) / 1000,
    progressCount: values.length,
    progressValues: distinct,
    longTaskCount: tasks.length,
    longTaskMax: Math.max(0, ...tasks),
    longTaskTotal: tasks.reduce((sum, value) => sum + value, 0),
    baseline,
    peak,
    after,
    pageMemory,
    errors,
  };
}

function printTable(rows) {
  const header = ['file', 'size', 'result', 'report shown', 'accept possible', 'progress updates', 'long tasks (count / max / total)', 'page heap before → peak → after', 'worker heap peak', 'renderer RSS peak', 'chromium RSS before → peak'];
  const lines = rows.map((row) => [
    row.label,
    mb(row.file),
    row.outcome.ok ? `${row.outcome.text.trim()} (role ${row.role})` : `FAILED: ${row.outcome.text.trim()}`,
    `${row.report.toFixed(1)} s`,
    row.accept === undefined ? '—' : `${row.accept.toFixed(1)} s`,
    `${row.progressCount} (${row.progressValues.length} distinct: ${row.progressValues.slice(0, 6).join(', ')}${row.progressValues.length > 6 ? ', …, ' + row.progressValues.at(-1) : ''})`,
    `${row.longTaskCount} / ${Math.round(row.longTaskMax)} ms / ${Math.round(row.longTaskTotal)} ms`,
    `${mb(row.baseline.page)} → ${mb(row.peak.page)} → ${mb(row.after.page)}`,
    `${mb(row.peak.worker)} (before ${mb(Math.max(0, ...row.baseline.workers))}, after ${mb(Math.max(0, ...row.after.workers))})`,
    `${mb(row.peak.renderer)} (before ${mb(row.baseline.renderer)})`,
    `${mb(row.baseline.total)} → ${mb(row.peak.total)}`,
  ]);
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  for (const line of lines) console.log(`| ${line.join(' | ')} |`);
  for (const row of rows) {
    console.log(`${row.label}: long tasks at ${row.longTasks.map((task) => `+${task.at.toFixed(1)} s ${Math.round(task.ms)} ms`).join(', ') || '—'}`);
    const gaps = row.progressTimes.slice(1).map((at, i) => at - row.progressTimes[i]);
    console.log(`${row.label}: progress from +${(row.progressTimes[0] ?? 0).toFixed(1)} s to +${(row.progressTimes.at(-1) ?? 0).toFixed(1)} s, longest gap between updates ${Math.max(0, ...gaps).toFixed(1)} s`);
    console.log(`${row.label}: problem codes in the listed report rows: ${JSON.stringify(row.codes)}`);
    if (row.accepted) console.log(`${row.label}: accepted into the session: ${JSON.stringify(row.accepted)}`);
    if (row.errors.length) console.log(`${row.label}: page errors: ${row.errors.join('; ')}`);
  }
}

await runBrowserBench(root, async ({ url, browser }) => {
  const csvPath = `/tmp/gapmap-browser-import-${ROWS}-rows.csv`;
  const geojsonPath = `/tmp/gapmap-browser-import-${MEGABYTES}mb.geojson`;
  if (!existsSync(csvPath)) await writeAll(csvPath, csvChunks);
  if (!existsSync(geojsonPath)) await writeAll(geojsonPath, geojsonChunks);
  console.log(`[bench] chromium ${browser.version()}`);
  const rows = [];
  if (ONLY !== 'geojson') rows.push(await measure(browser, url, `CSV ${ROWS.toLocaleString('en')} rows`, csvPath));
  if (ONLY !== 'csv') rows.push(await measure(browser, url, `GeoJSON ${MEGABYTES} MB`, geojsonPath));
  console.log(`Reading + validation in the import dialog (background worker)${ACCEPT ? '; then accepted into the session (timed separately, not in the table)' : '; the layer is not accepted into the session'}.`);
  printTable(rows);
  return rows.every((row) => row.outcome.ok) ? 0 : 1;
}, ['--enable-precise-memory-info']);
