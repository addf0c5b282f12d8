// Gap maps for the CLI's report, rendered by MapLibre in headless Chromium (WebGL through
// SwiftShader): the page in scripts/lib/map-page is built once with Vite into node_modules/.cache,
// served from 127.0.0.1 with the report fonts, and asked for one composed PNG per map. Without
// Chromium the caller gets a clear failure value and writes the report without maps.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { Result } from '../../src/core/types.ts';
import { fail, ok } from '../../src/core/types.ts';
import type { MapPageRequest } from './map-page/render-map-page.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PAGE_SOURCE = join(ROOT, 'scripts', 'lib', 'map-page');
const PAGE_BUILD = join(ROOT, 'node_modules', '.cache', 'gapmap-map-page');
const FONTS = join(ROOT, 'public', 'fonts');

export const CHROMIUM_CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter((p): p is string => Boolean(p));

export function findChromium(): string | undefined {
  return CHROMIUM_CANDIDATES.find((path) => existsSync(path));
}

function newestSource(): number {
  const sources = [join(PAGE_SOURCE, 'index.html'), join(PAGE_SOURCE, 'map-page.css'), join(PAGE_SOURCE, 'render-map-page.ts'), join(ROOT, 'src', 'app', 'export', 'compose-print-map.ts'), join(ROOT, 'src', 'core', 'export', 'map-layout', 'plan-map-layout.ts'), join(ROOT, 'src', 'core', 'export', 'map-layout', 'draw-map-layout.ts')];
  return Math.max(...sources.map((path) => statSync(path).mtimeMs));
}

async function buildPage(): Promise<void> {
  const built = join(PAGE_BUILD, 'index.html');
  if (existsSync(built) && statSync(built).mtimeMs > newestSource()) return;
  const { build } = await import('vite');
  await build({ root: PAGE_SOURCE, base: './', configFile: false, logLevel: 'error', publicDir: false, build: { outDir: PAGE_BUILD, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 4000 }, worker: { format: 'es' } });
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf', '.json': 'application/json' };

function serve(): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const base = path.startsWith('/fonts/') ? FONTS : PAGE_BUILD;
    const file = normalize(join(base, path.startsWith('/fonts/') ? path.slice('/fonts/'.length) : path === '/' ? 'index.html' : path));
    if (!file.startsWith(base) || !existsSync(file) || statSync(file).isDirectory()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((resolvePromise) => server.listen(0, '127.0.0.1', () => resolvePromise({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` })));
}

export interface RenderedMap {
  png: Uint8Array;
}

/** One PNG per request, in order; a failure value (bilingual) when Chromium is missing or fails. */
export async function renderMapsInChromium(requests: MapPageRequest[], onProgress?: (done: number, total: number) => void): Promise<Result<RenderedMap[]>> {
  const executablePath = findChromium();
  if (!executablePath) {
    return fail({
      code: 'no-chromium',
      message: {
        zh: `未找到 Chromium（查找了 ${CHROMIUM_CANDIDATES.join('、')}；可设 CHROMIUM_PATH），报告中不含地图。Debian 上：apt-get install chromium fonts-noto-cjk`,
        en: `Chromium not found (looked for ${CHROMIUM_CANDIDATES.join(', ')}; set CHROMIUM_PATH): the report has no maps. On Debian: apt-get install chromium fonts-noto-cjk`,
      },
    });
  }
  await buildPage();
  const { chromium } = await import('playwright-core');
  const { server, url } = await serve();
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--enable-unsafe-swiftshader', '--use-angle=swiftshader', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, deviceScaleFactor: 1 });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url);
    await page.waitForFunction(() => window.mapPageReady === true, undefined, { timeout: 60_000 });
    const maps: RenderedMap[] = [];
    for (const [index, request] of requests.entries()) {
      // The request crosses as JSON; typed loosely here (playwright's serialisation types recurse too deep on a style).
      const dataUrl: string = await page.evaluate((r) => window.renderGapMap(r as unknown as MapPageRequest), request as unknown as Record<string, unknown>);
      maps.push({ png: new Uint8Array(Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64')) });
      onProgress?.(index + 1, requests.length);
    }
    return ok(maps);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return fail({ code: 'map-render-failed', message: { zh: `在 Chromium 中绘制地图失败：${detail}`, en: `drawing the maps in Chromium failed: ${detail}` } });
  } finally {
    await browser.close();
    server.close();
  }
}
