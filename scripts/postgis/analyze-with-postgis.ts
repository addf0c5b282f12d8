// The PostGIS engine: loads the dataset's layers into a fresh schema, computes in SQL every
// coverage, nearest distance, 2SFCA and per-unit sum that the service analysis and the rule set
// need, and hands those figures to the same rule evaluators and report writers as the built-in
// engine — so townships.csv and summary.json have one format, and the rule semantics (targets,
// shortfalls, sentences) live in one place. Node keeps only the dataset and the assignment arrays;
// it never builds the engine's projected zones or k-d trees on this path. Any computation the
// rules ask for that was not done in SQL stops the run with a clear error instead of quietly
// falling back to the built-in engine.

import pg from 'pg';
import type { CoverageResult } from '../../src/core/coverage/coverage-types.ts';
import { gapFeature, type GapFeature } from '../../src/core/gaps/township-gap-features.ts';
import type { PreparedDataset, ProjectedPoints } from '../../src/core/prepare/prepare-dataset.ts';
import { createProjectionForExtent, type LocalProjection } from '../../src/core/geodesy/local-projection.ts';
import type { ServiceAnalysis, ServiceAnalysisRequest } from '../../src/core/report/analyze-service.ts';
import { evaluateRules } from '../../src/core/rules/evaluate-rules.ts';
import { rememberCoverage, rememberNearest, rememberTwoStepFca, stableKey } from '../../src/core/rules/rule-context.ts';
import { computeServiceFigures, servedGroupProblem } from '../../src/core/analysis/compute-service-figures.ts';
import { serviceCoverageRequest } from '../../src/core/analysis/service-catalog.ts';
import type { Rule, RuleResult } from '../../src/core/rules/rule-types.ts';
import type { Dataset, Result, RunOptions } from '../../src/core/types.ts';
import { fail, ok } from '../../src/core/types.ts';
import { computeCoverageInPostgis, uncoveredTownshipGeometries } from './compute-coverage-sql.ts';
import { computeNearestDistanceInPostgis, computeTwoStepFcaInPostgis } from './compute-access-sql.ts';
import { ruleRequests } from '../../src/core/rules/rule-requests.ts';
import { loadLayers, quoteIdentifier, readAssignment, type PointTable, type UnitTable } from './load-layers.ts';

export interface PostgisOptions {
  /** postgres://user@host:port/database; absent: the PG* environment variables. */
  connection?: string;
  /** Keep the schema with the loaded layers (its name is printed) instead of dropping it. */
  keepSchema?: boolean;
}

export interface PostgisAnalysis {
  prepared: PreparedDataset;
  analysis: ServiceAnalysis | null;
  results: RuleResult[];
  schema: string;
}

/**
 * Facilities and places in a local transverse Mercator, for the rules' per-place nearest-facility
 * figure (points-covered lists each uncovered place with it) and for selectDiscs.
 */
function projectFacilitiesAndPlaces(dataset: Dataset): { facilities: ProjectedPoints; places: ProjectedPoints; projection: LocalProjection } {
  const points = [...dataset.facilities, ...dataset.places];
  const lons = points.map((p) => p.lon);
  const lats = points.map((p) => p.lat);
  const projection = points.length > 0 ? createProjectionForExtent(Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)) : createProjectionForExtent(0, 0, 0, 0);
  const project = (lon: number[], lat: number[]): ProjectedPoints => {
    const { x, y } = projection.forwardArrays(lon, lat);
    return { x, y, scale: Float64Array.from(x, (xi, i) => projection.scaleFactor(xi, lat[i])) };
  };
  const count = dataset.facilities.length;
  return { projection, facilities: project(lons.slice(0, count), lats.slice(0, count)), places: project(lons.slice(count), lats.slice(count)) };
}

/**
 * What the rule evaluators read from a prepared dataset: the dataset, the assignment arrays (from
 * SQL), the cohorts, and projected facilities and places. The built-in engine's zones, cells and
 * indexes are absent: touching them throws.
 */
function preparedFromAssignments(dataset: Dataset, assignments: Record<`${PointTable}_${UnitTable}`, Int32Array>, cohortNames: string[]): PreparedDataset {
  const absent = new Proxy(
    {},
    {
      get(_, key) {
        throw new Error(`the PostGIS engine was asked for a figure it did not compute in SQL (built-in engine field ${String(key)})`);
      },
    },
  );
  const { projection, facilities, places } = projectFacilitiesAndPlaces(dataset);
  return {
    // straight lines only: without the built-in zones and cells there are no travel times, so the
    // travel-time rules report 'not available' (with the reason) instead of touching them
    dataset: { ...dataset, roads: undefined },
    projection,
    townships: absent as PreparedDataset['townships'],
    counties: absent as PreparedDataset['counties'],
    areas: absent as PreparedDataset['areas'],
    cells: absent as PreparedDataset['cells'],
    cellIndex: absent as PreparedDataset['cellIndex'],
    facilities,
    places,
    placeIndex: absent as PreparedDataset['placeIndex'],
    cellTownship: assignments.cells_townships,
    cellCounty: assignments.cells_counties,
    cellArea: assignments.cells_areas,
    facilityTownship: assignments.facilities_townships,
    facilityCounty: assignments.facilities_counties,
    facilityArea: assignments.facilities_areas,
    placeTownship: assignments.places_townships,
    placeCounty: assignments.places_counties,
    placeArea: assignments.places_areas,
    cohortNames,
    townshipCounty: null,
  };
}

/** The gap features of computeGaps, from the SQL coverage and the township-minus-discs geometries. */
async function gapFeatures(client: pg.Client, schema: string, dataset: Dataset, coverage: CoverageResult): Promise<GapFeature[]> {
  const geometries = await uncoveredTownshipGeometries(client, schema);
  return dataset.townships.map((unit, z) => gapFeature(unit, coverage.townships, z, geometries.get(z)?.coordinates ?? []));
}

/**
 * The service's figures from SQL: its coverage (with the service's radius field), nearest
 * distances and 2SFCA over the group it serves go into the rules' cache, and computeServiceFigures
 * assembles them exactly as for the built-in engine (reading the cache, computing nothing).
 */
async function analyzeServiceInPostgis(client: pg.Client, schema: string, prepared: PreparedDataset, request: ServiceAnalysisRequest): Promise<ServiceAnalysis> {
  const { dataset } = prepared;
  const { service, radiusMetres } = request;
  const coverageRequest = serviceCoverageRequest(service, radiusMetres);
  const coverage = await computeCoverageInPostgis(client, schema, prepared, coverageRequest);
  rememberCoverage(prepared, coverageRequest, coverage);
  const features = await gapFeatures(client, schema, dataset, coverage);
  rememberNearest(prepared, coverageRequest.filter, await computeNearestDistanceInPostgis(client, schema, prepared, coverageRequest.filter));
  const hasCapacity = Array.from(coverage.facilityIndices).some((f) => (dataset.facilities[f].capacity ?? 0) > 0);
  if (hasCapacity && !servedGroupProblem(prepared, service)) {
    const fca = { filter: coverageRequest.filter, catchmentMetres: radiusMetres, cohort: service.servedGroup };
    rememberTwoStepFca(prepared, fca.filter, fca.catchmentMetres, fca.cohort, await computeTwoStepFcaInPostgis(client, schema, prepared, fca));
  }
  const figures = computeServiceFigures(prepared, service, radiusMetres);
  return { ...request, figures, coverageRequest, coverage, gapFeatures: features };
}

/** Connects and makes sure PostGIS is there; a wrong URL or a server without PostGIS is an error value. */
async function connect(options: PostgisOptions): Promise<Result<pg.Client>> {
  const client = new pg.Client(options.connection ? { connectionString: options.connection } : {});
  try {
    await client.connect();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    // Never echo a password given in the URL.
    const where = options.connection?.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
    return fail({ code: 'postgis-connect', message: { zh: `无法连接 PostgreSQL（${where ?? 'PG* 环境变量'}）：${detail}`, en: `cannot connect to PostgreSQL (${where ?? 'PG* environment variables'}): ${detail}` } });
  }
  try {
    // Many medium-sized statements: JIT compilation would cost more than it saves (measured: the
    // KNN statement on the demo takes 8.4 s with JIT, 5.9 s without).
    await client.query('SET jit = off');
    await client.query('CREATE EXTENSION IF NOT EXISTS postgis');
  } catch (error) {
    await client.end();
    const detail = error instanceof Error ? error.message : String(error);
    return fail({ code: 'postgis-missing', message: { zh: `数据库没有 PostGIS 扩展，且无法创建：${detail}`, en: `the database has no PostGIS extension and it cannot be created: ${detail}` } });
  }
  return ok(client);
}

export async function analyzeWithPostgis(
  dataset: Dataset,
  rules: Rule[],
  service: ServiceAnalysisRequest | null,
  options: PostgisOptions,
  run: RunOptions = {},
): Promise<Result<PostgisAnalysis>> {
  const connected = await connect(options);
  if (!connected.ok) return connected;
  const client = connected.value;
  const schema = quoteIdentifier(`gapmap_${Date.now().toString(36)}_${process.pid}`);
  const stage = (fraction: number, label: string) => run.onProgress?.(fraction, label);
  try {
    const cohortNames = await loadLayers(client, schema, dataset, (label) => stage(0.05, `load ${label}`));
    const counts: Record<PointTable, number> = { cells: dataset.population.lon.length, facilities: dataset.facilities.length, places: dataset.places.length };
    const assignments = {} as Record<`${PointTable}_${UnitTable}`, Int32Array>;
    for (const points of ['cells', 'facilities', 'places'] as const) {
      for (const units of ['townships', 'counties', 'areas'] as const) assignments[`${points}_${units}`] = await readAssignment(client, schema, points, units, counts[points]);
    }
    const prepared = preparedFromAssignments(dataset, assignments, cohortNames);
    stage(0.3, 'service');
    const analysis = service ? await analyzeServiceInPostgis(client, schema, prepared, service) : null;
    const requests = ruleRequests(rules);
    const total = requests.coverage.length + requests.twoStepFca.length;
    let done = 0;
    // The service's coverage is already remembered when a rule asks for the same one.
    const computed = new Set(analysis ? [stableKey(analysis.figures.request)] : []);
    for (const request of requests.coverage) {
      stage(0.5 + (0.45 * done++) / Math.max(1, total), 'rules: coverage');
      if (computed.has(stableKey(request))) continue;
      rememberCoverage(prepared, request, await computeCoverageInPostgis(client, schema, prepared, request));
    }
    for (const request of requests.twoStepFca) {
      stage(0.5 + (0.45 * done++) / Math.max(1, total), 'rules: 2SFCA');
      rememberTwoStepFca(prepared, request.filter, request.catchmentMetres, request.cohort, await computeTwoStepFcaInPostgis(client, schema, prepared, request));
    }
    const results = evaluateRules(prepared, rules, { signal: run.signal });
    stage(1, 'done');
    return ok({ prepared, analysis, results, schema });
  } finally {
    if (!options.keepSchema) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await client.end();
  }
}
