// A larger synthetic layout for the benchmark: `townshipCount` townships in about a tenth as many
// counties, with made-up names and codes, around the same latitude as the demo.
import { createNameSource } from './chinese-names.ts';
import type { CountySpec, RegionLayout, TownshipSpec } from './region-layout.ts';
import { createRandom, hashSeed } from './seeded-random.ts';

export interface SyntheticLayoutOptions {
  seed: number;
  townshipCount: number;
  /** Average township area, km². */
  townshipAreaKm2?: number;
  /** Population per township on average. */
  townshipPopulation?: number;
}

export function syntheticLayout(options: SyntheticLayoutOptions): RegionLayout {
  const { seed, townshipCount } = options;
  const townshipArea = options.townshipAreaKm2 ?? 200;
  const townshipPopulation = options.townshipPopulation ?? 29600;
  const random = createRandom(hashSeed(seed, 'synthetic-layout'));
  const names = createNameSource(random);
  const countyCount = Math.max(1, Math.round(townshipCount / 8.5));
  const totalArea = townshipCount * townshipArea;
  const side = Math.sqrt(totalArea) * 1.1; // km, roughly the extent of the counties
  const kmPerDegreeLat = 110.8;
  const kmPerDegreeLon = 101.5;
  const centre: [number, number] = [102, 24];
  // county anchors on a jittered grid inside an ellipse
  const gridSide = Math.ceil(Math.sqrt(countyCount * 1.35));
  const cells: Array<[number, number]> = [];
  for (let i = 0; i < gridSide; i++) {
    for (let j = 0; j < gridSide; j++) {
      const u = (i + 0.5) / gridSide - 0.5;
      const v = (j + 0.5) / gridSide - 0.5;
      cells.push([u, v]);
    }
  }
  cells.sort((a, b) => a[0] ** 2 + a[1] ** 2 - (b[0] ** 2 + b[1] ** 2));
  const counties: CountySpec[] = [];
  let remaining = townshipCount;
  for (let c = 0; c < countyCount; c++) {
    const [u, v] = cells[c];
    const jitter = 0.25 / gridSide;
    const lon = centre[0] + ((u + random.range(-jitter, jitter)) * side * 1.2) / kmPerDegreeLon;
    const lat = centre[1] + ((v + random.range(-jitter, jitter)) * side * 1.2) / kmPerDegreeLat;
    const count = c === countyCount - 1 ? remaining : Math.max(3, Math.min(remaining - 3 * (countyCount - c - 1), random.int(6, 11)));
    remaining -= count;
    const code = `9${String(c + 1).padStart(5, '0')}`;
    const countyName = names('县');
    const townships: TownshipSpec[] = [];
    for (let t = 0; t < count; t++) {
      const urban = t === 0 || (t === 1 && random.next() < 0.4);
      const type = urban ? '街道' : random.next() < 0.55 ? '镇' : '乡';
      townships.push({
        code: `${code}${String(t + 1).padStart(3, '0')}`,
        name: names(type),
        type,
        urban,
        areaWeight: urban ? 0.35 : random.range(0.8, 1.3),
      });
    }
    const seatOffset = 0.1;
    // draws in the same order as before the 0–14 share existed
    const seat: [number, number] = [lon + random.range(-seatOffset, seatOffset), lat + random.range(-seatOffset, seatOffset)];
    const population = Math.round(count * townshipPopulation * random.range(0.6, 1.4));
    const percentAged65Plus = Math.round(random.range(10, 16) * 100) / 100;
    counties.push({
      code,
      name: countyName,
      anchor: [lon, lat],
      seat,
      areaKm2: count * townshipArea,
      population,
      percentAged65Plus,
      // derived, not drawn: the synthetic regions stay as they were before the 0–14 cohort
      percentAged0To14: Math.round((29.5 - percentAged65Plus) * 100) / 100,
      townships,
    });
  }
  const halfLon = (side * 0.75) / kmPerDegreeLon;
  const halfLat = (side * 0.75) / kmPerDegreeLat;
  return {
    name: `合成区域（${townshipCount} 个乡镇，几何为虚构）/ Synthetic region (${townshipCount} townships, fictional geometry)`,
    cityCode: '990000',
    cityName: '合成市',
    counties,
    lakes: [],
    box: { west: centre[0] - halfLon, south: centre[1] - halfLat, east: centre[0] + halfLon, north: centre[1] + halfLat },
    atomSpacingMetres: 2600,
    centralCityTownships: counties[0].townships.filter((t) => t.urban).map((t) => t.code),
  };
}
