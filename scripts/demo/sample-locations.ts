// Where people are: draws points from the populated cells of a township (weighted by head count),
// jittered inside their cell and kept inside the township.
import { pointInRing } from '../../src/core/geometry/ring-geometry.ts';
import type { PopulationBuild } from './build-population.ts';
import type { Random } from './seeded-random.ts';

export interface LocationSampler {
  /** Is (x, y) inside township t (projected)? */
  inside(t: number, x: number, y: number): boolean;
  /** A point in township t drawn with probability ∝ population^power. */
  inTownship(t: number, random: Random, power?: number): [number, number];
  /** A point in township t about `minMetres`–`maxMetres` from (x, y), falling back to (x, y). */
  near(t: number, x: number, y: number, minMetres: number, maxMetres: number, random: Random): [number, number];
  /** Populated cell indices (into PopulationBuild.cells) of township t. */
  cellsOf(t: number): number[];
}

export function createLocationSampler(population: PopulationBuild, rings: number[][][][], cellSize: number): LocationSampler {
  const { cells } = population;
  const byTownship: number[][] = rings.map(() => []);
  for (let k = 0; k < cells.township.length; k++) byTownship[cells.township[k]].push(k);
  const inside = (t: number, x: number, y: number): boolean => {
    let count = 0;
    for (const ring of rings[t]) if (pointInRing(x, y, ring)) count++;
    return count % 2 === 1;
  };
  // cumulative weights per township and power, built on first use; a draw is a binary search
  const cumulative = new Map<string, Float64Array>();
  const pickCell = (t: number, random: Random, power: number): number => {
    const list = byTownship[t];
    if (list.length === 0) throw new Error(`township ${t} has no populated cell`);
    const key = `${t}:${power}`;
    let sums = cumulative.get(key);
    if (!sums) {
      sums = new Float64Array(list.length);
      let total = 0;
      list.forEach((k, m) => (sums![m] = total += cells.population[k] ** power));
      cumulative.set(key, sums);
    }
    const target = random.next() * sums[sums.length - 1];
    let low = 0;
    let high = sums.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (sums[mid] < target) low = mid + 1;
      else high = mid;
    }
    return list[low];
  };
  return {
    inside,
    cellsOf: (t) => byTownship[t],
    inTownship(t, random, power = 1) {
      const k = pickCell(t, random, power);
      for (let attempt = 0; attempt < 8; attempt++) {
        const x = cells.x[k] + random.range(-0.45, 0.45) * cellSize;
        const y = cells.y[k] + random.range(-0.45, 0.45) * cellSize;
        if (inside(t, x, y)) return [x, y];
      }
      return [cells.x[k], cells.y[k]];
    },
    near(t, x, y, minMetres, maxMetres, random) {
      for (let attempt = 0; attempt < 30; attempt++) {
        const angle = random.next() * 2 * Math.PI;
        const distance = random.range(minMetres, maxMetres);
        const px = x + distance * Math.cos(angle);
        const py = y + distance * Math.sin(angle);
        if (inside(t, px, py)) return [px, py];
      }
      return [x, y];
    },
  };
}
