// A compact JSON format for gridded population ("gapmap-population-grid", version 1):
// a header (CRS as EPSG code and proj4 definition, north-west origin, cell size, columns, rows)
// and the populated cells only, in row-major order, as index differences plus one head-count
// array per quantity. Row 0 is the northernmost row; cell (row, col) has index row * cols + col and
// its centroid at (originX + (col + 0.5) * cellSize, originY − (row + 0.5) * cellSize).
import { projectedToGeographic } from '../geodesy/projected-to-geographic.ts';
import type { AppError, PopulationCells, Result } from '../types.ts';
import { fail, ok } from '../types.ts';

const POPULATION_GRID_FORMAT = 'gapmap-population-grid';

export interface PopulationGrid {
  format: typeof POPULATION_GRID_FORMAT;
  version: 1;
  /** Human-readable name; says so when the data are synthetic. */
  name: string;
  description: string;
  /** e.g. 'EPSG:4543' (CGCS2000 3° Gauss–Krüger CM 102°E). */
  crs: string;
  /** proj4 definition of the grid's projected CRS (authoritative for the conversion). */
  proj4: string;
  /** North-west corner of the grid, projected metres: [x of column 0's west edge, y of row 0's north edge]. */
  origin: [number, number];
  /** Cell edge length, metres. */
  cellSize: number;
  cols: number;
  rows: number;
  /** Names of the cohorts (keys of `cohorts`), e.g. ['age0_3', 'age60plus']. */
  cohortNames: string[];
  /** Sums, for checking a file is complete. */
  totals: { cells: number; population: number; cohorts: Record<string, number> };
  /** Populated cells' row-major indices as differences from the previous index (the first from 0). */
  cellIndexDeltas: ArrayLike<number>;
  /** Head count per populated cell (integers); a Float64Array when read by readPopulationGrid. */
  population: ArrayLike<number>;
  /** Head count per cohort per populated cell (integers, ≤ population). */
  cohorts: Record<string, ArrayLike<number>>;
}

/** What a writer supplies besides the cells. */
export type PopulationGridHeader = Pick<PopulationGrid, 'name' | 'description' | 'crs' | 'proj4' | 'origin' | 'cellSize' | 'cols' | 'rows'>;

/** Writer: builds the grid object from populated cells given by row-major index (ascending or not). */
export function encodePopulationGrid(
  header: PopulationGridHeader,
  cells: { index: ArrayLike<number>; population: ArrayLike<number>; cohorts: Record<string, ArrayLike<number>> },
): PopulationGrid {
  const order = Array.from({ length: cells.index.length }, (_, i) => i);
  let ascending = true;
  for (let i = 1; i < order.length && ascending; i++) ascending = cells.index[i] > cells.index[i - 1];
  if (!ascending) order.sort((a, b) => cells.index[a] - cells.index[b]);
  const cohortNames = Object.keys(cells.cohorts);
  const cellIndexDeltas: number[] = [];
  const population: number[] = [];
  const cohorts: Record<string, number[]> = Object.fromEntries(cohortNames.map((name) => [name, []]));
  const totals = { cells: 0, population: 0, cohorts: Object.fromEntries(cohortNames.map((name) => [name, 0])) };
  let previous = 0;
  for (const i of order) {
    if (!(cells.population[i] > 0)) continue;
    cellIndexDeltas.push(cells.index[i] - previous);
    previous = cells.index[i];
    population.push(cells.population[i]);
    totals.cells += 1;
    totals.population += cells.population[i];
    for (const name of cohortNames) {
      cohorts[name].push(cells.cohorts[name][i]);
      totals.cohorts[name] += cells.cohorts[name][i];
    }
  }
  return { format: POPULATION_GRID_FORMAT, version: 1, ...header, cohortNames, totals, cellIndexDeltas, population, cohorts };
}

/** Serialises a grid as JSON text: one header member per line, each array on one line. */
export function serializePopulationGrid(grid: PopulationGrid): string {
  const lines = Object.entries(grid).map(([key, value]) => {
    if (key === 'cohorts') {
      const inner = Object.entries(value as Record<string, ArrayLike<number>>).map(([name, counts]) => `    ${JSON.stringify(name)}: ${JSON.stringify(Array.from(counts))}`);
      return `  "cohorts": {\n${inner.join(',\n')}\n  }`;
    }
    return `  ${JSON.stringify(key)}: ${JSON.stringify(ArrayBuffer.isView(value) ? Array.from(value as Float64Array) : value)}`;
  });
  return `{\n${lines.join(',\n')}\n}\n`;
}

/** A plain array or a typed array of numbers (what readPopulationGrid makes). */
const isNumberList = (value: unknown): value is ArrayLike<number> => Array.isArray(value) || value instanceof Float64Array || value instanceof Uint32Array;

const problem = (message: { zh: string; en: string }, field?: string): AppError => ({ code: 'population-grid-invalid', message, field });

/** Parser: checks the structure of parsed JSON and returns it typed, or what is wrong with it. */
export function parsePopulationGrid(input: unknown): Result<PopulationGrid> {
  if (typeof input !== 'object' || input === null) return fail(problem({ zh: '人口格网不是 JSON 对象', en: 'population grid is not a JSON object' }));
  const grid = input as Partial<PopulationGrid>;
  if (grid.format !== POPULATION_GRID_FORMAT || grid.version !== 1) {
    return fail(problem({ zh: `不支持的人口格网格式：${String(grid.format)} v${String(grid.version)}`, en: `unsupported population grid format: ${String(grid.format)} v${String(grid.version)}` }, 'format'));
  }
  for (const field of ['cellSize', 'cols', 'rows'] as const) {
    const value = grid[field];
    if (typeof value !== 'number' || !(value > 0)) return fail(problem({ zh: `字段 ${field} 必须为正数`, en: `field ${field} must be a positive number` }, field));
  }
  if (!Array.isArray(grid.origin) || grid.origin.length !== 2 || !grid.origin.every(Number.isFinite)) {
    return fail(problem({ zh: '字段 origin 必须为 [x, y]', en: 'field origin must be [x, y]' }, 'origin'));
  }
  if (typeof grid.proj4 !== 'string') return fail(problem({ zh: '缺少 proj4 定义', en: 'missing proj4 definition' }, 'proj4'));
  const n = grid.population?.length;
  if (!isNumberList(grid.cellIndexDeltas) || !isNumberList(grid.population) || grid.cellIndexDeltas.length !== n) {
    return fail(problem({ zh: 'cellIndexDeltas 与 population 长度不一致', en: 'cellIndexDeltas and population differ in length' }, 'population'));
  }
  const cohorts = grid.cohorts ?? {};
  for (const [name, counts] of Object.entries(cohorts)) {
    if (!isNumberList(counts) || counts.length !== n) {
      return fail(problem({ zh: `人群 ${name} 的长度与 population 不一致`, en: `cohort ${name} differs in length from population` }, name));
    }
  }
  for (const [name, counts] of [['population', grid.population], ...Object.entries(cohorts)] as [string, ArrayLike<number>][]) {
    for (let i = 0; i < counts.length; i++) {
      const value = counts[i];
      if (typeof value !== 'number' || !(value >= 0) || !Number.isFinite(value)) {
        return fail(problem({ zh: `${name} 的第 ${i} 个值不是非负数`, en: `value ${i} of ${name} is not a non-negative number` }, name));
      }
    }
  }
  const cellCount = (grid.cols as number) * (grid.rows as number);
  let index = 0;
  for (let i = 0; i < (n as number); i++) {
    const delta = grid.cellIndexDeltas[i];
    if (!Number.isInteger(delta) || delta < (i === 0 ? 0 : 1)) {
      return fail(problem({ zh: `第 ${i} 个格网索引差值无效`, en: `cell index delta ${i} is invalid` }, 'cellIndexDeltas'));
    }
    index += delta;
    if (index >= cellCount) return fail(problem({ zh: `第 ${i} 个格网在范围之外`, en: `cell ${i} lies outside the grid` }, 'cellIndexDeltas'));
  }
  return ok({ ...(grid as PopulationGrid), cohortNames: grid.cohortNames ?? Object.keys(cohorts), cohorts });
}

/** Row-major indices of the populated cells. */
export function populatedCellIndices(grid: PopulationGrid): Uint32Array {
  const indices = new Uint32Array(grid.cellIndexDeltas.length);
  let index = 0;
  for (let i = 0; i < indices.length; i++) {
    index += grid.cellIndexDeltas[i];
    indices[i] = index;
  }
  return indices;
}

/** Projected centroid of a cell. */
export function cellCentroid(grid: PopulationGrid, index: number): [number, number] {
  const row = Math.floor(index / grid.cols);
  const col = index - row * grid.cols;
  return [grid.origin[0] + (col + 0.5) * grid.cellSize, grid.origin[1] - (row + 0.5) * grid.cellSize];
}

/** Population cells (centroids in WGS84 lon/lat via proj4) from a grid. */
export function populationCellsFromGrid(grid: PopulationGrid): PopulationCells {
  const indices = populatedCellIndices(grid);
  const n = indices.length;
  const toGeographic = projectedToGeographic(grid.proj4);
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const [x, y] = cellCentroid(grid, indices[i]);
    [lon[i], lat[i]] = toGeographic(x, y);
  }
  const cohorts: Record<string, Float64Array> = {};
  for (const name of grid.cohortNames) cohorts[name] = Float64Array.from(grid.cohorts[name]);
  return { lon, lat, population: Float64Array.from(grid.population), cohorts, cellSizeMetres: grid.cellSize };
}
