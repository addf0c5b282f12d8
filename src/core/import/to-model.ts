// An imported layer → the analysis model (../types.ts): administrative units, facilities,
// population cells, target places. Each converter keeps every feature it can, reports the others
// (missing or non-numeric values, wrong geometry, duplicate codes) with feature index (position in
// layer.features), id, name and field, and fails only when a required field does not exist at all.
import { VALUE_RANGES } from '../limits.ts';
import { fail, ok, type AdminLevel, type AdminUnit, type AreaGeometry, type Facility, type PopulationCells, type Result, type TargetPlace } from '../types.ts';
import type { AnyGeoJsonGeometry } from '../geojson-types.ts';
import type { ImportedLayer } from './import-layer.ts';
import type { ImportMessageCode } from './import-messages.ts';
import { makeError, makeProblem, type FeatureLocation, type ImportProblem } from './import-problem.ts';
import { locate } from './normalize-feature.ts';
import { cellValue, NumberBuilder, rowProperties, tableToFeatures, type PointTable, type TableColumn } from './point-table.ts';
import { locateRow } from './validate-point-table.ts';

export type Converted<T> = Result<{ value: T; problems: ImportProblem[] }>;
/** A layer as features, or (point layers read with `pointTable`) as a table with `features` empty. */
type LayerLike = Pick<ImportedLayer, 'features' | 'fields'> & { points?: PointTable };

function requireFields(layer: LayerLike, wanted: Record<string, string | undefined>, required: string[]): Result<true> {
  const present = new Set(layer.fields.map((field) => field.name));
  for (const [role, field] of Object.entries(wanted)) {
    if (field === undefined) {
      if (required.includes(role)) return fail(makeError('missing-field', { field: `(${role})`, role }, { field: role }));
      continue;
    }
    if (!present.has(field) && (layer.features.length > 0 || (layer.points?.count ?? 0) > 0)) return fail(makeError('missing-field', { field, role }, { field }));
  }
  return ok(true);
}

function text(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const out = String(value).trim();
  return out === '' ? undefined : out;
}

/** A number from a cell: numbers as they are, numeric text ("1,200", " 35 ") parsed. */
export function readNumber(value: unknown): { value?: number; problem?: ImportMessageCode } {
  if (value === null || value === undefined || value === '') return { problem: 'missing-value' };
  if (typeof value === 'number') return Number.isFinite(value) ? { value } : { problem: 'non-numeric-value' };
  if (typeof value === 'string') {
    const cleaned = value.trim().replace(/(?<=\d),(?=\d{3}\b)/g, '');
    if (cleaned === '') return { problem: 'missing-value' };
    const number = Number(cleaned);
    return Number.isFinite(number) ? { value: number } : { problem: 'non-numeric-value' };
  }
  return { problem: 'non-numeric-value' };
}

type Range = { min: number; max: number };

/**
 * A non-negative number within `range` from a cell, or a reported problem and undefined. The
 * location is asked for only when there is a problem (a table row builds it on demand).
 */
function checkedNumber(raw: unknown, field: string, range: Range, at: { readonly location: FeatureLocation }, problems: ImportProblem[], severity: 'error' | 'warning'): number | undefined {
  let value: number;
  if (typeof raw === 'number' && Number.isFinite(raw)) value = raw;
  else {
    const read = readNumber(raw);
    if (read.problem) {
      problems.push(makeProblem(read.problem, severity, { field, value: text(raw)?.slice(0, 40) }, { ...at.location, field }));
      return undefined;
    }
    value = read.value as number;
  }
  if (value < 0) {
    problems.push(makeProblem('negative-value', severity, { field, value }, { ...at.location, field }));
    return undefined;
  }
  if (value < range.min || value > range.max) {
    problems.push(makeProblem('value-out-of-range', severity, { field, value, min: range.min, max: range.max.toLocaleString('en-US') }, { ...at.location, field }));
    return undefined;
  }
  return value;
}

function numberField(item: PointItem, field: string, range: Range, problems: ImportProblem[], severity: 'error' | 'warning'): number | undefined {
  return checkedNumber(item.read(field), field, range, item, problems, severity);
}

/** Area-weighted centroid of a polygon's exterior rings (planar in degrees: fine at facility scale). */
/**
 * Area centroid of the outer rings, in lon/lat (fine for the small polygons this serves, such as
 * population cells). Coordinates are taken relative to the first vertex: raw degrees in the
 * cross products cancel badly and shift a 250 m cell's centroid by metres.
 */
function polygonCentroid(polygons: number[][][][]): [number, number] | undefined {
  const origin = polygons[0]?.[0]?.[0];
  if (!origin) return undefined;
  const [ox, oy] = origin;
  let area = 0;
  let x = 0;
  let y = 0;
  for (const polygon of polygons) {
    const ring = polygon[0];
    if (!ring || ring.length < 4) continue;
    for (let i = 0; i + 1 < ring.length; i++) {
      const ax = ring[i][0] - ox, ay = ring[i][1] - oy;
      const bx = ring[i + 1][0] - ox, by = ring[i + 1][1] - oy;
      const cross = ax * by - bx * ay;
      area += cross;
      x += (ax + bx) * cross;
      y += (ay + by) * cross;
    }
  }
  if (area === 0) return [ox, oy];
  return [ox + x / (3 * area), oy + y / (3 * area)];
}

/** A representative lon/lat for a point-like role: the point, or a polygon's centroid. */
function pointOf(geometry: AnyGeoJsonGeometry | null): [number, number] | undefined {
  if (!geometry) return undefined;
  switch (geometry.type) {
    case 'Point':
      return [geometry.coordinates[0], geometry.coordinates[1]];
    case 'MultiPoint':
      return geometry.coordinates.length === 1 ? [geometry.coordinates[0][0], geometry.coordinates[0][1]] : undefined;
    case 'Polygon':
      return polygonCentroid([geometry.coordinates]);
    case 'MultiPolygon':
      return polygonCentroid(geometry.coordinates);
    default:
      return undefined;
  }
}

/** One point-like item of a layer, as the converters see it (a feature or a table row). */
interface PointItem {
  index: number;
  location: FeatureLocation;
  point: [number, number];
  /** The value of attribute `field`. */
  read: (field: string) => unknown;
  /** All attributes (built on demand: a table row gets an object only when a converter keeps one). */
  properties: () => Record<string, unknown>;
  id?: string | number;
}

/**
 * Visits the features or rows that have a usable point (a point, or a polygon's centroid); reports
 * the others. A table's rows share one item, updated row by row (a million-row layer makes no object
 * per row): visitors copy what they keep and read `location` only for a problem.
 */
function eachPoint(layer: LayerLike, expected: string, problems: ImportProblem[], visit: (item: PointItem) => void): void {
  const table = layer.points;
  if (table) {
    const byName = new Map<string, TableColumn>(table.columns.map((column) => [column.name, column]));
    let row = 0;
    const point: [number, number] = [NaN, NaN];
    const item: PointItem = {
      index: 0,
      get location() {
        return locateRow(table, row);
      },
      point,
      read: (field) => {
        const column = byName.get(field);
        return column ? cellValue(column, row) : undefined;
      },
      properties: () => rowProperties(table, row),
    };
    for (; row < table.count; row++) {
      const lon = table.lon[row];
      const lat = table.lat[row];
      if (Number.isNaN(lon) || Number.isNaN(lat)) {
        problems.push(makeProblem('wrong-geometry-for-role', 'error', { actual: 'null', expected }, locateRow(table, row)));
        continue;
      }
      item.index = row;
      point[0] = lon;
      point[1] = lat;
      visit(item);
    }
    return;
  }
  layer.features.forEach((feature, index) => {
    const location = locate(feature, index);
    const point = pointOf(feature.geometry);
    if (point) visit({ index, location, point, read: (field) => feature.properties[field], properties: () => feature.properties, id: feature.id });
    else problems.push(makeProblem('wrong-geometry-for-role', 'error', { actual: feature.geometry?.type ?? 'null', expected }, location));
  });
}

function identify(item: PointItem, idField: string | undefined, fallback: string): string {
  return (idField ? text(item.read(idField)) : undefined) ?? (item.id !== undefined ? String(item.id) : fallback);
}

export interface AdminUnitMapping {
  nameField: string;
  codeField: string;
  parentField?: string;
  level: AdminLevel;
}

export function toAdminUnits(input: LayerLike, mapping: AdminUnitMapping): Converted<AdminUnit[]> {
  // A point table cannot hold boundaries; its rows go through the per-feature checks (and are refused there).
  const layer = input.points ? { ...input, features: tableToFeatures(input.points) } : input;
  const check = requireFields(layer, { nameField: mapping.nameField, codeField: mapping.codeField, parentField: mapping.parentField }, ['nameField', 'codeField']);
  if (!check.ok) return check;
  const problems: ImportProblem[] = [];
  if (mapping.nameField === mapping.codeField) problems.push(makeProblem('name-from-code', 'warning', { field: mapping.nameField }));
  const units: AdminUnit[] = [];
  const seen = new Map<string, number>();
  layer.features.forEach((feature, index) => {
    const location = locate(feature, index);
    const geometry = feature.geometry;
    if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) {
      problems.push(makeProblem('wrong-geometry-for-role', 'error', { actual: geometry?.type ?? 'null', expected: 'Polygon / MultiPolygon' }, location));
      return;
    }
    let code = text(feature.properties[mapping.codeField]);
    if (!code) {
      problems.push(makeProblem('missing-value', 'warning', { field: mapping.codeField }, { ...location, field: mapping.codeField }));
      code = `#${index}`;
    }
    const first = seen.get(code);
    if (first !== undefined) problems.push(makeProblem('duplicate-code', 'warning', { code, first }, { ...location, field: mapping.codeField }));
    else seen.set(code, index);
    let name = text(feature.properties[mapping.nameField]);
    if (!name) {
      problems.push(makeProblem('missing-value', 'warning', { field: mapping.nameField }, { ...location, field: mapping.nameField }));
      name = code;
    }
    const unit: AdminUnit = { code, name, level: mapping.level, geometry: geometry as AreaGeometry, properties: feature.properties };
    const parent = mapping.parentField ? text(feature.properties[mapping.parentField]) : undefined;
    if (parent) unit.parentCode = parent;
    units.push(unit);
  });
  return ok({ value: units, problems });
}

export interface FacilityMapping {
  type?: string;
  typeField?: string;
  nameField?: string;
  capacityField?: string;
  idField?: string;
}

export function toFacilities(layer: LayerLike, mapping: FacilityMapping): Converted<Facility[]> {
  const check = requireFields(layer, { typeField: mapping.typeField, nameField: mapping.nameField, capacityField: mapping.capacityField, idField: mapping.idField }, []);
  if (!check.ok) return check;
  const problems: ImportProblem[] = [];
  const facilities: Facility[] = [];
  const ids = new Map<string, number>();
  eachPoint(layer, 'Point', problems, (item) => {
    const { index, point } = item;
    let id = identify(item, mapping.idField, `f${index}`);
    const first = ids.get(id);
    if (first !== undefined) {
      problems.push(makeProblem('duplicate-id', 'warning', { id, first }, { ...item.location, field: mapping.idField }));
      id = `${id}#${index}`;
    } else ids.set(id, index);
    const type = mapping.type ?? (mapping.typeField ? text(item.read(mapping.typeField)) : undefined) ?? 'facility';
    const name = (mapping.nameField ? text(item.read(mapping.nameField)) : undefined) ?? id;
    const facility: Facility = { id, type, name, lon: point[0], lat: point[1], properties: item.properties() };
    if (mapping.capacityField) {
      const capacity = numberField(item, mapping.capacityField, VALUE_RANGES.capacity, problems, 'warning');
      if (capacity !== undefined) facility.capacity = capacity;
    }
    facilities.push(facility);
  });
  return ok({ value: facilities, problems });
}

export interface PopulationMapping {
  populationField: string;
  /** Cohort name → field. */
  cohortFields?: Record<string, string>;
}

export function toPopulationCells(layer: LayerLike, mapping: PopulationMapping): Converted<PopulationCells> {
  const cohortFields = mapping.cohortFields ?? {};
  const check = requireFields(layer, { populationField: mapping.populationField, ...cohortFields }, ['populationField']);
  if (!check.ok) return check;
  const problems: ImportProblem[] = [];
  const cohortList = Object.entries(cohortFields);
  const table = layer.points;
  const column = table?.columns.find((candidate) => candidate.name === mapping.populationField);
  if (table && column?.numbers && cohortList.length === 0) return ok({ value: populationFromColumn(table, column.numbers, mapping.populationField, problems), problems });
  const lon = new NumberBuilder();
  const lat = new NumberBuilder();
  const population = new NumberBuilder();
  const cohorts = Object.fromEntries(Object.keys(cohortFields).map((name) => [name, new NumberBuilder()]));
  eachPoint(layer, 'Point / Polygon', problems, (item) => {
    const people = numberField(item, mapping.populationField, VALUE_RANGES.population, problems, 'error');
    if (people === undefined) return;
    lon.push(item.point[0]);
    lat.push(item.point[1]);
    population.push(people);
    for (const [cohort, field] of cohortList) {
      cohorts[cohort].push(numberField(item, field, VALUE_RANGES.population, problems, 'warning') ?? 0);
    }
  });
  return ok({
    value: {
      lon: lon.finish(),
      lat: lat.finish(),
      population: population.finish(),
      cohorts: Object.fromEntries(Object.entries(cohorts).map(([name, values]) => [name, values.finish()])),
    },
    problems,
  });
}

/**
 * toPopulationCells for a table whose head counts are a column of numbers and that has no cohorts
 * (a 1 M-row CSV of lon,lat,people): the rows read straight from the columns, without the per-row
 * visitor. A row without a location or with a count out of range gets the very problem the
 * visitor gives it (test/import/to-model-columns.test.ts compares the two).
 */
function populationFromColumn(table: PointTable, numbers: Float64Array, field: string, problems: ImportProblem[]): PopulationCells {
  const range = VALUE_RANGES.population;
  const keep = new Uint8Array(table.count);
  let kept = 0;
  let row = 0;
  const at = {
    get location() {
      return locateRow(table, row);
    },
  };
  for (; row < table.count; row++) {
    if (Number.isNaN(table.lon[row]) || Number.isNaN(table.lat[row])) {
      problems.push(makeProblem('wrong-geometry-for-role', 'error', { actual: 'null', expected: 'Point / Polygon' }, locateRow(table, row)));
      continue;
    }
    const value = numbers[row];
    if (value >= 0 && value >= range.min && value <= range.max) {
      keep[row] = 1;
      kept++;
    } else checkedNumber(Number.isNaN(value) ? null : value, field, range, at, problems, 'error'); // names the problem
  }
  const lon = new Float64Array(kept);
  const lat = new Float64Array(kept);
  const population = new Float64Array(kept);
  for (let r = 0, k = 0; r < table.count; r++) {
    if (!keep[r]) continue;
    lon[k] = table.lon[r];
    lat[k] = table.lat[r];
    population[k++] = numbers[r];
  }
  return { lon, lat, population, cohorts: {} };
}

export interface TargetPlaceMapping {
  kind?: string;
  kindField?: string;
  nameField?: string;
  idField?: string;
}

export function toTargetPlaces(layer: LayerLike, mapping: TargetPlaceMapping): Converted<TargetPlace[]> {
  const check = requireFields(layer, { kindField: mapping.kindField, nameField: mapping.nameField, idField: mapping.idField }, []);
  if (!check.ok) return check;
  const problems: ImportProblem[] = [];
  const places: TargetPlace[] = [];
  eachPoint(layer, 'Point', problems, (item) => {
    const id = identify(item, mapping.idField, `p${item.index}`);
    const kind = mapping.kind ?? (mapping.kindField ? text(item.read(mapping.kindField)) : undefined) ?? 'place';
    const name = (mapping.nameField ? text(item.read(mapping.nameField)) : undefined) ?? id;
    places.push({ id, kind, name, lon: item.point[0], lat: item.point[1], properties: item.properties() });
  });
  return ok({ value: places, problems });
}
