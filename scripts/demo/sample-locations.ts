// Where people are: draws points from the populated cells of a township (weighted by head count),
// jittered inside their cell and kept inside the township.
import { pointInRing } from './assemble-units.ts';
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
  const pickCell = (t: number, random: Random, power: number): number => {
    const list = byTownship[t];
    if (list.length === 0) throw new Error(`township ${t} has no populated cell`);
    let total = 0;
    for (const k of list) total += cells.population[k] ** power;
    let target = random.next() * total;
    for (const k of list) {
      target -= cells.population[k] ** power;
      if (target <= 0) return k;
    }
    return list[list.length - 1];
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
