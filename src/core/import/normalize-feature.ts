// Turns one parsed JSON value into a Feature, or says why it cannot be one. Runs before the
// coordinate system is applied, so it checks only structure and that coordinates are numbers.
import { IMPORT_LIMITS, type ImportLimits } from '../limits.ts';
import type { AnyGeoJsonGeometry, ImportedFeature } from '../geojson-types.ts';
import { makeProblem, type FeatureLocation, type ImportProblem } from './import-problem.ts';

type FeatureLimits = Pick<ImportLimits, 'verticesPerFeature' | 'propertyDepth' | 'propertyChars'>;

const GEOMETRY_TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']);
/** Nesting depth of `coordinates` per geometry type (Point = 1: a position). */
const DEPTH: Record<string, number> = { Point: 1, MultiPoint: 2, LineString: 2, MultiLineString: 3, Polygon: 3, MultiPolygon: 4 };
export const NAME_KEYS = ['名称', 'name', 'NAME', 'Name', 'mc', 'MC', '单位名称', '机构名称', 'XZQMC', 'xzqmc', '乡镇名称', 'title'];

export function featureLabel(properties: Record<string, unknown>): string | undefined {
  for (const key of NAME_KEYS) {
    const value = properties[key];
    if (typeof value === 'string' && value.trim()) return value.trim().slice(0, 60);
    if (typeof value === 'number') return String(value);
  }
  return undefined;
}

export function locate(feature: ImportedFeature, featureIndex: number, position?: { line?: number; byte?: number }): FeatureLocation {
  const location: FeatureLocation = { featureIndex };
  if (position?.line !== undefined) location.line = position.line;
  if (position?.byte !== undefined) location.byte = position.byte;
  if (feature.id !== undefined) location.featureId = String(feature.id);
  const name = featureLabel(feature.properties);
  if (name) location.featureName = name;
  return location;
}

/** Checks nesting and that every position holds ≥ 2 finite numbers; returns a bad value or undefined. */
function findBadCoordinate(coordinates: unknown, depth: number): string | undefined {
  if (!Array.isArray(coordinates)) return JSON.stringify(coordinates)?.slice(0, 40) ?? 'undefined';
  if (depth === 1) {
    if (coordinates.length < 2) return JSON.stringify(coordinates).slice(0, 40);
    for (const value of coordinates) if (typeof value !== 'number' || !Number.isFinite(value)) return JSON.stringify(coordinates).slice(0, 40);
    return undefined;
  }
  for (const item of coordinates) {
    const bad = findBadCoordinate(item, depth - 1);
    if (bad !== undefined) return bad;
  }
  return undefined;
}

function isEmptyGeometry(geometry: AnyGeoJsonGeometry): boolean {
  if (geometry.type === 'GeometryCollection') return geometry.geometries.length === 0;
  const coordinates = geometry.coordinates as unknown[];
  if (coordinates.length === 0) return true;
  return geometry.type !== 'Point' && (coordinates as unknown[][]).every((part) => Array.isArray(part) && part.length === 0);
}

/** Null geometry is kept (its attributes still count); an invalid one makes the feature unusable. */
function checkGeometry(geometry: unknown, location: FeatureLocation, problems: ImportProblem[]): { geometry: AnyGeoJsonGeometry | null; usable: boolean } {
  if (geometry === null || geometry === undefined) {
    problems.push(makeProblem('null-geometry', 'warning', {}, location));
    return { geometry: null, usable: true };
  }
  if (typeof geometry !== 'object' || Array.isArray(geometry)) {
    problems.push(makeProblem('invalid-structure', 'error', { detail: 'geometry is not an object' }, location));
    return { geometry: null, usable: false };
  }
  const candidate = geometry as { type?: unknown; coordinates?: unknown; geometries?: unknown };
  if (typeof candidate.type !== 'string' || !GEOMETRY_TYPES.has(candidate.type)) {
    problems.push(makeProblem('unsupported-geometry-type', 'error', { type: String(candidate.type) }, location));
    return { geometry: null, usable: false };
  }
  if (candidate.type === 'GeometryCollection') {
    if (!Array.isArray(candidate.geometries)) {
      problems.push(makeProblem('invalid-structure', 'error', { detail: 'GeometryCollection without geometries' }, location));
      return { geometry: null, usable: false };
    }
    const members: AnyGeoJsonGeometry[] = [];
    for (const member of candidate.geometries) {
      const checked = checkGeometry(member, location, problems);
      if (!checked.usable) return { geometry: null, usable: false };
      if (checked.geometry) members.push(checked.geometry);
    }
    return { geometry: { type: 'GeometryCollection', geometries: members }, usable: true };
  }
  const bad = findBadCoordinate(candidate.coordinates, DEPTH[candidate.type]);
  const normalized = { type: candidate.type, coordinates: candidate.coordinates } as AnyGeoJsonGeometry;
  if (bad !== undefined) {
    if (Array.isArray(candidate.coordinates) && candidate.coordinates.length === 0) {
      problems.push(makeProblem('empty-geometry', 'warning', {}, location));
      return { geometry: null, usable: true };
    }
    problems.push(makeProblem('coordinate-not-number', 'error', { value: bad }, location));
    return { geometry: null, usable: false };
  }
  if (isEmptyGeometry(normalized)) {
    problems.push(makeProblem('empty-geometry', 'warning', {}, location));
    return { geometry: null, usable: true };
  }
  return { geometry: normalized, usable: true };
}

/** Counts positions, stopping once the count passes `limit`. */
export function countVertices(geometry: AnyGeoJsonGeometry, limit: number): number {
  if (geometry.type === 'GeometryCollection') {
    let total = 0;
    for (const member of geometry.geometries) {
      total += countVertices(member, limit - total);
      if (total > limit) break;
    }
    return total;
  }
  if (geometry.type === 'Point') return 1;
  let total = 0;
  const visit = (value: unknown[], depth: number): void => {
    if (depth === 1) {
      total += value.length;
      return;
    }
    for (const item of value) {
      visit(item as unknown[], depth - 1);
      if (total > limit) return;
    }
  };
  visit(geometry.coordinates as unknown[], DEPTH[geometry.type] - 1);
  return total;
}

/** Sets a property as an own data property: a key "__proto__" stays a key and never sets a prototype. */
export function setOwnProperty(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/**
 * Checks a feature's properties against the depth and length limits: text longer than the limit is
 * clipped (and reported), a value nested deeper than the limit makes the feature unusable. Walks
 * with an explicit stack so a 5,000-deep value cannot overflow the call stack.
 */
function checkProperties(properties: Record<string, unknown>, limits: FeatureLimits, location: FeatureLocation, problems: ImportProblem[]): boolean {
  const stack: { holder: Record<string, unknown> | unknown[]; key: string | number; depth: number; top: string }[] = [];
  for (const key of Object.keys(properties)) stack.push({ holder: properties, key, depth: 1, top: key });
  while (stack.length > 0) {
    const { holder, key, depth, top } = stack.pop() as (typeof stack)[number];
    const value = (holder as Record<string | number, unknown>)[key];
    if (typeof value === 'string') {
      if (value.length > limits.propertyChars) {
        (holder as Record<string | number, unknown>)[key] = value.slice(0, limits.propertyChars);
        problems.push(makeProblem('property-too-long', 'warning', { field: top, length: value.length, limit: limits.propertyChars }, { ...location, field: top }));
      }
    } else if (value !== null && typeof value === 'object') {
      if (depth >= limits.propertyDepth) {
        problems.push(makeProblem('property-too-deep', 'error', { field: top, limit: limits.propertyDepth }, { ...location, field: top }));
        return false;
      }
      if (Array.isArray(value)) for (let i = 0; i < value.length; i++) stack.push({ holder: value, key: i, depth: depth + 1, top });
      else for (const child of Object.keys(value)) stack.push({ holder: value as Record<string, unknown>, key: child, depth: depth + 1, top });
    }
  }
  return true;
}

export function normalizeFeature(
  raw: unknown,
  featureIndex: number,
  position: { line?: number; byte?: number } = {},
  limits: FeatureLimits = IMPORT_LIMITS,
): { feature?: ImportedFeature; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  if (raw === undefined) return { problems }; // a slice that did not parse; already reported
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(makeProblem('invalid-structure', 'error', { detail: 'not a Feature object' }, { featureIndex, ...position }));
    return { problems };
  }
  let object = raw as Record<string, unknown>;
  if (typeof object.type === 'string' && GEOMETRY_TYPES.has(object.type)) {
    problems.push(makeProblem('invalid-structure', 'warning', { detail: 'a bare geometry in a feature list; wrapped as a Feature' }, { featureIndex, ...position }));
    object = { type: 'Feature', geometry: object, properties: {} };
  } else if (object.type !== 'Feature') {
    problems.push(makeProblem('invalid-structure', 'error', { detail: `type must be "Feature", not ${JSON.stringify(object.type)?.slice(0, 30)}` }, { featureIndex, ...position }));
    return { problems };
  }
  let properties: Record<string, unknown>;
  if (object.properties === null || object.properties === undefined) properties = {};
  else if (typeof object.properties === 'object' && !Array.isArray(object.properties)) properties = object.properties as Record<string, unknown>;
  else {
    properties = { value: object.properties };
    problems.push(makeProblem('invalid-structure', 'warning', { detail: 'properties is not an object; kept under "value"' }, { featureIndex, ...position }));
  }
  const feature: ImportedFeature = { type: 'Feature', geometry: null, properties };
  if (typeof object.id === 'string' || typeof object.id === 'number') feature.id = object.id;
  const location = locate(feature, featureIndex, position);
  if (!checkProperties(properties, limits, location, problems)) return { problems };
  if (typeof feature.id === 'string' && feature.id.length > limits.propertyChars) feature.id = feature.id.slice(0, limits.propertyChars);
  const checked = checkGeometry(object.geometry, location, problems);
  if (!checked.usable) return { problems };
  if (checked.geometry) {
    const vertices = countVertices(checked.geometry, limits.verticesPerFeature);
    if (vertices > limits.verticesPerFeature) {
      problems.push(makeProblem('too-many-vertices', 'error', { count: `> ${limits.verticesPerFeature}`, limit: limits.verticesPerFeature }, location));
      return { problems };
    }
  }
  feature.geometry = checked.geometry;
  return { feature, problems };
}
