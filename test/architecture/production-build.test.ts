// Issue 10 §9: the test hooks (accept an import without the dialog, crash a worker…) are in the
// test build only. An ordinary production build, made here into a temporary folder, carries none
// of them, while the test build (what the browser tests run) does; both keep the CSP.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const out = mkdtempSync(join(tmpdir(), 'gapmap-build-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Builds the app in `mode` and returns the text of every script chunk and the page. */
async function built(mode: 'production' | 'test'): Promise<{ scripts: string; page: string }> {
  const outDir = join(out, mode);
  await build({ root: ROOT, mode, logLevel: 'silent', build: { outDir, emptyOutDir: true, reportCompressedSize: false } });
  const assets = readdirSync(join(outDir, 'assets')).filter((name) => name.endsWith('.js'));
  return { scripts: assets.map((name) => readFileSync(join(outDir, 'assets', name), 'utf8')).join('\n'), page: readFileSync(join(outDir, 'index.html'), 'utf8') };
}

// crashForTest stays as a no-op name in the worker; its body (the thrown message) is what must be gone.
const HOOKS = ['acceptImport', 'sitingEditTimings', 'flushSession', 'analysis worker crashed (test)'];

describe('the production build', () => {
  it('leaves the test hooks out; the test build has them; both carry the CSP', async () => {
    const production = await built('production');
    for (const hook of HOOKS) expect(production.scripts.includes(hook), hook).toBe(false);
    expect(production.page).toContain('Content-Security-Policy');
    const test = await built('test');
    for (const hook of HOOKS) expect(test.scripts.includes(hook), hook).toBe(true);
    expect(test.page).toContain('Content-Security-Policy');
  }, 300_000);
});
