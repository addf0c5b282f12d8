// `npm run build:fonts` (also run after `npm install` and before `vite build`): writes the report's
// Chinese fonts into public/fonts/ from node_modules, offline. See scripts/lib/build-report-fonts.ts.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildReportFonts, REPORT_FONT_FILES } from './lib/build-report-fonts.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const directory = join(root, 'public', 'fonts');
const fresh = !process.argv.includes('--if-missing') || !Object.values(REPORT_FONT_FILES).every((name) => existsSync(join(directory, name)));
if (fresh) {
  const build = buildReportFonts(root, directory);
  process.stderr.write(`[fonts] Noto Sans SC regular and bold: ${build.covered} of ${build.wanted} wanted characters → ${build.directory}\n`);
  if (build.missingNames.length > 0) {
    process.stderr.write(`[fonts] demo township names the font cannot show / 字体缺字的演示乡镇名: ${build.missingNames.join('、')}\n`);
    process.exit(1);
  }
}
