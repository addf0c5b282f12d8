// `npm run build:fonts` (also run after `npm install` and before `vite build`): writes the report's
// Chinese fonts into public/fonts/ from node_modules, offline. See scripts/lib/build-report-fonts.ts.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildReportFonts, reportFontsAreCurrent } from './lib/build-report-fonts.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const directory = join(root, 'public', 'fonts');
// --if-missing (install, prebuild): only when a font is missing or was built from another recipe.
const fresh = !process.argv.includes('--if-missing') || !reportFontsAreCurrent(directory);
if (fresh) {
  const build = buildReportFonts(root, directory);
  process.stderr.write(`[fonts] Noto Sans SC regular and bold: ${build.covered} of ${build.wanted} wanted characters → ${build.directory}\n`);
  const { names, characters } = build.missingOfficial;
  if (names.length > 0) {
    const codes = characters.map((c) => `U+${(c.codePointAt(0) as number).toString(16).toUpperCase()}`).join(' ');
    process.stderr.write(`[fonts] ${names.length} official place names have characters no source font holds (${codes}); reports name them on the cover / ${names.length} 个区划名称含字体缺少的字符，报告会在封面列出\n`);
  }
  if (build.missingNames.length > 0) {
    process.stderr.write(`[fonts] demo township names the font cannot show / 字体缺字的演示乡镇名: ${build.missingNames.join('、')}\n`);
    process.exit(1);
  }
}
