// The synthetic population grid (250 m cells in the Gauss–Krüger plane): towns at the township
// seats (strongest at county seats and the urban streets), villages in the valleys, empty
// mountains and lakes. The populated cells are the `targetCellCount` cells with the most
// settlement weight; head counts are scaled per county to the census totals exactly, and cohort
// counts (age0_3, age0_14, age60plus) follow county shares with rural cells older and younger.
import { encodePopulationGrid, type PopulationGrid } from '../../src/core/population/population-grid.ts';
import { allocateIntegers } from './allocate-integers.ts';
import { GK_CRS, GK_PROJ4 } from './gauss-kruger.ts';
import type { RegionLayout, TownshipSpec } from './region-layout.ts';
import { createRandom, hashSeed } from './seeded-random.ts';
import { createNoiseField } from './value-noise.ts';

/** 60+ share from the census 65+ share (Yuxi 2020: about 1.42 times). */
export const SIXTY_TO_SIXTY_FIVE_RATIO = 1.42;
/** Head counts ∝ settlement weight^this: compresses town/village contrast to an urban share near 50%. */
const WEIGHT_EXPONENT = 0.62;
/** Share of 0–3-year-olds (about 5% are 0–4). */
export const AGE_0_3_SHARE = 0.036;

export interface PopulationOptions {
  seed: number;
  layout: RegionLayout;
  townships: TownshipSpec[];
  countyOfTownship: number[];
  townshipSeats: Array<[number, number]>;
  townshipProjectedRings: number[][][][];
  cellSizeMetres: number;
  targetCellCount: number;
  /** For the grid header. */
  name: string;
  description: string;
}

export interface PopulationBuild {
  grid: PopulationGrid;
  /** Populated cells (same order as the grid's arrays): projected centroid, township, head count. */
  cells: { x: Float64Array; y: Float64Array; township: Int32Array; population: Int32Array; urban: Float64Array };
  townshipPopulation: Float64Array;
}

interface Raster {
  originX: number;
  originY: number;
  cellSize: number;
  cols: number;
  rows: number;
  township: Int32Array;
  ambiguous: Uint8Array;
}

/** Labels each cell with the township containing its centroid (even–odd scanline fill). */
function rasteriseTownships(rings: number[][][][], cellSize: number): Raster {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const township of rings) for (const ring of township) for (const [x, y] of ring) {
    minX = Math.min(minX, x); minY = Math.min(minY, y); maxX = Math.max(maxX, x); maxY = Math.max(maxY, y);
  }
  const originX = Math.floor(minX / cellSize) * cellSize;
  const originY = Math.ceil(maxY / cellSize) * cellSize;
  const cols = Math.ceil((maxX - originX) / cellSize);
  const rows = Math.ceil((originY - minY) / cellSize);
  const township = new Int32Array(cols * rows).fill(-1);
  const ambiguous = new Uint8Array(cols * rows);
  rings.forEach((townshipRings, t) => {
    const crossingRows: number[] = [];
    const crossingX: number[] = [];
    for (const ring of townshipRings) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const [x0, y0] = ring[i];
        const [x1, y1] = ring[i + 1];
        if (y0 === y1) continue;
        const yMin = Math.min(y0, y1);
        const yMax = Math.max(y0, y1);
        const rowFrom = Math.floor((originY - yMax) / cellSize - 0.5) + 1;
        const rowTo = Math.floor((originY - yMin) / cellSize - 0.5);
        for (let r = Math.max(0, rowFrom); r <= Math.min(rows - 1, rowTo); r++) {
          const y = originY - (r + 0.5) * cellSize;
          if (y < yMin || y >= yMax) continue;
          crossingRows.push(r);
          crossingX.push(x0 + ((y - y0) * (x1 - x0)) / (y1 - y0));
        }
      }
    }
    const order = crossingRows.map((_, k) => k).sort((a, b) => crossingRows[a] - crossingRows[b] || crossingX[a] - crossingX[b]);
    for (let k = 0; k + 1 < order.length; k += 2) {
      const a = order[k];
      const b = order[k + 1];
      const r = crossingRows[a];
      const colFrom = Math.max(0, Math.ceil((crossingX[a] - originX) / cellSize - 0.5));
      const colTo = Math.min(cols - 1, Math.ceil((crossingX[b] - originX) / cellSize - 0.5) - 1);
      for (let c = colFrom; c <= colTo; c++) township[r * cols + c] = t;
    }
  });
  // cells whose centroid is within 1 m of a border stay empty: no doubt which unit holds them
  const margin = 1;
  for (const townshipRings of rings) for (const ring of townshipRings) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const [x0, y0] = ring[i];
      const [x1, y1] = ring[i + 1];
      const colFrom = Math.max(0, Math.ceil((Math.min(x0, x1) - margin - originX) / cellSize - 0.5));
      const colTo = Math.min(cols - 1, Math.floor((Math.max(x0, x1) + margin - originX) / cellSize - 0.5));
      const rowFrom = Math.max(0, Math.ceil((originY - Math.max(y0, y1) - margin) / cellSize - 0.5));
      const rowTo = Math.min(rows - 1, Math.floor((originY - Math.min(y0, y1) + margin) / cellSize - 0.5));
      const dx = x1 - x0;
      const dy = y1 - y0;
      const length2 = dx * dx + dy * dy;
      for (let r = rowFrom; r <= rowTo; r++) {
        const cy = originY - (r + 0.5) * cellSize;
        for (let c = colFrom; c <= colTo; c++) {
          const cx = originX + (c + 0.5) * cellSize;
          const t = length2 > 0 ? Math.max(0, Math.min(1, ((cx - x0) * dx + (cy - y0) * dy) / length2)) : 0;
          if (Math.hypot(cx - x0 - t * dx, cy - y0 - t * dy) < margin) ambiguous[r * cols + c] = 1;
        }
      }
    }
  }
  return { originX, originY, cellSize, cols, rows, township, ambiguous };
}

/** Adds amplitude·(exp(−d²/2σ²) − exp(−8)) around (x, y) to `field`, out to 4σ (no visible cut-off edge). */
function splat(raster: Raster, field: Float64Array, x: number, y: number, sigma: number, amplitude: number): void {
  const { originX, originY, cellSize, cols, rows } = raster;
  const reach = 4 * sigma;
  const colFrom = Math.max(0, Math.floor((x - reach - originX) / cellSize));
  const colTo = Math.min(cols - 1, Math.floor((x + reach - originX) / cellSize));
  const rowFrom = Math.max(0, Math.floor((originY - y - reach) / cellSize));
  const rowTo = Math.min(rows - 1, Math.floor((originY - y + reach) / cellSize));
  const inverse = 1 / (2 * sigma * sigma);
  const floor = Math.exp(-8);
  for (let r = rowFrom; r <= rowTo; r++) {
    const dy = originY - (r + 0.5) * cellSize - y;
    for (let c = colFrom; c <= colTo; c++) {
      const dx = originX + (c + 0.5) * cellSize - x;
      const value = Math.exp(-(dx * dx + dy * dy) * inverse) - floor;
      if (value > 0) field[r * cols + c] += amplitude * value;
    }
  }
}

function seatStrength(township: TownshipSpec, isCountySeat: boolean, isBigCity: boolean): { amplitude: number; sigma: number } {
  if (township.urban) {
    if (isBigCity) return { amplitude: 90, sigma: 1400 };
    return isCountySeat ? { amplitude: 70, sigma: 1300 } : { amplitude: 45, sigma: 1000 };
  }
  if (township.type === '街道') return { amplitude: 16, sigma: 650 };
  return township.type === '镇' ? { amplitude: 12, sigma: 550 } : { amplitude: 7, sigma: 420 };
}

export function buildPopulation(options: PopulationOptions): PopulationBuild {
  const { seed, layout, townships, countyOfTownship, townshipSeats } = options;
  const random = createRandom(hashSeed(seed, 'population'));
  const raster = rasteriseTownships(options.townshipProjectedRings, options.cellSizeMetres);
  const { originX, originY, cellSize, cols, rows } = raster;
  const cellCount = cols * rows;
  const terrain = createNoiseField(hashSeed(seed, 'terrain'), 14000, 5);
  const weight = new Float64Array(cellCount);
  const urbanWeight = new Float64Array(cellCount);
  // background: scattered farms, more in the valleys
  for (let r = 0; r < rows; r++) {
    const y = originY - (r + 0.5) * cellSize;
    for (let c = 0; c < cols; c++) {
      const index = r * cols + c;
      if (raster.township[index] < 0) continue;
      const low = 1 - terrain(originX + (c + 0.5) * cellSize, y);
      weight[index] = 0.03 * low ** 4 * (0.5 + random.next());
    }
  }
  // villages: one per ~6 km², in the lower ground
  let regionCells = 0;
  for (let i = 0; i < cellCount; i++) if (raster.township[i] >= 0) regionCells++;
  const villageCount = Math.round((regionCells * cellSize * cellSize) / 6e6);
  let placed = 0;
  for (let attempt = 0; placed < villageCount && attempt < villageCount * 40; attempt++) {
    const index = Math.floor(random.next() * cellCount);
    if (raster.township[index] < 0) continue;
    const r = Math.floor(index / cols);
    const c = index - r * cols;
    const x = originX + (c + random.next()) * cellSize;
    const y = originY - (r + random.next()) * cellSize;
    const low = 1 - terrain(x, y);
    if (random.next() > low * low * 1.6) continue;
    splat(raster, weight, x, y, random.range(170, 330), Math.exp(random.normal() * 0.5) * 1.2);
    placed++;
  }
  // towns at the township seats
  const firstOfCounty = new Set<number>();
  countyOfTownship.forEach((c, t) => {
    if (t === 0 || countyOfTownship[t - 1] !== c) firstOfCounty.add(t);
  });
  const biggestCounty = layout.counties.reduce((best, county, c) => (county.population > layout.counties[best].population ? c : best), 0);
  townships.forEach((township, t) => {
    const [x, y] = townshipSeats[t];
    const { amplitude, sigma } = seatStrength(township, firstOfCounty.has(t), countyOfTownship[t] === biggestCounty);
    splat(raster, weight, x, y, sigma, amplitude);
    if (township.urban) splat(raster, urbanWeight, x, y, sigma, amplitude);
  });
  // populated cells: the heaviest, then at least the seat cell of every township
  const candidates: number[] = [];
  for (let i = 0; i < cellCount; i++) if (raster.township[i] >= 0 && !raster.ambiguous[i] && weight[i] > 0) candidates.push(i);
  const sortedWeights = Float64Array.from(candidates, (i) => weight[i]).sort();
  const take = Math.min(options.targetCellCount, sortedWeights.length);
  const threshold = sortedWeights[sortedWeights.length - take];
  const selected = new Uint8Array(cellCount);
  let selectedCount = 0;
  for (const i of candidates) {
    if (weight[i] >= threshold && selectedCount < take) {
      selected[i] = 1;
      selectedCount++;
    }
  }
  const heaviest = new Int32Array(townships.length).fill(-1);
  const hasCell = new Uint8Array(townships.length);
  for (const i of candidates) {
    const t = raster.township[i];
    if (heaviest[t] < 0 || weight[i] > weight[heaviest[t]]) heaviest[t] = i;
    if (selected[i]) hasCell[t] = 1;
  }
  heaviest.forEach((i, t) => {
    if (!hasCell[t] && i >= 0) selected[i] = 1;
  });
  const cellIndex: number[] = [];
  for (let i = 0; i < cellCount; i++) if (selected[i]) cellIndex.push(i);
  const n = cellIndex.length;
  const township = Int32Array.from(cellIndex, (i) => raster.township[i]);
  const urban = Float64Array.from(cellIndex, (i) => urbanWeight[i] / weight[i]);
  // head counts: 1 + a share of the rest by weight, per county, summing to the census figure
  const population = new Int32Array(n);
  const age60 = new Int32Array(n);
  const age03 = new Int32Array(n);
  const age014 = new Int32Array(n);
  const cohortNoise = createNoiseField(hashSeed(seed, 'cohorts'), 8000, 3);
  const membersOfCounty: number[][] = layout.counties.map(() => []);
  for (let k = 0; k < n; k++) membersOfCounty[countyOfTownship[township[k]]].push(k);
  layout.counties.forEach((county, c) => {
    const members = membersOfCounty[c];
    if (members.length === 0) throw new Error(`buildPopulation: county ${county.code} has no populated cell`);
    if (county.population < members.length) throw new Error(`buildPopulation: county ${county.code} has more cells than people`);
    const shares = allocateIntegers(county.population - members.length, members.map((k) => weight[cellIndex[k]] ** WEIGHT_EXPONENT));
    members.forEach((k, m) => (population[k] = 1 + shares[m]));
    const x = (k: number): number => originX + ((cellIndex[k] % cols) + 0.5) * cellSize;
    const y = (k: number): number => originY - (Math.floor(cellIndex[k] / cols) + 0.5) * cellSize;
    const share60 = (county.percentAged65Plus / 100) * SIXTY_TO_SIXTY_FIVE_RATIO;
    const older = allocateIntegers(
      Math.round(county.population * share60),
      members.map((k) => population[k] * (1.2 - 0.45 * urban[k]) * (0.8 + 0.4 * cohortNoise(x(k), y(k)))),
      members.map((k) => population[k]),
    );
    members.forEach((k, m) => (age60[k] = older[m]));
    const young = allocateIntegers(
      Math.round(county.population * AGE_0_3_SHARE * random.range(0.93, 1.07)),
      members.map((k) => population[k] * (1.1 - 0.2 * urban[k]) * (0.75 + 0.5 * cohortNoise(y(k), x(k)))),
      members.map((k) => population[k] - age60[k]),
    );
    members.forEach((k, m) => (age03[k] = young[m]));
    // 0–14: the 0–3s plus the 4–14s, spread like the 0–3s (no draw from `random`: the other
    // layers stay as they were); capped so that children and the 60+ never exceed the cell
    const olderChildren = allocateIntegers(
      Math.round((county.population * county.percentAged0To14) / 100) - young.reduce((sum, v) => sum + v, 0),
      members.map((k) => population[k] * (1.1 - 0.2 * urban[k]) * (0.75 + 0.5 * cohortNoise(y(k), x(k)))),
      members.map((k) => population[k] - age60[k] - age03[k]),
    );
    members.forEach((k, m) => (age014[k] = age03[k] + olderChildren[m]));
  });
  const townshipPopulation = new Float64Array(townships.length);
  for (let k = 0; k < n; k++) townshipPopulation[township[k]] += population[k];
  const grid = encodePopulationGrid(
    {
      name: options.name,
      description: options.description,
      crs: GK_CRS,
      proj4: GK_PROJ4,
      origin: [originX, originY],
      cellSize,
      cols,
      rows,
    },
    { index: cellIndex, population, cohorts: { age0_3: age03, age0_14: age014, age60plus: age60 } },
  );
  return {
    grid,
    cells: {
      x: Float64Array.from(cellIndex, (i) => originX + ((i % cols) + 0.5) * cellSize),
      y: Float64Array.from(cellIndex, (i) => originY - (Math.floor(i / cols) + 0.5) * cellSize),
      township,
      population,
      urban,
    },
    townshipPopulation,
  };
}
