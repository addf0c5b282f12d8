// The report's Chinese font, built once from @fontsource/noto-sans-sc (OFL) at install time, offline:
// pdfmake (pdfkit/fontkit) needs TrueType, and subsets it into each PDF itself (only the glyphs a
// report uses are embedded). Fontsource ships Noto Sans SC only as WOFF/WOFF2 and only in
// unicode-range slices (its single "chinese-simplified" file lacks e.g. 垤 of 垤玛乡), so every
// slice's WOFF is read with fonteditor-core, restricted to the characters a report needs, and merged
// into one TTF per weight:
//   ASCII, Latin-1, general punctuation, CJK symbols, full-width forms, letter-like symbols (km², ℃),
//   every GB2312 character (6,763 hanzi and the symbols of rows 1–9), and every character in the
//   project's data and core texts (township names, rule titles, messages).
// Greek and other non-CJK characters the slices lack come from Roboto (inside pdfmake).
// A coverage file lists the code points the font holds; the report lists any character of the data
// it cannot show, and this build fails if a demo township name is not fully covered.

import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';
import fonteditor from 'fonteditor-core';
import { compressRanges } from '../../src/core/export/pdf/font-coverage.ts';

const require = createRequire(import.meta.url);

export const REPORT_FONT_FILES = { regular: 'NotoSansSC-Regular.ttf', bold: 'NotoSansSC-Bold.ttf', coverage: 'NotoSansSC-coverage.json' } as const;

const BLOCKS: [number, number][] = [
  [0x20, 0x7e],
  [0xa0, 0xff],
  [0x2000, 0x206f],
  [0x2100, 0x218f],
  [0x2190, 0x21ff],
  [0x2460, 0x24ff],
  [0x3000, 0x303f],
  [0xff00, 0xffef],
];

function gb2312Characters(into: Set<number>) {
  const decoder = new TextDecoder('gbk');
  for (let lead = 0xa1; lead <= 0xf7; lead++) {
    for (let trail = 0xa1; trail <= 0xfe; trail++) {
      const code = decoder.decode(Uint8Array.of(lead, trail)).codePointAt(0);
      if (code !== undefined && code !== 0xfffd) into.add(code);
    }
  }
}

/** Every non-ASCII character in the text files under a folder (data, core sources). */
function charactersIn(path: string, into: Set<number>) {
  for (const name of readdirSync(path)) {
    const full = join(path, name);
    if (statSync(full).isDirectory()) charactersIn(full, into);
    else if (/\.(json|geojson|ts|md)$/.test(name)) for (const character of readFileSync(full, 'utf8')) if ((character.codePointAt(0) as number) >= 0x80) into.add(character.codePointAt(0) as number);
  }
}

export function wantedCharacters(root: string): Set<number> {
  const wanted = new Set<number>();
  for (const [from, to] of BLOCKS) for (let c = from; c <= to; c++) wanted.add(c);
  gb2312Characters(wanted);
  charactersIn(join(root, 'data'), wanted);
  charactersIn(join(root, 'src', 'core'), wanted);
  return wanted;
}

const inflate = (data: number[] | Uint8Array) => Array.from(inflateSync(Uint8Array.from(data)));

/** One TTF of the wanted characters of one weight, merged from Fontsource's slice files. */
function mergeWeight(weight: 400 | 700, wanted: Set<number>): { ttf: Uint8Array; covered: number[] } {
  const directory = join(dirname(require.resolve('@fontsource/noto-sans-sc/package.json')), 'files');
  const slices = readdirSync(directory).filter((name) => name.endsWith(`-${weight}-normal.woff`));
  const remaining = new Set(wanted);
  const covered: number[] = [];
  let merged: ReturnType<typeof fonteditor.Font.create> | undefined;
  for (const name of slices) {
    if (remaining.size === 0) break;
    // Only characters not taken from an earlier slice: the slices overlap (ASCII is in several).
    const font = fonteditor.Font.create(readFileSync(join(directory, name)), { type: 'woff', inflate, subset: [...remaining], hinting: false });
    const glyphs = font.get().glyf;
    // A glyph can serve several code points (a radical and its ideograph): keep only the new ones.
    for (const glyph of glyphs) if (glyph.unicode) glyph.unicode = glyph.unicode.filter((code) => remaining.has(code));
    const found = glyphs.flatMap((glyph) => glyph.unicode ?? []);
    if (found.length === 0) continue;
    for (const code of found) {
      remaining.delete(code);
      covered.push(code);
    }
    if (!merged) merged = font;
    else merged.merge(font, { scale: 1 });
  }
  if (!merged) throw new Error(`no Noto Sans SC ${weight} slices found in ${directory}`);
  // Fontsource's Noto Sans SC slices carry no Greek (GB2312 row 6: Σ, α, μ…): those and any other
  // non-CJK character still missing come from Roboto (Apache-2.0, shipped inside pdfmake), scaled to
  // Noto's 1,000 units per em.
  const roboto = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto', weight === 400 ? 'Roboto-Regular.ttf' : 'Roboto-Medium.ttf');
  const fallback = fonteditor.Font.create(readFileSync(roboto), { type: 'ttf', subset: [...remaining], hinting: false });
  const extra = fallback.get().glyf.filter((glyph) => (glyph.unicode ?? []).some((code) => remaining.has(code)));
  if (extra.length > 0) {
    for (const glyph of fallback.get().glyf) if (glyph.unicode) glyph.unicode = glyph.unicode.filter((code) => remaining.has(code));
    for (const glyph of extra) for (const code of glyph.unicode ?? []) {
      remaining.delete(code);
      covered.push(code);
    }
    merged.merge(fallback, { scale: true } as never);
  }
  merged.get().name.fontFamily = 'Noto Sans SC';
  const ttf = merged.write({ type: 'ttf', hinting: false }) as Uint8Array;
  return { ttf: new Uint8Array(ttf), covered: covered.sort((a, b) => a - b) };
}

export interface FontBuild {
  directory: string;
  covered: number;
  wanted: number;
  /** Characters of demo township names the font lacks (must be none). */
  missingNames: string[];
}

export function buildReportFonts(root: string, directory: string): FontBuild {
  const wanted = wantedCharacters(root);
  mkdirSync(directory, { recursive: true });
  const regular = mergeWeight(400, wanted);
  const bold = mergeWeight(700, wanted);
  writeFileSync(join(directory, REPORT_FONT_FILES.regular), regular.ttf);
  writeFileSync(join(directory, REPORT_FONT_FILES.bold), bold.ttf);
  const both = regular.covered.filter((code) => bold.covered.includes(code));
  writeFileSync(join(directory, REPORT_FONT_FILES.coverage), JSON.stringify({ source: '@fontsource/noto-sans-sc (SIL OFL 1.1)', ranges: compressRanges(both) }));
  const held = new Set(both);
  const townships = JSON.parse(readFileSync(join(root, 'data', 'demo', 'townships.geojson'), 'utf8')) as { features: { properties: { name: string } }[] };
  const missingNames = townships.features.map((f) => f.properties.name).filter((name) => [...name].some((c) => !held.has(c.codePointAt(0) as number)));
  return { directory, covered: held.size, wanted: wanted.size, missingNames };
}
