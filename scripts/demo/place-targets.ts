// Target places the plan's rules want reached: urban communities (城市社区) in the urban streets,
// poverty-relief resettlement sites (易地扶贫搬迁安置点) near rural township seats, and
// disaster-prone villages (灾害易发村) in the sparse, mountainous cells.
import type { PopulationBuild } from './build-population.ts';
import { createNameSource } from './chinese-names.ts';
import type { TownshipSpec } from './region-layout.ts';
import type { LocationSampler } from './sample-locations.ts';
import { createRandom, hashSeed } from './seeded-random.ts';

export interface GeneratedPlace {
  id: string;
  kind: 'urban-community' | 'resettlement-site' | 'disaster-prone-village';
  name: string;
  x: number;
  y: number;
  township: number;
  properties: Record<string, unknown>;
}

export interface PlaceOptions {
  seed: number;
  townships: TownshipSpec[];
  townshipSeats: Array<[number, number]>;
  population: PopulationBuild;
  sampler: LocationSampler;
}

const HAZARDS = ['滑坡', '泥石流', '山洪', '崩塌'];

export function placeTargets(options: PlaceOptions): GeneratedPlace[] {
  const { townships, townshipSeats, population, sampler } = options;
  const random = createRandom(hashSeed(options.seed, 'places'));
  const names = createNameSource(random);
  const places: GeneratedPlace[] = [];
  const counters = new Map<string, number>();
  const add = (kind: GeneratedPlace['kind'], name: string, [x, y]: [number, number], township: number, properties: Record<string, unknown>): void => {
    const count = (counters.get(kind) ?? 0) + 1;
    counters.set(kind, count);
    places.push({ id: `${kind}-${String(count).padStart(4, '0')}`, kind, name, x, y, township, properties });
  };
  // urban communities: about one per 6,000 urban residents, at least 350 m apart
  townships.forEach((township, t) => {
    if (!township.urban) return;
    const count = Math.max(2, Math.round(population.townshipPopulation[t] / 6000));
    const chosen: Array<[number, number]> = [];
    for (let attempt = 0; chosen.length < count && attempt < count * 40; attempt++) {
      const point = sampler.inTownship(t, random, 1);
      if (chosen.some(([x, y]) => Math.hypot(x - point[0], y - point[1]) < 350)) continue;
      chosen.push(point);
      add('urban-community', names('社区'), point, t, { households: random.int(800, 4200) });
    }
  });
  // resettlement sites: near the seats of rural townships, more in the big rural counties
  const rural = townships.map((t, k) => (!t.urban && t.type !== '街道' ? k : -1)).filter((k) => k >= 0);
  const siteCount = Math.max(1, Math.round(rural.length * 0.42));
  for (let s = 0; s < siteCount; s++) {
    const t = rural[Math.floor(random.next() * rural.length)];
    const [sx, sy] = townshipSeats[t];
    add('resettlement-site', names('安置点'), sampler.near(t, sx, sy, 800, 3500, random), t, {
      households: random.int(40, 650),
      category: random.next() < 0.8 ? '易地扶贫搬迁集中安置点' : '防灾避险移民搬迁安置点',
    });
  }
  // disaster-prone villages: sparsely populated rural cells, drawn uniformly (not by head count)
  const villageCount = Math.max(1, Math.round(rural.length * 1.75));
  for (let v = 0; v < villageCount; v++) {
    const t = rural[Math.floor(random.next() * rural.length)];
    const cells = sampler.cellsOf(t).filter((k) => population.cells.population[k] < 60);
    const pool = cells.length > 0 ? cells : sampler.cellsOf(t);
    const k = pool[Math.floor(random.next() * pool.length)];
    add('disaster-prone-village', names('村'), [population.cells.x[k], population.cells.y[k]], t, { hazard: random.pick(HAZARDS) });
  }
  return places;
}
