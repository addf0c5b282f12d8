// The PDF report rendered in Node with pdfmake and the built Noto Sans SC subset, read back with
// poppler (pdftotext, pdfinfo, pdffonts) where installed: its pages, its Chinese text (township
// names, rule titles, values), embedded subset fonts, and the atlas. Skipped cleanly without poppler,
// except the checks that need no reader.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pdfmake from 'pdfmake';
import { hasTool } from './find-tool.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReportDocument, type ReportInput } from '../../src/core/export/pdf/build-report-document.ts';
import { renderReportPdf } from '../../src/core/export/pdf/render-report-pdf.ts';
import { featureTable } from '../../src/core/export/build-export-tables.ts';
import { withCodedValues } from '../../src/core/export/label-coded-values.ts';
import type { RuleResult } from '../../src/core/rules/rule-types.ts';
import { makePng } from './make-png.ts';
import { loadReportFonts } from './report-fonts.ts';
import { SAMPLE_SITES, SAMPLE_TABLE } from './sample-table.ts';

const hasPoppler = hasTool('pdftotext', '-v');

const RULES = [
  {
    ruleId: 'nursery.places',
    title: { zh: '每千人口拥有3岁以下婴幼儿托位数', en: 'Nursery places per 1,000 people' },
    kind: 'capacity-per-population',
    status: 'fail',
    value: 3.21,
    target: { op: '>=', value: 4.5, unit: 'per-1000' },
    summary: { zh: '', en: '' },
    shortfall: { amount: 2025, unit: { zh: '个托位', en: 'places' }, sentence: { zh: '还需 2,025 个托位', en: '2,025 more nursery places' } },
    failing: [],
    figures: {},
    provenance: { zh: '托位数 ÷ 常住人口 × 1000；CGCS2000 椭球', en: 'places ÷ residents × 1,000; CGCS2000 ellipsoid' },
    source: '每千人口拥有3岁以下婴幼儿托位数达到4.5个',
  },
  {
    ruleId: 'elder.daycare-coverage',
    title: { zh: '社区养老服务设施覆盖率', en: 'Community elder-care coverage' },
    kind: 'unit-presence',
    status: 'pass',
    value: 100,
    target: { op: '>=', value: 100, unit: 'percent' },
    summary: { zh: '', en: '' },
    shortfall: null,
    failing: [],
    figures: {},
    provenance: { zh: '有设施的社区占比', en: 'share of communities with a facility' },
  },
] as unknown as RuleResult[];

function reportInput(overrides: Partial<ReportInput> = {}): ReportInput {
  const map = makePng(600, 400);
  return {
    language: 'zh',
    region: '玉溪市（演示）',
    date: '2026-11-30',
    scenario: '现状 <b>基线</b>',
    service: { label: { zh: '托育机构', en: 'Nurseries' }, reachMetres: 1000 },
    ruleSetName: { zh: '玉溪市“十四五”基本公共服务规划', en: 'Yuxi basic public services plan' },
    rules: RULES,
    maps: [{ file: 'map-nursery.png', bytes: map, width: 600, height: 400, title: { zh: '托育机构 1,000 米覆盖缺口', en: 'Nursery gaps at 1,000 m' } }],
    townships: SAMPLE_TABLE,
    sites: featureTable('sites', { zh: '建议新增设施点', en: 'Proposed sites' }, SAMPLE_SITES),
    dataSource: '演示数据 gapmap demo',
    notice: { zh: '演示数据：几何为合成', en: 'Demo data: synthetic geometry' },
    layers: [{ zh: '乡镇（街道）边界 3 个', en: '3 township boundaries' }],
    ...overrides,
  };
}

const work = mkdtempSync(join(tmpdir(), 'gapmap-pdf-'));
const fonts = loadReportFonts();

async function render(input: ReportInput, name: string) {
  const rendered = await renderReportPdf(pdfmake, buildReportDocument(input), fonts, input.language);
  const path = join(work, name);
  writeFileSync(path, rendered.pdf);
  return { ...rendered, path };
}

const poppler = (tool: string, path: string) => execFileSync(tool, [path, ...(tool === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8' });

describe('PDF report', () => {
  let report: Awaited<ReturnType<typeof render>>;
  beforeAll(async () => {
    report = await render(reportInput(), 'report.pdf');
  }, 60_000);

  it('is a PDF with one page per section and the fonts embedded', () => {
    expect(new TextDecoder().decode(report.pdf.slice(0, 5))).toBe('%PDF-');
    const raw = new TextDecoder('latin1').decode(report.pdf);
    // cover, targets, map, township table, sites, methods
    expect(raw.match(/\/Type \/Page\b/g)?.length).toBe(6);
    expect(raw).toContain('/FontFile2');
    // A subset, not the whole 2.3 MB font.
    expect(report.pdf.length).toBeLessThan(400_000);
    // 𠀀 (CJK Extension B, in the sample's failed_rules) is not in the font: named on the cover.
    expect(report.missingCharacters).toEqual(['𠀀']);
    expect(report.textsWithMissingCharacters).toEqual(['𠀀 rare']);
  });

  it.skipIf(!hasPoppler)('has selectable Chinese text: township names, rule titles and values (pdftotext)', () => {
    const text = poppler('pdftotext', report.path);
    for (const expected of ['公共服务覆盖与缺口分析报告', '玉溪市（演示）', '垤玛乡', '玉兴街道', '元江哈尼族彝族傣族自治县', '每千人口拥有3岁以下婴幼儿托位数', '3.21 ‰', '≥ 4.5', '未达标', '还需 2,025 个托位', 'U+20000', '达标', '托育机构 1,000 米覆盖缺口', '12,345', '45.67', '演示数据：几何为合成', '方法与数据说明', 'site-2']) {
      expect(text.replace(/\s+/g, ' ')).toContain(expected);
    }
    // Data is printed as text, never interpreted: the scenario's markup shows as typed.
    expect(text).toContain('现状 <b>基线</b>');
    expect(text).toContain('=HYPERLINK("http://x")');
  });

  it.skipIf(!hasPoppler)('warns of a name the font cannot show and prints its code point, never an empty box', async () => {
    // 那𡌶村委会 is a real village name (451302107210); 𡌶 (U+21336) is in no Noto Sans SC file. A
    // zero-width space pasted into a name is invisible: dropped, not warned of.
    const rows = [
      { ...SAMPLE_TABLE.rows[0], name: '那𡌶村委会', failed_rules: '' },
      { ...SAMPLE_TABLE.rows[1], name: '玉兴\u200b街道' },
    ];
    const rare = await render(reportInput({ townships: { ...SAMPLE_TABLE, rows } }), 'rare.pdf');
    expect(rare.missingCharacters).toEqual(['𡌶']);
    expect(rare.textsWithMissingCharacters).toEqual(['那𡌶村委会']);
    const text = poppler('pdftotext', rare.path).replace(/\s+/g, ' ');
    // The cover names the character and the name holding it; the table prints the code point in place.
    expect(text).toMatch(/注意：报告字体缺少字符 U\+21336.*涉及：那\[U\+21336\]村委会/);
    expect(text).toContain('那[U+21336]村委会');
    expect(text).toContain('玉兴街道');
    expect(text).not.toContain('\u200b');
  }, 60_000);

  it.skipIf(!hasPoppler)('names a travel-time reach on the cover and prints the travel-time table, its codes in words', async () => {
    const travelTimes = {
      name: 'travel-times',
      title: { zh: '出行时间指标', en: 'Travel times' },
      columns: [
        { key: 'level', label: { zh: '级别', en: 'Level' }, type: 'text' as const },
        { key: 'name', label: { zh: '名称', en: 'Name' }, type: 'text' as const },
        { key: 'mode', label: { zh: '出行方式', en: 'Mode' }, type: 'text' as const },
        { key: 'population_within_pct', label: { zh: '时限内人口占比（%）', en: 'Within (%)' }, type: 'number' as const, decimals: 1 },
        { key: 'nearest_median_min', label: { zh: '至最近设施时间中位数（分钟）', en: 'Median minutes' }, type: 'number' as const, decimals: 1 },
      ].map(withCodedValues),
      rows: [
        { level: 'township', name: '垤玛乡', mode: 'walk', population_within_pct: 37.5, nearest_median_min: 21.4 },
        { level: 'township', name: '玉兴街道', mode: 'walk', population_within_pct: null, nearest_median_min: 'unreachable 不可达' },
      ],
    };
    const travel = await render(reportInput({ service: { label: { zh: '托育机构', en: 'Nurseries' }, reachMetres: 1000, reach: { kind: 'travel-time', minutes: 15, mode: 'walk' } }, travelTimes }), 'travel.pdf');
    const text = poppler('pdftotext', travel.path).replace(/\s+/g, ' ');
    expect(text).toContain('出行时间 步行 15 分钟');
    expect(text).toContain('出行时间指标');
    // (pdftotext may read the table's name column apart from the rest.)
    expect(text).toMatch(/步行 37\.5 21\.4 步行 — 不可达/);
    expect(text).not.toMatch(/\bwalk\b|unreachable/);
    const english = await render(reportInput({ language: 'en', service: { label: { zh: '托育机构', en: 'Nurseries' }, reachMetres: 1000, reach: { kind: 'travel-time', minutes: 15, mode: 'walk' } }, travelTimes }), 'travel-en.pdf');
    const englishText = poppler('pdftotext', english.path).replace(/\s+/g, ' ');
    expect(englishText).toMatch(/Walking 37\.5 21\.4 Walking — unreachable/);
    expect(englishText).not.toContain('不可达');
  }, 60_000);

  it.skipIf(!hasPoppler)('embeds subset TrueType fonts with Unicode maps (pdffonts)', () => {
    const fontsTable = poppler('pdffonts', report.path);
    const lines = fontsTable.split('\n').filter((line) => line.includes('NotoSansSC'));
    expect(lines.length).toBe(2); // regular and bold
    for (const line of lines) expect(line).toMatch(/^[A-Z]{6}\+NotoSansSC-\w+\s+CID TrueType\s+Identity-H\s+yes yes yes/);
  });

  it.skipIf(!hasPoppler)('writes an atlas page per township and an English report', async () => {
    const atlas = await render(reportInput({ language: 'en', atlas: { table: SAMPLE_TABLE, images: [null, { file: 'atlas-1.png', bytes: makePng(300, 300), width: 300, height: 300, title: { zh: '', en: '' } }, null] } }), 'atlas.pdf');
    const info = poppler('pdfinfo', atlas.path);
    expect(info).toMatch(/Pages:\s+10/); // 6 sections + atlas heading page + 3 township pages
    const text = poppler('pdftotext', atlas.path).replace(/\s+/g, ' ');
    expect(text).toContain('Public-service coverage and gap report');
    expect(text).toContain('2,025 more nursery places');
    expect(text).toContain('Atlas');
    expect(text).toContain('垤玛乡');
  }, 60_000);

  it.skipIf(!hasPoppler)('keeps an atlas unit on one page: its map above its figures, with more columns than the metric table has (26 figures)', async () => {
    const columns = Array.from({ length: 20 }, (_, i) => ({ key: `figure_${i}`, label: { zh: `指标 ${i}（每千名60岁以上老人）`, en: `Figure ${i}` }, type: 'number' as const, decimals: 2 }));
    const wide = {
      ...SAMPLE_TABLE,
      columns: [...SAMPLE_TABLE.columns, ...columns],
      rows: SAMPLE_TABLE.rows.map((row) => ({ ...row, failed_rules: 'elder.regional-centre;elder.urban-daycare;child.nursery-places;culture.broadcast-area', ...Object.fromEntries(columns.map((c, i) => [c.key, 1000 * i + 0.5])) })),
    };
    const page = { file: 'atlas.png', bytes: makePng(2480, 3508), width: 2480, height: 3508, title: { zh: '', en: '' } };
    const images = wide.rows.map((_, i) => ({ ...page, file: `atlas-${i}.png` }));
    const atlas = await render(reportInput({ atlas: { table: wide, images } }), 'atlas-wide.pdf');
    expect(poppler('pdfinfo', atlas.path)).toMatch(/Pages:\s+10/); // 6 sections + atlas heading page + 3 unit pages
  }, 60_000);
});
