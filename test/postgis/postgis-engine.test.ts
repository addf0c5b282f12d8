// The PostGIS engine against the built-in engine, on a real throwaway PostgreSQL + PostGIS server
// (started here on a private port, stopped at the end): the demo region in process, and the CLI
// fixture through `npm run analyze -- --engine postgis --db …`. The two engines share no spatial
// code (PostGIS: geography buffers, GEOS unions, spheroidal ST_Area/ST_DWithin/ST_Distance, KNN;
// built-in: exact disc-union areas on a transverse Mercator), so agreement checks both.
// Tolerances: shares within 0.1 percentage points (the plan's bound; measured ≤ 0.04 on the
// demo), head counts and facility counts exact, distances within 0.2% or 2 m (the KNN picks the
// same facility; spheroid vs projected distance), areas, capacity ratios and 2SFCA within 0.2%.
// Skips with the reason when PostgreSQL/PostGIS is not installed.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDataset } from '../../src/core/prepare/prepare-dataset.ts';
import { analyzeService } from '../../src/core/report/analyze-service.ts';
import { buildMetricTable, type MetricColumn, type MetricTable } from '../../src/core/analysis/compute-metric-table.ts';
import { serviceDefinition } from '../../src/core/analysis/service-catalog.ts';
import { DEFAULT_RULE_SET } from '../../src/core/rules/default-rules.ts';
import { evaluateRules } from '../../src/core/rules/evaluate-rules.ts';
import type { RuleResult } from '../../src/core/rules/rule-types.ts';
import { loadDemoDataset } from '../../scripts/lib/load-demo-dataset.ts';
import { analyzeWithPostgis } from '../../scripts/postgis/analyze-with-postgis.ts';
import { ruleRequests } from '../../src/core/rules/rule-requests.ts';
import { findPostgres, startThrowawayPostgres, type ThrowawayPostgres } from './throwaway-postgres.ts';
import { ROOT, runAnalyzeCli } from '../helpers/run-analyze-cli.ts';

const fixture = (name: string) => join(ROOT, 'test', 'fixtures', 'cli', name);
const found = findPostgres();
if ('missing' in found) console.warn(`PostGIS engine tests skipped: ${found.missing}`);

/** Tolerance of a metric-table figure by its format (see the header). */
function tolerance(format: MetricColumn['format'], value: number): number {
  if (format === 'percent') return 0.1;
  if (format === 'count') return 0;
  if (format === 'metres') return Math.max(2, 0.002 * Math.abs(value));
  return Math.max(0.002, 0.002 * Math.abs(value));
}

/** Compares two metric tables level by level, column by column; returns the worst share gap (points). */
function expectSameTables(builtin: MetricTable, postgis: MetricTable): number {
  let worstShare = 0;
  expect(postgis.columns.map((c) => c.id)).toEqual(builtin.columns.map((c) => c.id));
  for (const level of ['townships', 'counties', 'region'] as const) {
    const a = builtin[level], b = postgis[level];
    expect(b.codes).toEqual(a.codes);
    expect(b.failedRules).toEqual(a.failedRules);
    for (const column of builtin.columns) {
      a.values[column.id].forEach((x, u) => {
        const y = b.values[column.id][u];
        const where = `${level} ${a.codes[u]} ${column.id}: built-in ${x}, PostGIS ${y}`;
        if (Number.isNaN(x)) return expect(Number.isNaN(y), where).toBe(true);
        if (column.format === 'percent') worstShare = Math.max(worstShare, Math.abs(x - y));
        expect(Math.abs(x - y), where).toBeLessThanOrEqual(tolerance(column.format, x) + 1e-9 * Math.abs(x));
      });
    }
  }
  return worstShare;
}

/** CSV tables from the CLI: codes and names equal, shares within 0.1 points, other figures within 0.2% (or 2 m / exact counts). */
function expectSameCsv(builtin: Record<string, string>[], postgis: Record<string, string>[]): void {
  expect(postgis.length).toBe(builtin.length);
  builtin.forEach((row, r) => {
    for (const [column, a] of Object.entries(row)) {
      const b = postgis[r][column];
      const where = `${row.code} ${column}: built-in ${a}, PostGIS ${b}`;
      if (a === '' || Number.isNaN(Number(a))) {
        expect(b, where).toBe(a);
        continue;
      }
      const limit = /pct|share/.test(column) ? 0.1 : Math.max(/_m$/.test(column) ? 2 : 0.002, 0.002 * Math.abs(Number(a)));
      expect(Math.abs(Number(a) - Number(b)), where).toBeLessThanOrEqual(limit);
    }
  });
}

function expectSameRules(builtin: RuleResult[], postgis: RuleResult[]): void {
  expect(postgis.map((r) => r.ruleId)).toEqual(builtin.map((r) => r.ruleId));
  builtin.forEach((rule, k) => {
    const other = postgis[k];
    const where = `${rule.ruleId}: built-in ${rule.value} ${rule.status}, PostGIS ${other.value} ${other.status}`;
    if (rule.value === null) {
      expect(other.value, where).toBeNull();
      return;
    }
    const tolerance = rule.target.unit === 'percent' ? 0.1 : Math.max(1e-9, 0.002 * Math.abs(rule.value));
    expect(Math.abs(rule.value - (other.value ?? NaN)), where).toBeLessThanOrEqual(tolerance);
    // Same verdict, unless the value sits within the tolerance of the target.
    if (Math.abs(rule.value - rule.target.value) > tolerance) expect(other.status, where).toBe(rule.status);
  });
}

const analyzeCli = runAnalyzeCli;

function readCsv(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  const split = (line: string) => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((cell) => cell.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"'));
  const names = split(header);
  return lines.map((line) => Object.fromEntries(split(line).map((value, i) => [names[i], value])));
}

describe.skipIf('missing' in found)('PostGIS engine = built-in engine', () => {
  let server: ThrowawayPostgres;
  const work = mkdtempSync(join(tmpdir(), 'gapmap-postgis-'));
  beforeAll(async () => {
    if ('install' in found) server = await startThrowawayPostgres(found.install);
  }, 120_000);
  afterAll(() => {
    server?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('the demo region: every township figure and every rule of the default set', async () => {
    // the PostGIS engine measures straight lines: both engines without the demo's roads
    const dataset = { ...(await loadDemoDataset()), roads: undefined };
    const request = { service: serviceDefinition('elder-daycare'), radiusMetres: 1000 };
    const prepared = prepareDataset(dataset);
    const analysis = analyzeService(prepared, request);
    const results = evaluateRules(prepared, DEFAULT_RULE_SET.rules);
    const builtinTable = buildMetricTable(prepared, request.service, 1000, analysis.figures, results);
    const postgis = await analyzeWithPostgis(dataset, DEFAULT_RULE_SET.rules, request, { connection: server.url });
    if (!postgis.ok) throw new Error(postgis.error.message.en);
    const { prepared: sqlPrepared, analysis: sqlAnalysis, results: sqlResults } = postgis.value;
    const sqlTable = buildMetricTable(sqlPrepared, request.service, 1000, sqlAnalysis!.figures, sqlResults);
    const worst = expectSameTables(builtinTable, sqlTable);
    expect(worst).toBeGreaterThan(0); // the engines really are independent
    expectSameRules(results, sqlResults);
    // The default set's distance rules were computed in SQL (the engine throws on any figure it did not compute).
    expect(ruleRequests(DEFAULT_RULE_SET.rules).coverage.length).toBeGreaterThan(0);
    expect(sqlAnalysis!.gapFeatures?.length).toBe(dataset.townships.length);
  }, 180_000);

  it('the CLI fixture through `analyze --engine postgis --db`: same townships.csv figures and summary.json', async () => {
    const args = [
      '--boundaries', fixture('townships.geojson'), '--counties', fixture('counties.geojson'),
      '--facilities', fixture('daycare.geojson'), '--type', 'elder-daycare',
      '--facilities', fixture('nurseries.geojson'), '--type', 'nursery',
      '--population', fixture('population.geojson'), '--places', fixture('places.geojson'),
      '--areas', fixture('areas.geojson'), '--rules', fixture('rules.json'), '--radius', '500',
    ];
    const [builtin, postgis] = await Promise.all([analyzeCli(join(work, 'builtin'), args), analyzeCli(join(work, 'postgis'), [...args, '--engine', 'postgis', '--db', server.url])]);
    expect(builtin.code, builtin.stderr).toBe(0);
    expect(postgis.code, postgis.stderr).toBe(0);
    expect(postgis.stderr).toContain('[postgis]');
    for (const file of ['townships.csv', 'counties.csv']) expectSameCsv(readCsv(join(work, 'builtin', file)), readCsv(join(work, 'postgis', file)));
    const summary = (engine: string) => JSON.parse(readFileSync(join(work, engine, 'summary.json'), 'utf8'));
    expectSameRules(summary('builtin').rules, summary('postgis').rules);
    expect(summary('postgis').counts).toEqual(summary('builtin').counts);
  }, 180_000);

  it('a server that cannot be reached is a clear error, not a crash', async () => {
    const run = await analyzeCli(join(work, 'unreachable'), ['--engine', 'postgis', '--db', 'postgres://someone:secret@127.0.0.1:1/none']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('无法连接 PostgreSQL');
    expect(run.stderr).not.toContain('secret');
  }, 60_000);
});
