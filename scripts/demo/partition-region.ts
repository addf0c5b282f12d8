// Partitions the atom tessellation into lakes, counties and townships (labels per atom), and
// carves enclaves (a piece of one township inside another).
import { buildAtoms, nearestAtom, type Atoms, type DensityBump } from './build-atoms.ts';
import { toProjected } from './gauss-kruger.ts';
import { growRegions, UNCLAIMED } from './grow-regions.ts';
import type { RegionLayout } from './region-layout.ts';
import { createRandom, hashSeed, type Random } from './seeded-random.ts';
import { createNoiseField } from './value-noise.ts';

/** Label of lake k is LAKE_LABEL − k (always < −1). */
const LAKE_LABEL = -2;

export interface Partition {
  atoms: Atoms;
  /** County index per atom (UNCLAIMED outside, LAKE_LABEL − k in lake k). */
  countyOfAtom: Int32Array;
  /** Township index (flat, county by county in layout order) per atom; same negative labels. */
  townshipOfAtom: Int32Array;
  /** County index of each township. */
  countyOfTownship: number[];
  /** Township seat (projected), inside the township. */
  townshipSeats: Array<[number, number]>;
  /** Enclaves as [host township, owner township]. */
  enclaves: Array<[number, number]>;
}

export interface PartitionOptions {
  seed: number;
  layout: RegionLayout;
  enclaveCount: number;
}

/** 1 for atoms inside the region's outline: a noisy metaball field, cut where its area is the total area. */
function regionMask(atoms: Atoms, layout: RegionLayout, labels: Int32Array, seed: number): Uint8Array {
  const discs = [
    ...layout.counties.map((county) => ({ centre: toProjected(county.anchor[0], county.anchor[1]), radius: Math.sqrt((county.areaKm2 * 1e6) / Math.PI) })),
    ...layout.lakes.map((lake) => ({ centre: toProjected(lake.centre[0], lake.centre[1]), radius: Math.sqrt((lake.areaKm2 * 1e6) / Math.PI) * 1.6 + 3000 })),
  ];
  const noise = createNoiseField(hashSeed(seed, 'outline'), 22000, 4);
  // metaballs: Gaussian bumps whose sum merges neighbouring discs into one blob
  const reach = new Float64Array(atoms.count);
  for (let i = 0; i < atoms.count; i++) {
    if (atoms.onHull[i] || labels[i] !== UNCLAIMED) continue;
    let sum = 0;
    for (const disc of discs) {
      const d2 = (atoms.x[i] - disc.centre[0]) ** 2 + (atoms.y[i] - disc.centre[1]) ** 2;
      sum += Math.exp(-d2 / (2 * (0.85 * disc.radius) ** 2));
    }
    reach[i] = sum * (0.55 + 0.9 * noise(atoms.x[i], atoms.y[i]));
  }
  const target = layout.counties.reduce((sum, c) => sum + c.areaKm2 * 1e6, 0);
  let low = 0.5;
  let high = 1e4;
  for (let step = 0; step < 40; step++) {
    const k = (low + high) / 2;
    let area = 0;
    for (let i = 0; i < atoms.count; i++) if (reach[i] * k >= 1) area += atoms.area[i];
    if (area > target) high = k;
    else low = k;
  }
  const mask = new Uint8Array(atoms.count);
  for (let i = 0; i < atoms.count; i++) if (reach[i] * low >= 1) mask[i] = 1;
  return mask;
}

function projectedBox(layout: RegionLayout): { minX: number; minY: number; maxX: number; maxY: number } {
  const { west, south, east, north } = layout.box;
  const corners = [
    toProjected(west, south), toProjected(east, south), toProjected(west, north), toProjected(east, north),
    toProjected((west + east) / 2, south), toProjected((west + east) / 2, north),
  ];
  return {
    minX: Math.min(...corners.map((c) => c[0])),
    minY: Math.min(...corners.map((c) => c[1])),
    maxX: Math.max(...corners.map((c) => c[0])),
    maxY: Math.max(...corners.map((c) => c[1])),
  };
}

export function partitionRegion(options: PartitionOptions): Partition {
  const { seed, layout } = options;
  const random = createRandom(hashSeed(seed, 'partition'));
  const spacing = layout.atomSpacingMetres;
  const bumps: DensityBump[] = layout.counties.map((county) => {
    const [x, y] = toProjected(county.seat[0], county.seat[1]);
    const urbanCount = county.townships.filter((t) => t.urban).length;
    const sigma = 2200 * Math.sqrt(Math.max(1, urbanCount));
    const fineSpacing = urbanCount >= 4 ? 750 : 1000;
    const extra = 2 * Math.PI * sigma * sigma * (1 / fineSpacing ** 2 - 1 / spacing ** 2);
    return { x, y, sigmaMetres: sigma, extraPoints: Math.max(0, Math.round(extra)) };
  });
  const atoms = buildAtoms({ box: projectedBox(layout), spacingMetres: spacing, bumps, lloydIterations: 2, random });
  const countyOfAtom = new Int32Array(atoms.count).fill(UNCLAIMED);
  const inland = (i: number): boolean => atoms.onHull[i] === 0;

  // lakes: elongated north–south blobs
  layout.lakes.forEach((lake, k) => {
    const [cx, cy] = toProjected(lake.centre[0], lake.centre[1]);
    const start = nearestAtom(atoms, cx, cy, (i) => inland(i) && countyOfAtom[i] === UNCLAIMED);
    const lakeNoise = createNoiseField(hashSeed(seed, 'lake', k), 4000, 3);
    growRegions({
      atoms,
      labels: countyOfAtom,
      sources: [{ label: LAKE_LABEL - k, atoms: [start], speed: 1, quotaSquareMetres: lake.areaKm2 * 1e6 }],
      claimable: inland,
      stepCost: (i) => {
        const dx = (atoms.x[i] - cx) * lake.elongation;
        const dy = atoms.y[i] - cy;
        return (0.6 + lakeNoise(atoms.x[i], atoms.y[i])) * (1 + Math.hypot(dx, dy) / 3000);
      },
    });
  });

  // the region: a noisy union of discs around the county anchors (and the lakes), sized to the
  // counties' total area; then counties compete inside it (weighted growth over a noisy cost field),
  // their speeds tuned until each county has about its area.
  const inRegion = regionMask(atoms, layout, countyOfAtom, seed);
  const countyNoise = createNoiseField(hashSeed(seed, 'county-cost'), 30000, 4);
  const countyStarts = layout.counties.map((county) => {
    const [x, y] = toProjected(county.anchor[0], county.anchor[1]);
    return nearestAtom(atoms, x, y, (i) => inRegion[i] === 1 && countyOfAtom[i] === UNCLAIMED);
  });
  const speeds = layout.counties.map((county) => Math.sqrt(county.areaKm2));
  const countyCost = (i: number): number => 0.6 + 1.0 * countyNoise(atoms.x[i], atoms.y[i]) ** 2;
  const countyLabels = new Int32Array(atoms.count);
  for (let iteration = 0; iteration < 14; iteration++) {
    countyLabels.set(countyOfAtom);
    const areas = growRegions({
      atoms,
      labels: countyLabels,
      sources: layout.counties.map((_, c) => ({ label: c, atoms: [countyStarts[c]], speed: speeds[c], quotaSquareMetres: Infinity })),
      claimable: (i) => inRegion[i] === 1,
      stepCost: countyCost,
    });
    layout.counties.forEach((county, c) => {
      speeds[c] *= Math.pow((county.areaKm2 * 1e6) / Math.max(areas[c], 1), 0.5);
    });
  }
  countyOfAtom.set(countyLabels);
  surroundLakes(atoms, countyOfAtom, layout.counties.length);
  fillEnclosedPockets(atoms, countyOfAtom, layout.counties.length);
  assertLakesEnclosed(atoms, countyOfAtom, layout.lakes.length);

  // townships: seeds inside each county, then growth with quotas, then fill
  const townshipOfAtom = new Int32Array(atoms.count);
  for (let i = 0; i < atoms.count; i++) townshipOfAtom[i] = countyOfAtom[i] < 0 ? countyOfAtom[i] : UNCLAIMED;
  const countyOfTownship: number[] = [];
  const seedAtoms: number[] = [];
  const townshipNoise = createNoiseField(hashSeed(seed, 'township-cost'), 9000, 4);
  let offset = 0;
  layout.counties.forEach((county, c) => {
    const members: number[] = [];
    let countyArea = 0;
    for (let i = 0; i < atoms.count; i++) {
      if (countyOfAtom[i] === c) {
        members.push(i);
        countyArea += atoms.area[i];
      }
    }
    const weightSum = county.townships.reduce((sum, t) => sum + t.areaWeight, 0);
    const quotas = county.townships.map((t) => (countyArea * t.areaWeight) / weightSum);
    const seeds = placeTownshipSeeds(atoms, members, county.seat, quotas, county.townships.map((t) => t.urban), random);
    const sources = seeds.map((atom, t) => ({ label: offset + t, atoms: [atom], speed: Math.sqrt(quotas[t]), quotaSquareMetres: quotas[t] }));
    const claimable = (i: number): boolean => countyOfAtom[i] === c;
    const stepCost = (i: number): number => 0.4 + 1.8 * townshipNoise(atoms.x[i], atoms.y[i]) ** 2;
    growRegions({ atoms, labels: townshipOfAtom, sources, claimable, stepCost });
    // fill what the quotas left
    const fillSources = sources.map((s) => ({ ...s, atoms: members.filter((i) => townshipOfAtom[i] === s.label), quotaSquareMetres: Infinity }));
    growRegions({ atoms, labels: townshipOfAtom, sources: fillSources, claimable, stepCost });
    county.townships.forEach(() => countyOfTownship.push(c));
    seedAtoms.push(...seeds);
    offset += county.townships.length;
  });
  for (let i = 0; i < atoms.count; i++) {
    if (countyOfAtom[i] >= 0 && townshipOfAtom[i] < 0) throw new Error('partitionRegion: an atom was left without a township');
  }
  const enclaves = carveEnclaves(atoms, townshipOfAtom, countyOfAtom, countyOfTownship, seedAtoms, options.enclaveCount, random);
  return {
    atoms,
    countyOfAtom,
    townshipOfAtom,
    countyOfTownship,
    townshipSeats: seedAtoms.map((i) => [atoms.x[i], atoms.y[i]]),
    enclaves,
  };
}

/** Seeds: urban streets around the county seat, the others spread by k-means over the county's atoms. */
function placeTownshipSeeds(atoms: Atoms, members: number[], seat: [number, number], quotas: number[], urban: boolean[], random: Random): number[] {
  const [sx, sy] = toProjected(seat[0], seat[1]);
  const taken = new Set<number>();
  const seeds: number[] = new Array(quotas.length).fill(-1);
  const urbanIndices = urban.map((u, t) => (u ? t : -1)).filter((t) => t >= 0);
  urbanIndices.forEach((t, k) => {
    let x = sx;
    let y = sy;
    if (k > 0) {
      const angle = (2 * Math.PI * (k - 1)) / Math.max(1, urbanIndices.length - 1) + random.range(-0.3, 0.3);
      const distance = 1.05 * (Math.sqrt(quotas[urbanIndices[0]] / Math.PI) + Math.sqrt(quotas[t] / Math.PI));
      x += distance * Math.cos(angle);
      y += distance * Math.sin(angle);
    }
    seeds[t] = nearestAmong(atoms, members, x, y, taken);
    taken.add(seeds[t]);
  });
  // farthest-point start for the rest, then Lloyd (k-means) moves of the free seeds
  for (let t = 0; t < quotas.length; t++) {
    if (seeds[t] >= 0) continue;
    let best = -1;
    let bestScore = -1;
    for (const i of members) {
      if (taken.has(i)) continue;
      let nearest = Infinity;
      for (const s of seeds) if (s >= 0) nearest = Math.min(nearest, Math.hypot(atoms.x[i] - atoms.x[s], atoms.y[i] - atoms.y[s]));
      if (!Number.isFinite(nearest)) nearest = Math.hypot(atoms.x[i] - sx, atoms.y[i] - sy);
      const score = nearest * random.range(0.85, 1);
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    seeds[t] = best;
    taken.add(best);
  }
  const free = quotas.map((_, t) => !urban[t]);
  for (let iteration = 0; iteration < 6; iteration++) {
    const sumX = new Float64Array(quotas.length);
    const sumY = new Float64Array(quotas.length);
    const weight = new Float64Array(quotas.length);
    for (const i of members) {
      let best = 0;
      let bestDistance = Infinity;
      seeds.forEach((s, t) => {
        // power distance: larger townships reach farther
        const d = Math.hypot(atoms.x[i] - atoms.x[s], atoms.y[i] - atoms.y[s]) / Math.sqrt(quotas[t]);
        if (d < bestDistance) {
          bestDistance = d;
          best = t;
        }
      });
      sumX[best] += atoms.x[i] * atoms.area[i];
      sumY[best] += atoms.y[i] * atoms.area[i];
      weight[best] += atoms.area[i];
    }
    seeds.forEach((s, t) => {
      if (!free[t] || weight[t] === 0) return;
      taken.delete(s);
      seeds[t] = nearestAmong(atoms, members, sumX[t] / weight[t], sumY[t] / weight[t], taken);
      taken.add(seeds[t]);
    });
  }
  return seeds;
}

function nearestAmong(atoms: Atoms, members: number[], x: number, y: number, taken: Set<number>): number {
  let best = -1;
  let bestDistance = Infinity;
  for (const i of members) {
    if (taken.has(i)) continue;
    const d = (atoms.x[i] - x) ** 2 + (atoms.y[i] - y) ** 2;
    if (d < bestDistance) {
      bestDistance = d;
      best = i;
    }
  }
  return best;
}

/** Unclaimed atoms walled in by counties (not reachable from the box edge) join a neighbouring county. */
function fillEnclosedPockets(atoms: Atoms, labels: Int32Array, countyCount: number): void {
  const reached = new Uint8Array(atoms.count);
  const stack: number[] = [];
  for (let i = 0; i < atoms.count; i++) {
    if (atoms.onHull[i] && labels[i] === UNCLAIMED) {
      reached[i] = 1;
      stack.push(i);
    }
  }
  while (stack.length > 0) {
    const i = stack.pop() as number;
    for (let k = atoms.neighbourStart[i]; k < atoms.neighbourStart[i + 1]; k++) {
      const j = atoms.neighbourIndex[k];
      if (!reached[j] && labels[j] === UNCLAIMED) {
        reached[j] = 1;
        stack.push(j);
      }
    }
  }
  const sources = Array.from({ length: countyCount }, (_, c) => ({ label: c, atoms: [] as number[], speed: 1, quotaSquareMetres: Infinity }));
  for (let i = 0; i < atoms.count; i++) if (labels[i] >= 0) sources[labels[i]].atoms.push(i);
  growRegions({ atoms, labels, sources, claimable: (i) => labels[i] === UNCLAIMED && !reached[i], stepCost: () => 1 });
}

/** Outside atoms within two steps of a lake join the nearest county, so lakes lie inside the region. */
function surroundLakes(atoms: Atoms, labels: Int32Array, countyCount: number): void {
  const near = new Uint8Array(atoms.count);
  for (let i = 0; i < atoms.count; i++) {
    if (labels[i] >= UNCLAIMED) continue;
    for (const j of neighboursOf(atoms, i)) {
      near[j] = 1;
      for (const m of neighboursOf(atoms, j)) near[m] = 1;
    }
  }
  const sources = Array.from({ length: countyCount }, (_, c) => ({ label: c, atoms: [] as number[], speed: 1, quotaSquareMetres: Infinity }));
  for (let i = 0; i < atoms.count; i++) if (labels[i] >= 0) sources[labels[i]].atoms.push(i);
  growRegions({ atoms, labels, sources, claimable: (i) => labels[i] === UNCLAIMED && near[i] === 1 && !atoms.onHull[i], stepCost: () => 1 });
}

function assertLakesEnclosed(atoms: Atoms, labels: Int32Array, lakeCount: number): void {
  for (let i = 0; i < atoms.count; i++) {
    const lake = LAKE_LABEL - labels[i];
    if (labels[i] > LAKE_LABEL || lake >= lakeCount) continue;
    for (let k = atoms.neighbourStart[i]; k < atoms.neighbourStart[i + 1]; k++) {
      const j = atoms.neighbourIndex[k];
      if (labels[j] === UNCLAIMED || (labels[j] < -1 && labels[j] !== labels[i])) {
        throw new Error(`partitionRegion: lake ${lake} touches the outside; move it or its counties`);
      }
    }
  }
}

const neighboursOf = (atoms: Atoms, i: number): Uint32Array => atoms.neighbourIndex.subarray(atoms.neighbourStart[i], atoms.neighbourStart[i + 1]);

/**
 * Enclaves: an interior atom of township B (all its neighbours in B) next to an atom of B that
 * touches township A is given to A: A gets a second polygon part, B a hole. Alternates between
 * a pair within one county and a pair across a county border.
 */
function carveEnclaves(
  atoms: Atoms,
  township: Int32Array,
  county: Int32Array,
  countyOfTownship: number[],
  seedAtoms: number[],
  count: number,
  random: Random,
): Array<[number, number]> {
  const enclaves: Array<[number, number]> = [];
  const usedTownships = new Set<number>();
  const seedSet = new Set(seedAtoms);
  for (let k = 0; k < count; k++) {
    const crossCounty = k % 2 === 1;
    const candidates: Array<[number, number]> = [];
    for (let i = 0; i < atoms.count; i++) {
      const host = township[i];
      if (host < 0 || usedTownships.has(host) || seedSet.has(i)) continue;
      const ring = neighboursOf(atoms, i);
      if (!ring.every((j) => township[j] === host && !seedSet.has(j))) continue;
      // a neighbour of i that touches another township A
      for (const j of ring) {
        for (const m of neighboursOf(atoms, j)) {
          const owner = township[m];
          if (owner < 0 || owner === host || usedTownships.has(owner)) continue;
          if ((countyOfTownship[owner] !== countyOfTownship[host]) !== crossCounty) continue;
          candidates.push([i, owner]);
        }
      }
    }
    if (candidates.length === 0) continue;
    const [atom, owner] = candidates[Math.floor(random.next() * candidates.length)];
    const host = township[atom];
    township[atom] = owner;
    county[atom] = countyOfTownship[owner];
    usedTownships.add(host);
    usedTownships.add(owner);
    enclaves.push([host, owner]);
  }
  return enclaves;
}
