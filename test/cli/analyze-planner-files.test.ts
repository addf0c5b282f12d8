// `npm run analyze` on a planner's own files, written by this test: facility type values that are
// not in the catalog mapped with --type-map (to a catalog service and to a new service), a
// population layer without age groups, a GCJ-02 CSV with an innocent name, per-file --crs, and the
// output folder's safety (checked first, no symlink followed, control characters escaped).
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import gcoord from 'gcoord';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { geodesicDistance } from '../helpers/geodesic-reference.ts';
import { readCsvRecords } from './read-csv.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = join(ROOT, 'test', 'fixtures', 'cli');
const LAUNCHER = join(ROOT, 'scripts', 'run-bundled.mjs');
const work = mkdtempSync(join(tmpdir(), 'gapmap-planner-'));
const file = (name: string) => join(work, name);

interface Run {
  code: number | null;
  stderr: string;
  out: string;
}

function analyze(out: string, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [LAUNCHER, 'scripts/analyze.ts', '--out', out, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr, out }));
  });
}

/** The fixture's daycare and nursery points (WGS84) as GCJ-02, the way an online map exports them. */
const SEATS_WGS84: Array<[string, number, number]> = [
  ['甲镇服务点', 102.51, 24.31],
  ['丙街道服务点', 102.51, 24.33],
  ['乙乡服务点', 102.53, 24.31],
  ['丁村服务点', 102.53, 24.33],
];

function writeFixtures(): void {
  // facilities with the planner's own type values; one carries terminal escape sequences
  writeFileSync(
    file('facilities.csv'),
    [
      'name,lon,lat,kind,places',
      'Centre A,102.51,24.31,elder_centre,10',
      'Centre B,102.51,24.33,elder_centre,20',
      'Speaker 1,102.53,24.31,broadcast,',
      'Speaker 2,102.525,24.325,broadcast,',
      'Creche,102.53,24.33,creche,3',
      'Odd one,102.505,24.305,"evil\u001b[2Jtype",',
    ].join('\n'),
  );
  writeFileSync(
    file('type-map.json'),
    JSON.stringify({
      elder_centre: 'elder-daycare',
      creche: 'nursery',
      broadcast: { service: 'village-broadcast', name: { zh: '村村响广播', en: 'village loudspeakers' }, servedGroup: 'all', defaultMetres: 500 },
    }),
  );
  // the fixture's rules plus two over age groups the population layer will not have
  const rules = JSON.parse(readFileSync(join(FIXTURE, 'rules.json'), 'utf8'));
  rules.rules.push(
    { id: 'places-0-3', title: { zh: '托位', en: 'Nursery places' }, kind: 'capacity-per-population', level: 'region', filter: { types: ['nursery'] }, cohort: 'age0_3', target: { op: '>=', value: 4.5, unit: 'per-1000' }, enabled: true },
    { id: 'elders-500m', title: { zh: '老人 500 米', en: 'Elders within 500 m' }, kind: 'population-within', filter: { types: ['elder-daycare'] }, cohort: 'age60plus', reach: { kind: 'distance', metres: 500 }, target: { op: '>=', value: 50, unit: 'percent' }, enabled: true },
  );
  writeFileSync(file('rules.json'), JSON.stringify(rules));
  // population without age groups: lon, lat, head count
  writeFileSync(
    file('people.csv'),
    ['lon,lat,pop', '102.511,24.311,100', '102.518,24.318,300', '102.53,24.31,200', '102.5105,24.3305,400', '102.53,24.33,500', '102.522,24.302,50'].join('\n'),
  );
  // GCJ-02 coordinates under a name that says nothing about it
  const gcj = SEATS_WGS84.map(([name, lon, lat]) => {
    const [x, y] = gcoord.transform([lon, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
    return `${name},${x.toFixed(6)},${y.toFixed(6)},urban-community`;
  });
  writeFileSync(file('seats.csv'), ['name,lon,lat,kind', ...gcj].join('\n'));
  // a township named with an escape sequence
  const townships = JSON.parse(readFileSync(join(FIXTURE, 'townships.geojson'), 'utf8'));
  townships.features[1].properties.name = 'Bad\u001b[31mName\u202e';
  writeFileSync(file('townships-evil.geojson'), JSON.stringify(townships));
  // output folders: a file where a folder should be; a folder whose townships.csv is a symlink
  writeFileSync(file('not-a-folder'), 'x');
  mkdirSync(file('linked'));
  writeFileSync(file('victim.txt'), 'precious');
  symlinkSync(file('victim.txt'), join(file('linked'), 'townships.csv'));
}

const base = ['--boundaries', join(FIXTURE, 'townships.geojson'), '--counties', join(FIXTURE, 'counties.geojson')];
const WGS84_FACILITIES = [
  '--facilities', join(FIXTURE, 'daycare.geojson'), '--type', 'elder-daycare',
  '--facilities', join(FIXTURE, 'nurseries.geojson'), '--type', 'nursery',
  '--population', join(FIXTURE, 'population.geojson'),
];
const runs: Record<string, Run> = {};

beforeAll(async () => {
  writeFixtures();
  const jobs: Record<string, Promise<Run>> = {
    planner: analyze(file('out-planner'), [
      ...base,
      '--facilities', file('facilities.csv'), '--type-field', 'kind',
      '--type-map', file('type-map.json'),
      '--population', file('people.csv'),
      '--rules', file('rules.json'),
      '--radius', '500',
    ]),
    inline: analyze(file('out-inline'), [
      ...base,
      '--facilities', file('facilities.csv'), '--type-field', 'kind',
      '--type-map', 'elder_centre=elder-daycare,broadcast=broadcast-terminal',
      '--population', file('people.csv'),
      '--cohort-share', 'age60plus=20%',
      '--radius', '500',
    ]),
    // the GCJ-02 seats after WGS84 facilities: the offset is recognised whatever the file is called
    offset: analyze(file('out-offset'), [...base, ...WGS84_FACILITIES, '--places', file('seats.csv')]),
    // the same file with its own --crs: converted, and the WGS84 GeoJSON files beside it left alone
    offsetFixed: analyze(file('out-offset-fixed'), [...base, ...WGS84_FACILITIES, '--places', file('seats.csv'), '--crs', 'gcj02']),
    notFolder: analyze(file('not-a-folder'), base),
    symlink: analyze(file('linked'), base),
    evil: analyze(file('out-evil'), ['--boundaries', file('townships-evil.geojson'), '--facilities', file('facilities.csv'), '--type-field', 'kind', '--service', 'nope']),
  };
  const settled = await Promise.all(Object.values(jobs));
  Object.keys(jobs).forEach((key, i) => (runs[key] = settled[i]));
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

const readCsv = readCsvRecords;

describe('a planner\'s own type values, mapped', () => {
  it('maps elder_centre to the catalog\'s day care and broadcast to a new service, and the rules use them', () => {
    const run = runs.planner;
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(run.out, 'summary.json'), 'utf8'));
    expect(summary.service).toMatchObject({ type: 'elder-daycare', region: { facilities: 2, population: 1550, population_covered: 500 } });
    expect(summary.dataset.facilities).toBe(6);
    const byId = Object.fromEntries(summary.rules.map((r: { ruleId: string }) => [r.ruleId, r]));
    expect(byId['daycare-presence']).toMatchObject({ status: 'fail', value: 50 });
    // the unknown value is named (escaped) with the fix, not silently dropped
    expect(run.stderr).toContain('evil\\x1b[2Jtype');
    expect(run.stderr).not.toContain('\u001b');
    expect(run.stderr).toContain('--type-map');
  });

  it('says "not available: no 0–3 / 60+ field" for cohort figures and rules, never an exception', () => {
    const run = runs.planner;
    const summary = JSON.parse(readFileSync(join(run.out, 'summary.json'), 'utf8'));
    const notes = summary.service.notes.map((n: { en: string }) => n.en);
    expect(notes).toContain('not available: the population layer has no field for people aged 60+ (age60plus)');
    expect(summary.service.region.capacity_per_1000_age60plus).toBeNull();
    expect(run.stderr).toContain('not available: the population layer has no field for people aged 60+ (age60plus)');
    expect(run.stderr).not.toMatch(/unknown cohort|TypeError|at .*\.ts:\d+/);
    const byId = Object.fromEntries(summary.rules.map((r: { ruleId: string }) => [r.ruleId, r]));
    expect(byId['places-0-3']).toMatchObject({ status: 'not-available', value: null });
    expect(byId['places-0-3'].reason.en).toContain('the population layer has no field for children aged 0–3 (age0_3)');
    expect(byId['places-0-3'].reason.zh).toContain('人口图层没有0–3 岁婴幼儿人数字段（age0_3）');
    expect(byId['elders-500m'].reason.en).toContain('the population layer has no field for people aged 60+ (age60plus)');
    // the mapped creche counts as a nursery: per 1,000 people, as the rule asks
    expect(byId['nursery-places']).toMatchObject({ status: 'fail', figures: { facilities: 1, capacity: 3 } });
    const rows = readCsv(join(run.out, 'townships.csv'));
    expect(rows.map((r) => r.population)).toEqual(['400', '250', '400', '500']);
    expect(rows.every((r) => r.capacity_per_1000_age60plus === '')).toBe(true);
  });

  it('takes an inline mapping and an entered 60+ share, stated in the outputs', () => {
    const run = runs.inline;
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(run.out, 'summary.json'), 'utf8'));
    expect(run.stderr).toContain('people aged 60+ estimated as 20% of the population (entered by the user)');
    // T1: 10 places for 20% of 400 people = 80 → 125 per 1,000
    const rows = readCsv(join(run.out, 'townships.csv'));
    expect(rows[0].capacity_per_1000_age60plus).toBe('125');
    expect(summary.service.region.capacity_per_1000_age60plus).toBeCloseTo((1000 * 30) / 310, 3);
    // the broadcast rule of the default set counts the mapped speakers; rules on services with no
    // facility at all say the data is missing instead of failing at 0 %
    const missing = summary.rules.filter((r: { reason?: { en: string } }) => r.reason?.en.startsWith('data missing'));
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.every((r: { status: string }) => r.status === 'not-available')).toBe(true);
    const nurseries = summary.rules.find((r: { ruleId: string }) => r.ruleId === 'child.nursery-places');
    expect(nurseries.reason.en).toBe('data missing: the data has no Nurseries (type nursery); import them, or map a type value of your facilities to this service');
    expect(nurseries.reason.zh).toBe('数据缺失：数据中没有托育机构设施（类型 nursery）；请导入或在类型映射中指定');
  });
});

describe('coordinates per file', () => {
  it('recognises a GCJ-02 CSV with an innocent name by its offset from the data already loaded', () => {
    const run = runs.offset;
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('seats.csv');
    expect(run.stderr).toMatch(/shifted about \d+ m from the reference data, as GCJ-02/);
  });

  it('converts the file its --crs follows, and only that one', () => {
    const run = runs.offsetFixed;
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/shifted about|偏移/);
    // the WGS84 day-care centres were not shifted: c3 lies ~75 m from F3 (GCJ-02 would move F3 ~360 m)
    const rows = readCsv(join(run.out, 'townships.csv'));
    expect(rows.map((r) => r.facilities)).toEqual(['1', '0', '1', '0']);
    expect(Math.abs(Number(rows[2].nearest_median_m) - geodesicDistance(102.5105, 24.3305, 102.51, 24.33))).toBeLessThanOrEqual(1);
  });
});

describe('output folder safety', () => {
  it('checks the output folder before the analysis, with a clean bilingual error', () => {
    const run = runs.notFolder;
    expect(run.code).toBe(1);
    expect(run.stderr).not.toContain('[prepare]');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stderr).toMatch(/输出/);
    expect(run.stderr).toMatch(/output/);
  });

  it('refuses to write through a symbolic link and leaves its target alone', () => {
    const run = runs.symlink;
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('symbolic link');
    expect(run.stderr).toContain('符号链接');
    expect(readFileSync(file('victim.txt'), 'utf8')).toBe('precious');
    expect(lstatSync(join(file('linked'), 'townships.csv')).isSymbolicLink()).toBe(true);
    expect(existsSync(join(file('linked'), 'summary.json'))).toBe(false);
  });

  it('escapes control characters from data in everything it prints', () => {
    const run = runs.evil;
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(/[\u001b\u202e]/);
    expect(run.stderr).toContain('\\x1b');
  });
});
