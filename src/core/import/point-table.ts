// A point layer as columns: lon/lat in Float64Arrays and one column per attribute, so a 1 M-row
// CSV or point GeoJSON never becomes a million Feature objects. A column stays a Float64Array while
// every cell is a plain number or empty (NaN marks empty, read back as null); the first text cell
// turns it into a plain array of cell values. Rows are addressed by index; `lines` / `bytes` say where
// each row came from in the file, for messages.
import type { ImportedFeature } from '../geojson-types.ts';
import type { ImportProblem } from './import-problem.ts';
import type { ReadPoint } from './read-point-feature.ts';
import { setOwnProperty } from './normalize-feature.ts';

export interface TableColumn {
  name: string;
  /** All cells numbers or empty (NaN = empty). */
  numbers?: Float64Array;
  /** Otherwise the cell values: string, number or null. */
  values?: unknown[];
}

export interface PointTable {
  count: number;
  /** WGS84 once imported (the file's own coordinates while parsing); NaN where a row has no location. */
  lon: Float64Array;
  lat: Float64Array;
  columns: TableColumn[];
  /** 1-based line of each row (CSV, NDJSON). */
  lines?: Uint32Array;
  /** Byte offset of each row (GeoJSON). */
  bytes?: Float64Array;
}

/** Grows a column cell by cell, numeric while it can be. */
export class ColumnBuilder {
  private numbers: Float64Array | undefined = new Float64Array(1024);
  private values: unknown[] | undefined;
  length = 0;

  constructor(readonly name: string) {}

  push(value: unknown): void {
    if (this.numbers) {
      if (value === null || value === undefined) return this.pushNumber(NaN);
      if (typeof value === 'number' && Number.isFinite(value)) return this.pushNumber(value);
      this.values = Array.from(this.numbers.subarray(0, this.length), (number) => (Number.isNaN(number) ? null : number));
      this.numbers = undefined;
    }
    (this.values as unknown[]).push(value ?? null);
    this.length++;
  }

  private pushNumber(value: number): void {
    let numbers = this.numbers as Float64Array;
    if (this.length === numbers.length) {
      const grown = new Float64Array(numbers.length * 2);
      grown.set(numbers);
      this.numbers = numbers = grown;
    }
    numbers[this.length++] = value;
  }

  finish(): TableColumn {
    if (this.numbers) return { name: this.name, numbers: this.numbers.slice(0, this.length) };
    return { name: this.name, values: this.values as unknown[] };
  }
}

/** A growable Float64Array. */
export class NumberBuilder {
  private data = new Float64Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  finish(): Float64Array {
    return this.data.slice(0, this.length);
  }
}

export function cellValue(column: TableColumn, row: number): unknown {
  if (column.numbers) {
    const value = column.numbers[row];
    return Number.isNaN(value) ? null : value;
  }
  return (column.values as unknown[])[row] ?? null;
}

/** The row's attributes as a properties object (for the few consumers that need one per row). */
export function rowProperties(table: PointTable, row: number): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const column of table.columns) setOwnProperty(properties, column.name, cellValue(column, row));
  return properties;
}

/** The table without the rows whose `keep` entry is 0. */
export function compactTable(table: PointTable, keep: Uint8Array): PointTable {
  let count = 0;
  for (let row = 0; row < table.count; row++) count += keep[row];
  if (count === table.count) return table;
  const pick = <T extends Float64Array | Uint32Array>(array: T, make: (n: number) => T): T => {
    const out = make(count);
    for (let row = 0, at = 0; row < table.count; row++) if (keep[row]) out[at++] = array[row];
    return out;
  };
  const out: PointTable = {
    count,
    lon: pick(table.lon, (n) => new Float64Array(n)),
    lat: pick(table.lat, (n) => new Float64Array(n)),
    columns: table.columns.map((column) =>
      column.numbers
        ? { name: column.name, numbers: pick(column.numbers, (n) => new Float64Array(n)) }
        : { name: column.name, values: (column.values as unknown[]).filter((_, row) => keep[row]) },
    ),
  };
  if (table.lines) out.lines = pick(table.lines, (n) => new Uint32Array(n));
  if (table.bytes) out.bytes = pick(table.bytes, (n) => new Float64Array(n));
  return out;
}

/** Field list with "numeric" as the feature path computes it: only numbers or numeric text, at least one. */
export function describeTableFields(table: PointTable): { name: string; numeric: boolean }[] {
  return table.columns.map((column) => {
    if (column.numbers) {
      let any = false;
      for (let row = 0; row < column.numbers.length && !any; row++) any = !Number.isNaN(column.numbers[row]);
      return { name: column.name, numeric: any };
    }
    let numbers = 0;
    let others = 0;
    for (const value of column.values as unknown[]) {
      if (value === null || value === undefined || value === '') continue;
      if (typeof value === 'number' || (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))) numbers++;
      else others++;
    }
    return { name: column.name, numeric: numbers > 0 && others === 0 };
  });
}

/** The table as point features (rows without a location get a null geometry). */
export function tableToFeatures(table: PointTable): ImportedFeature[] {
  const features: ImportedFeature[] = new Array(table.count);
  for (let row = 0; row < table.count; row++) {
    const lon = table.lon[row];
    const lat = table.lat[row];
    features[row] = { type: 'Feature', geometry: Number.isNaN(lon) || Number.isNaN(lat) ? null : { type: 'Point', coordinates: [lon, lat] }, properties: rowProperties(table, row) };
  }
  return features;
}

/** Thrown by the collector when a feature is not a point: the layer is read as features instead. */
export class NotPointsError extends Error {
  constructor() {
    super('not a point layer');
    this.name = 'NotPointsError';
  }
}

/**
 * Builds a point table from GeoJSON features as the scanner hands them over, so a point layer never
 * holds a Feature object per row: each feature is checked (normalizeFeature, passed in), its point
 * and attributes go into columns, and the object is dropped. A feature that cannot be used keeps an
 * empty row (so row i is feature i, and every feature is counted) listed in `unusable`.
 */
export class PointTableCollector {
  private readonly lon = new NumberBuilder();
  private readonly lat = new NumberBuilder();
  private readonly bytes = new NumberBuilder();
  private columns = new Map<string, ColumnBuilder>();
  unusable = new Set<number>();
  problems: ImportProblem[] = [];

  constructor(private readonly normalize: (raw: unknown, index: number, position: { byte?: number; line?: number }) => { feature?: ImportedFeature; problems: ImportProblem[] }) {}

  add(raw: unknown, index: number, position: { byte?: number; line?: number }): void {
    const { feature, problems } = this.normalize(raw, index, position);
    for (const problem of problems) this.problems.push(problem);
    const geometry = feature?.geometry;
    if (geometry && geometry.type !== 'Point') throw new NotPointsError();
    if (!feature) this.unusable.add(this.lon.length);
    const properties = feature?.properties ?? {};
    this.appendRow(geometry ? geometry.coordinates[0] : NaN, geometry ? geometry.coordinates[1] : NaN, position.byte ?? position.line ?? NaN, Object.keys(properties), Object.values(properties), -1);
  }

  /** A plain point feature read from its bytes: nothing to check, nothing to report (read-point-feature.ts). */
  addPoint(point: ReadPoint, _index: number, byte: number): void {
    this.appendRow(point.lon, point.lat, byte, point.names, point.values, point.count);
  }

  /** One row: its point, position and the first `count` attributes (all when count < 0). */
  private appendRow(lon: number, lat: number, position: number, names: string[], values: unknown[], count: number): void {
    const row = this.lon.length;
    this.lon.push(lon);
    this.lat.push(lat);
    this.bytes.push(position);
    const n = count < 0 ? names.length : count;
    for (let k = 0; k < n; k++) {
      const name = names[k];
      let column = this.columns.get(name);
      if (!column) {
        column = new ColumnBuilder(name);
        for (let earlier = 0; earlier < row; earlier++) column.push(null);
        this.columns.set(name, column);
      }
      column.push(values[k]);
    }
    if (this.columns.size > n) for (const column of this.columns.values()) if (column.length === row) column.push(null);
  }

  reset(): void {
    this.lon.length = this.lat.length = this.bytes.length = 0;
    this.columns = new Map();
    this.unusable = new Set();
    this.problems = [];
  }

  finish(): PointTable {
    return { count: this.lon.length, lon: this.lon.finish(), lat: this.lat.finish(), columns: [...this.columns.values()].map((column) => column.finish()), bytes: this.bytes.finish() };
  }
}
