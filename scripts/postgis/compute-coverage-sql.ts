// Coverage of one request, computed in PostGIS: the same CoverageResult the built-in engine returns.
// - Population and places: a cell (place) is covered when a selected facility lies within its
//   radius on the WGS84 spheroid (ST_DWithin on geography, GiST-indexed).
// - Area: each facility's disc is ST_Buffer on geography (PostGIS buffers in a local UTM/LAEA
//   projection and returns lon/lat) with 32 segments per quarter: the 128-gon loses 0.04% of the
//   disc's area and the projection's scale error stays under 0.1% in radius, far inside the 0.1-point
//   bound. Discs are unioned per unit, intersected with it, and measured with ST_Area on geography
//   (ellipsoidal, GeographicLib inside PostGIS).
// - Sums per township, county and area of interest by the point-in-polygon assignment tables; the
//   region is the sum over townships, as in the built-in engine.
// Which facilities and radii: the built-in selection (selectDiscs: the one place filters and
// radiusField are interpreted), sent as arrays.

import type pg from 'pg';
import type { CoverageRequest, CoverageResult, UnitMetrics } from '../../src/core/coverage/coverage-types.ts';
import { emptyMetrics, selectDiscs } from '../../src/core/coverage/compute-coverage.ts';
import type { PreparedDataset } from '../../src/core/prepare/prepare-dataset.ts';
import { cohortColumn, type UnitTable } from './load-layers.ts';

/** Temp table `selection(idx, geog, capacity, radius)` of the facilities a request selects. */
export async function createSelection(client: pg.Client, schema: string, indices: Uint32Array, radii: ArrayLike<number>): Promise<void> {
  await client.query('DROP TABLE IF EXISTS selection');
  await client.query(
    `CREATE TEMP TABLE selection AS
     SELECT f.idx, f.geog, f.geom, f.capacity, r.radius
     FROM ${schema}.facilities f JOIN unnest($1::int[], $2::float8[]) AS r(idx, radius) USING (idx)`,
    [Array.from(indices), Array.from(radii)],
  );
  await client.query('CREATE INDEX ON selection USING gist (geog); ANALYZE selection');
}

/** Writes a row into unit u of `metrics`, or of `total` when the row is the grand total (unit null). */
const target = (unit: number | null, metrics: UnitMetrics, total: UnitMetrics | undefined) => (unit === null ? (total ? { metrics: total, u: 0 } : null) : { metrics, u: unit });

async function unitMetrics(client: pg.Client, schema: string, table: UnitTable, count: number, cohortNames: string[], total?: UnitMetrics): Promise<UnitMetrics> {
  const metrics = emptyMetrics(count, cohortNames);
  // With `total`, GROUPING SETS adds the sum over all units (the region) as a row with unit NULL.
  const groups = total ? 'GROUPING SETS ((unit), ())' : 'unit';
  const areas = await client.query({
    rowMode: 'array',
    text: `SELECT unit, sum(area), sum(covered) FROM (
             SELECT u.idx AS unit, ST_Area(u.geom::geography) AS area,
                    COALESCE(ST_Area(ST_CollectionExtract(ST_Intersection(u.geom, d.geom), 3)::geography), 0) AS covered
             FROM ${schema}.${table} u
             LEFT JOIN LATERAL (SELECT ST_Union(discs.geom) AS geom FROM discs WHERE discs.geom && u.geom) d ON true) AS per_unit
           GROUP BY ${groups}`,
  });
  for (const [unit, area, covered] of areas.rows as [number | null, number, number][]) {
    const at = target(unit, metrics, total);
    if (!at) continue;
    at.metrics.areaKm2[at.u] = area / 1e6;
    at.metrics.coveredAreaKm2[at.u] = covered / 1e6;
  }
  const cohortSums = cohortNames.map((_, k) => `, sum(c.${cohortColumn(k)}), sum(c.${cohortColumn(k)}) FILTER (WHERE v.idx IS NOT NULL)`).join('');
  const people = await client.query({
    rowMode: 'array',
    text: `SELECT a.unit, sum(c.population), sum(c.population) FILTER (WHERE v.idx IS NOT NULL)${cohortSums}
           FROM ${schema}.cells c JOIN ${schema}.cells_${table} a ON a.point = c.idx LEFT JOIN covered_cells v ON v.idx = c.idx
           GROUP BY ${groups.replace(/unit/g, 'a.unit')}`,
  });
  for (const row of people.rows as (number | null)[][]) {
    const at = target(row[0], metrics, total);
    if (!at) continue;
    at.metrics.population[at.u] = row[1] ?? 0;
    at.metrics.coveredPopulation[at.u] = row[2] ?? 0;
    cohortNames.forEach((name, k) => {
      at.metrics.cohortPopulation[name][at.u] = row[3 + 2 * k] ?? 0;
      at.metrics.cohortCovered[name][at.u] = row[4 + 2 * k] ?? 0;
    });
  }
  const facilities = await client.query({
    rowMode: 'array',
    text: `SELECT a.unit, count(*)::float8, sum(s.capacity) FROM selection s JOIN ${schema}.facilities_${table} a ON a.point = s.idx
           GROUP BY ${groups.replace(/unit/g, 'a.unit')}`,
  });
  for (const [unit, facilityCount, capacity] of facilities.rows as [number | null, number, number][]) {
    const at = target(unit, metrics, total);
    if (!at) continue;
    at.metrics.facilityCount[at.u] = facilityCount;
    at.metrics.capacity[at.u] = capacity;
  }
  return metrics;
}

async function coveredFlags(client: pg.Client, sql: string, count: number): Promise<Uint8Array> {
  const flags = new Uint8Array(count);
  const rows = await client.query({ text: sql, rowMode: 'array' });
  for (const [idx] of rows.rows as [number][]) flags[idx] = 1;
  return flags;
}

/** Coverage of a request; leaves the temp tables `selection`, `discs` and `covered_cells` for gaps. */
export async function computeCoverageInPostgis(client: pg.Client, schema: string, prepared: PreparedDataset, request: CoverageRequest): Promise<CoverageResult> {
  const { dataset, cohortNames } = prepared;
  // selectDiscs gives plane radii R·k; dividing by k gives back the radii on the ellipsoid.
  const { selected, discs } = selectDiscs(prepared, request);
  const radii = Float64Array.from(selected, (f, k) => discs.r[k] / prepared.facilities.scale[f]);
  await createSelection(client, schema, selected, radii);
  await client.query('DROP TABLE IF EXISTS discs');
  await client.query(`CREATE TEMP TABLE discs AS SELECT idx, ST_Buffer(geog, radius, 'quad_segs=32')::geometry AS geom FROM selection`);
  await client.query('CREATE INDEX ON discs USING gist (geom); ANALYZE discs');
  await client.query('DROP TABLE IF EXISTS covered_cells');
  await client.query(`CREATE TEMP TABLE covered_cells AS SELECT DISTINCT c.idx FROM selection s JOIN ${schema}.cells c ON ST_DWithin(c.geog, s.geog, s.radius)`);
  await client.query('ALTER TABLE covered_cells ADD PRIMARY KEY (idx); ANALYZE covered_cells');
  const region = emptyMetrics(1, cohortNames);
  const townships = await unitMetrics(client, schema, 'townships', dataset.townships.length, cohortNames, region);
  return {
    reach: request.reach,
    facilityIndices: selected,
    townships,
    counties: await unitMetrics(client, schema, 'counties', dataset.counties.length, cohortNames),
    region,
    areas: await unitMetrics(client, schema, 'areas', dataset.areas.length, cohortNames),
    cellCovered: await coveredFlags(client, 'SELECT idx FROM covered_cells', dataset.population.lon.length),
    placeCovered: await coveredFlags(client, `SELECT DISTINCT p.idx FROM selection s JOIN ${schema}.places p ON ST_DWithin(p.geog, s.geog, s.radius)`, dataset.places.length),
  };
}

/** Each township minus the discs of the last coverage computed, as GeoJSON MultiPolygons (6 decimals). */
export async function uncoveredTownshipGeometries(client: pg.Client, schema: string): Promise<Map<number, { type: 'MultiPolygon'; coordinates: number[][][][] }>> {
  const rows = await client.query({
    rowMode: 'array',
    text: `SELECT u.idx, ST_AsGeoJSON(ST_Multi(ST_CollectionExtract(CASE WHEN d.geom IS NULL THEN u.geom ELSE ST_Difference(u.geom, d.geom) END, 3)), 6)
           FROM ${schema}.townships u
           LEFT JOIN LATERAL (SELECT ST_Union(discs.geom) AS geom FROM discs WHERE discs.geom && u.geom) d ON true`,
  });
  return new Map((rows.rows as [number, string][]).map(([idx, json]) => [idx, JSON.parse(json)]));
}
