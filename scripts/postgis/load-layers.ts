// Loads a dataset's layers into a PostGIS schema and assigns every cell, facility and place to
// its township, county and area of interest there (point in polygon with GiST indexes).
// Points are stored twice: as geometry (for point-in-polygon against lon/lat polygons) and as
// geography (for distances on the WGS84 spheroid: ST_DWithin, ST_Distance, KNN). Rows go in with
// `INSERT … SELECT FROM unnest($arrays)` in batches, which keeps the client simple (no COPY
// stream) and moves ~10⁵ rows per round trip.

import type pg from 'pg';
import type { AdminUnit, Dataset } from '../../src/core/types.ts';

const BATCH_ROWS = 50_000;

/** A quoted identifier (schema names are generated, but quote anyway). */
export const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

export type UnitTable = 'townships' | 'counties' | 'areas';
export type PointTable = 'cells' | 'facilities' | 'places';
const UNIT_TABLES: UnitTable[] = ['townships', 'counties', 'areas'];

/** Cohort k of the dataset is column cohort_k of the cells table. */
export const cohortColumn = (k: number) => `cohort_${k}`;

async function insertBatches(rows: number, insert: (from: number, to: number) => Promise<unknown>): Promise<void> {
  for (let from = 0; from < rows; from += BATCH_ROWS) await insert(from, Math.min(rows, from + BATCH_ROWS));
}

const slice = (values: ArrayLike<number>, from: number, to: number) => Array.from({ length: to - from }, (_, k) => values[from + k]);

async function loadUnits(client: pg.Client, schema: string, table: UnitTable, units: AdminUnit[]): Promise<void> {
  await client.query(`CREATE TABLE ${schema}.${table} (idx int PRIMARY KEY, code text NOT NULL, geom geometry(MultiPolygon, 4326) NOT NULL)`);
  await insertBatches(units.length, (from, to) =>
    client.query(
      `INSERT INTO ${schema}.${table} SELECT i, c, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(g), 4326)) FROM unnest($1::int[], $2::text[], $3::text[]) AS t(i, c, g)`,
      [
        slice(Array.from(units.keys()), from, to),
        units.slice(from, to).map((u) => u.code),
        units.slice(from, to).map((u) => JSON.stringify(u.geometry)),
      ],
    ),
  );
  await client.query(`CREATE INDEX ON ${schema}.${table} USING gist (geom); ANALYZE ${schema}.${table}`);
}

async function loadPoints(client: pg.Client, schema: string, table: PointTable, lon: ArrayLike<number>, lat: ArrayLike<number>, extra: { name: string; type: string; values: ArrayLike<unknown> }[]): Promise<void> {
  const columns = extra.map((column) => `${column.name} ${column.type.replace('[]', '')}`).join(', ');
  await client.query(`CREATE TABLE ${schema}.${table} (idx int PRIMARY KEY, geom geometry(Point, 4326) NOT NULL, geog geography(Point, 4326) NOT NULL${columns ? ', ' + columns : ''})`);
  const names = extra.map((column) => column.name);
  const unnest = ['$1::int[]', '$2::float8[]', '$3::float8[]', ...extra.map((column, k) => `$${k + 4}::${column.type}`)].join(', ');
  await insertBatches(lon.length, (from, to) =>
    client.query(
      `INSERT INTO ${schema}.${table} (idx, geom, geog${names.map((n) => ', ' + n).join('')})
       SELECT i, p, p::geography${names.map((n) => ', ' + n).join('')}
       FROM (SELECT i, ST_SetSRID(ST_MakePoint(x, y), 4326) AS p${names.map((n) => ', ' + n).join('')}
             FROM unnest(${unnest}) AS t(i, x, y${names.map((n) => ', ' + n).join('')})) AS rows`,
      [
        Array.from({ length: to - from }, (_, k) => from + k),
        slice(lon, from, to),
        slice(lat, from, to),
        ...extra.map((column) => Array.from({ length: to - from }, (_, k) => column.values[from + k])),
      ],
    ),
  );
  await client.query(`CREATE INDEX ON ${schema}.${table} USING gist (geom); CREATE INDEX ON ${schema}.${table} USING gist (geog); ANALYZE ${schema}.${table}`);
}

/**
 * Assignment table <points>_<units>(point, unit): the unit whose polygon contains the point; a
 * point on a shared border goes to the lower index (the built-in engine also picks one).
 */
async function assign(client: pg.Client, schema: string, points: PointTable, units: UnitTable): Promise<void> {
  await client.query(
    `CREATE TABLE ${schema}.${points}_${units} AS
     SELECT DISTINCT ON (p.idx) p.idx AS point, u.idx AS unit
     FROM ${schema}.${points} p JOIN ${schema}.${units} u ON ST_Intersects(u.geom, p.geom)
     ORDER BY p.idx, u.idx`,
  );
  await client.query(`ALTER TABLE ${schema}.${points}_${units} ADD PRIMARY KEY (point); ANALYZE ${schema}.${points}_${units}`);
}

/** Creates the schema and loads every layer; returns the cohort names in column order. */
export async function loadLayers(client: pg.Client, schema: string, dataset: Dataset, onStage: (stage: string) => void = () => {}): Promise<string[]> {
  await client.query(`CREATE SCHEMA ${schema}`);
  onStage('units');
  for (const table of UNIT_TABLES) {
    const units = table === 'townships' ? dataset.townships : table === 'counties' ? dataset.counties : dataset.areas;
    await loadUnits(client, schema, table, units);
  }
  onStage('cells');
  const { population } = dataset;
  const cohortNames = Object.keys(population.cohorts);
  await loadPoints(client, schema, 'cells', population.lon, population.lat, [
    { name: 'population', type: 'float8[]', values: population.population },
    ...cohortNames.map((name, k) => ({ name: cohortColumn(k), type: 'float8[]', values: population.cohorts[name] })),
  ]);
  onStage('facilities');
  const { facilities, places } = dataset;
  await loadPoints(client, schema, 'facilities', facilities.map((f) => f.lon), facilities.map((f) => f.lat), [
    { name: 'capacity', type: 'float8[]', values: facilities.map((f) => f.capacity ?? 0) },
  ]);
  await loadPoints(client, schema, 'places', places.map((p) => p.lon), places.map((p) => p.lat), []);
  onStage('assign');
  for (const points of ['cells', 'facilities', 'places'] as const) {
    for (const units of UNIT_TABLES) await assign(client, schema, points, units);
  }
  return cohortNames;
}

/** An assignment table read back as the engine's Int32Array (-1: in no unit). */
export async function readAssignment(client: pg.Client, schema: string, points: PointTable, units: UnitTable, count: number): Promise<Int32Array> {
  const result = new Int32Array(count).fill(-1);
  const rows = await client.query({ text: `SELECT point, unit FROM ${schema}.${points}_${units}`, rowMode: 'array' });
  for (const [point, unit] of rows.rows as [number, number][]) result[point] = unit;
  return result;
}
