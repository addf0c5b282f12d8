// Finds a Chromium for the browser tests and benchmarks, in this order: the CHROMIUM_PATH
// environment variable; the system's (/usr/bin/chromium, as Debian's apt installs it); the one
// shipped inside the npm devDependency @sparticuz/chromium (unpacked to the temp folder on first
// use, WebGL 2 through its SwiftShader). Its default launch arguments are not used: the tests
// pass their own (launch-arguments in test/e2e/browser.ts), so security checks such as the CSP
// run in an ordinary multi-process browser.
import { existsSync } from 'node:fs';

const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export const NO_CHROMIUM_MESSAGE =
  'No Chromium found for the browser tests. Either run `npm install` (the devDependency @sparticuz/chromium ships one), ' +
  'or install the system package (`apt-get install chromium` on Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome binary.';

/** @returns {Promise<{ path: string; source: string }>} */
export async function findChromium() {
  const fromEnvironment = process.env.CHROMIUM_PATH;
  if (fromEnvironment) {
    if (existsSync(fromEnvironment)) return { path: fromEnvironment, source: 'CHROMIUM_PATH' };
    throw new Error(`CHROMIUM_PATH is set to ${fromEnvironment}, which does not exist. ${NO_CHROMIUM_MESSAGE}`);
  }
  for (const path of SYSTEM_PATHS) if (existsSync(path)) return { path, source: 'system' };
  try {
    const { default: chromium } = await import('@sparticuz/chromium');
    const path = await chromium.executablePath();
    if (path && existsSync(path)) return { path, source: '@sparticuz/chromium' };
  } catch (error) {
    throw new Error(`${NO_CHROMIUM_MESSAGE} (@sparticuz/chromium: ${error instanceof Error ? error.message : error})`);
  }
  throw new Error(NO_CHROMIUM_MESSAGE);
}
