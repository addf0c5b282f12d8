// Nearest-facility distances (KNN) and 2SFCA accessibility in PostGIS, returning the built-in
// engine's NearestDistanceResult and TwoStepFcaResult.
// - Nearest: the GiST index orders facilities by `<->` (great-circle distance on the sphere);
//   among the 4 nearest by that order the spheroidal ST_Distance picks the nearest, so a
//   near-tie that the sphere orders differently from the spheroid still gets the right answer.
//   Population-weighted median and 90th percentile with window sums: the value at the first cell
//   (by distance) where the unit's cumulative population reaches q of its total — the same lower
//   weighted quantile as coverage/compute-nearest-distance.ts.
// - 2SFCA (Luo & Wang): R_j = S_j / Σ demand within d0 of j (×1,000), A_i = Σ R_j over the
//   facilities within d0 of cell i, averaged per unit weighted by demand.

import type pg from 'pg';
import type { FacilityFilter, NearestDistanceResult, TwoStepFcaResult } from '../../src/core/coverage/coverage-types.ts';
import { selectFacilities } from '../../src/core/coverage/select-facilities.ts';
import type { PreparedDataset } from '../../src/core/prepare/prepare-dataset.ts';
import { createSelection } from './compute-coverage-sql.ts';
import { cohortColumn } from './load-layers.ts';

/** Cell → unit for a level; the region is every cell in some township, as unit 0. */
function unitsOf(schema: string, level: 'townships' | 'counties' | 'region'): string {
  return level === 'region' ? `(SELECT point, 0 AS unit FROM ${schema}.cells_townships)` : `${schema}.cells_${level}`;
}

async function quantiles(client: pg.Client, schema: string, level: 'townships' | 'counties' | 'region', count: number) {
  const median = new Float64Array(count).fill(NaN);
  const p90 = new Float64Array(count).fill(NaN);
  const rows = await client.query({
    rowMode: 'array',
    text: `WITH ordered AS (
             SELECT a.unit, n.distance,
                    sum(c.population) OVER (PARTITION BY a.unit ORDER BY n.distance, n.idx ROWS UNBOUNDED PRECEDING) AS cumulative,
                    sum(c.population) OVER (PARTITION BY a.unit) AS total
             FROM nearest n JOIN ${schema}.cells c ON c.idx = n.idx JOIN ${unitsOf(schema, level)} a ON a.point = n.idx)
           SELECT unit, min(distance) FILTER (WHERE cumulative >= 0.5 * total * (1 - 1e-12)),
                        min(distance) FILTER (WHERE cumulative >= 0.9 * total * (1 - 1e-12))
           FROM ordered GROUP BY unit`,
  });
  for (const [unit, m, p] of rows.rows as [number, number, number][]) {
    median[unit] = m;
    p90[unit] = p;
  }
  return { median, p90 };
}

export async function computeNearestDistanceInPostgis(client: pg.Client, schema: string, prepared: PreparedDataset, filter: FacilityFilter): Promise<NearestDistanceResult> {
  const { dataset } = prepared;
  const selected = selectFacilities(dataset, filter);
  await createSelection(client, schema, selected, new Float64Array(selected.length));
  await client.query('DROP TABLE IF EXISTS nearest');
  await client.query(
    `CREATE TEMP TABLE nearest AS
     SELECT c.idx, k.distance
     FROM ${schema}.cells c
     CROSS JOIN LATERAL (
       SELECT min(ST_Distance(c.geog, candidates.geog)) AS distance
       FROM (SELECT s.geog FROM selection s ORDER BY s.geog <-> c.geog LIMIT 4) AS candidates) AS k
     WHERE c.population > 0 AND k.distance IS NOT NULL`,
  );
  const cellDistance = new Float64Array(dataset.population.lon.length).fill(Infinity);
  const rows = await client.query({ rowMode: 'array', text: 'SELECT idx, distance FROM nearest' });
  for (const [idx, distance] of rows.rows as [number, number][]) cellDistance[idx] = distance;
  return {
    cellDistance,
    townships: await quantiles(client, schema, 'townships', dataset.townships.length),
    counties: await quantiles(client, schema, 'counties', dataset.counties.length),
    region: await quantiles(client, schema, 'region', 1),
  };
}

export interface TwoStepFcaSqlRequest {
  filter: FacilityFilter;
  catchmentMetres: number;
  cohort?: string;
}

export async function computeTwoStepFcaInPostgis(client: pg.Client, schema: string, prepared: PreparedDataset, request: TwoStepFcaSqlRequest): Promise<TwoStepFcaResult> {
  const { dataset, cohortNames } = prepared;
  const cohortIndex = request.cohort ? cohortNames.indexOf(request.cohort) : -1;
  if (request.cohort && cohortIndex < 0) throw new Error(`unknown cohort '${request.cohort}'`);
  const demand = cohortIndex >= 0 ? cohortColumn(cohortIndex) : 'population';
  const selected = selectFacilities(dataset, request.filter);
  await createSelection(client, schema, selected, new Float64Array(selected.length).fill(request.catchmentMetres));
  for (const table of ['reach', 'ratio', 'access']) await client.query(`DROP TABLE IF EXISTS ${table}`);
  await client.query(`CREATE TEMP TABLE reach AS SELECT s.idx AS facility, c.idx AS cell, c.${demand} AS demand FROM selection s JOIN ${schema}.cells c ON ST_DWithin(c.geog, s.geog, s.radius)`);
  await client.query(
    `CREATE TEMP TABLE ratio AS SELECT r.facility, CASE WHEN sum(r.demand) > 0 THEN s.capacity / sum(r.demand) * 1000 ELSE 0 END AS ratio
     FROM reach r JOIN selection s ON s.idx = r.facility GROUP BY r.facility, s.capacity`,
  );
  await client.query('CREATE TEMP TABLE access AS SELECT r.cell AS idx, sum(x.ratio) AS value FROM reach r JOIN ratio x USING (facility) GROUP BY r.cell');
  await client.query('ALTER TABLE access ADD PRIMARY KEY (idx)');
  const cellIndex = new Float64Array(dataset.population.lon.length);
  const cells = await client.query({ rowMode: 'array', text: 'SELECT idx, value FROM access' });
  for (const [idx, value] of cells.rows as [number, number][]) cellIndex[idx] = value;
  const weightedMean = async (level: 'townships' | 'counties' | 'region', count: number) => {
    const means = new Float64Array(count);
    const rows = await client.query({
      rowMode: 'array',
      text: `SELECT a.unit, sum(c.${demand} * COALESCE(x.value, 0)) / sum(c.${demand})
             FROM ${schema}.cells c JOIN ${unitsOf(schema, level)} a ON a.point = c.idx LEFT JOIN access x ON x.idx = c.idx
             WHERE c.${demand} > 0 GROUP BY a.unit`,
    });
    for (const [unit, mean] of rows.rows as [number, number][]) means[unit] = mean;
    return means;
  };
  return {
    catchmentMetres: request.catchmentMetres,
    cellIndex,
    townships: await weightedMean('townships', dataset.townships.length),
    counties: await weightedMean('counties', dataset.counties.length),
    region: await weightedMean('region', 1),
  };
}
