// `npm run site` end to end, spawned as a planner would run it: on the hand-made CLI fixture with
// given candidates, an exclusion zone and a spacing; on the demo region; and on bad input.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string) => join(ROOT, 'test', 'fixtures', 'cli', name);
const TSX_CLI = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const work = mkdtempSync(join(tmpdir(), 'gapmap-site-'));

interface Run {
  code: number | null;
  stderr: string;
  out: string;
}

function site(name: string, args: string[]): Promise<Run> {
  const out = join(work, name);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX_CLI, 'scripts/site.ts', '--out', out, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr, out }));
  });
}

// Candidates on a 200 m lattice over the fixture's four townships; the exclusion zone is T4's west half.
const candidates = {
  type: 'FeatureCollection',
  features: Array.from({ length: 400 }, (_, n) => ({
    type: 'Feature',
    properties: { id: `K${n}` },
    geometry: { type: 'Point', coordinates: [102.5005 + (n % 20) * 0.002, 24.3005 + Math.floor(n / 20) * 0.002] },
  })),
};
const exclusion = { type: 'Polygon', coordinates: [[[102.52, 24.32], [102.53, 24.32], [102.53, 24.34], [102.52, 24.34], [102.52, 24.32]]] };
// Roads over the fixture: east–west and north–south lines every 0.004° (about 400 m).
const roads = {
  type: 'FeatureCollection',
  features: Array.from({ length: 22 }, (_, n) => {
    const at = 24.3 + (n % 11) * 0.004, across = 102.5 + (n % 11) * 0.004;
    const coordinates = n < 11 ? [[102.5, at], [102.54, at]] : [[across, 24.3], [across, 24.34]];
    return { type: 'Feature', properties: { highway: 'residential' }, geometry: { type: 'LineString', coordinates } };
  }),
};
const OWN_FILES = () => [
  '--boundaries', fixture('townships.geojson'),
  '--counties', fixture('counties.geojson'),
  '--facilities', fixture('daycare.geojson'), '--type', 'elder-daycare',
  '--population', fixture('population.geojson'),
  '--candidates', join(work, 'candidates.geojson'),
  '--exclude', join(work, 'exclude.geojson'),
];

const runs: Record<string, Run> = {};

beforeAll(async () => {
  writeFileSync(join(work, 'candidates.geojson'), JSON.stringify(candidates));
  writeFileSync(join(work, 'roads.geojson'), JSON.stringify(roads));
  const daycare = readFileSync(fixture('daycare.geojson'), 'utf8');
  const secondFeature = daycare.indexOf('"Feature"', daycare.indexOf('"Feature"') + 1);
  writeFileSync(join(work, 'daycare-cut.geojson'), daycare.slice(0, secondFeature + 40));
  const badCandidates = { ...candidates, features: [...candidates.features, { type: 'Feature', properties: { id: 'bad' }, geometry: { type: 'Point', coordinates: ['x', 24.31] } }] };
  writeFileSync(join(work, 'candidates-bad.geojson'), JSON.stringify(badCandidates));
  writeFileSync(join(work, 'exclude.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: exclusion }] }));
  const jobs = {
    own: site('own', [...OWN_FILES(), '--k', '3', '--radius', '500', '--spacing', '800']),
    demo: site('demo', ['--service', 'elder-daycare', '--k', '3', '--radius', '1000', '--no-exact']),
    badK: site('bad-k', ['--k', '0']),
    travel: site('travel', [...OWN_FILES(), '--k', '2', '--minutes', '15', '--mode', 'walk']),
    // Facilities that end early (the file cut mid-feature) and a candidate whose coordinate is not a number.
    truncated: site('truncated', [...OWN_FILES().map((a) => (a === fixture('daycare.geojson') ? join(work, 'daycare-cut.geojson') : a)), '--k', '2', '--radius', '500', '--no-exact']),
    truncatedKept: site('truncated-kept', [...OWN_FILES().map((a) => (a === fixture('daycare.geojson') ? join(work, 'daycare-cut.geojson') : a)), '--k', '2', '--radius', '500', '--no-exact', '--keep-readable-part']),
    badCandidate: site('bad-candidate', [...OWN_FILES().map((a) => (a === join(work, 'candidates.geojson') ? join(work, 'candidates-bad.geojson') : a)), '--k', '2', '--radius', '500', '--no-exact']),
    badCandidateKept: site('bad-candidate-kept', [...OWN_FILES().map((a) => (a === join(work, 'candidates.geojson') ? join(work, 'candidates-bad.geojson') : a)), '--k', '2', '--radius', '500', '--no-exact', '--allow-errors']),
    travelRoads: site('travel-roads', [...OWN_FILES(), '--k', '2', '--minutes', '10', '--mode', 'walk', '--roads', join(work, 'roads.geojson'), '--no-exact']),
  };
  for (const [name, job] of Object.entries(jobs)) runs[name] = await job;
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('npm run site', () => {
  it('writes sites (GeoJSON, CSV with BOM) and the before/after summary with the gap, on own files', () => {
    const run = runs.own;
    expect(run.code, run.stderr).toBe(0);
    const sites = JSON.parse(readFileSync(join(run.out, 'sites.geojson'), 'utf8'));
    expect(sites.features).toHaveLength(3);
    for (const feature of sites.features) expect(turf.booleanPointInPolygon(feature.geometry.coordinates, exclusion as never)).toBe(false);
    for (const a of sites.features) for (const b of sites.features) if (a !== b) expect(turf.distance(a.geometry.coordinates, b.geometry.coordinates, { units: 'meters' })).toBeGreaterThan(790);
    const csv = readFileSync(join(run.out, 'sites.csv'), 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(4);
    const summary = JSON.parse(readFileSync(join(run.out, 'summary.json'), 'utf8'));
    expect(summary.objective.gap).toBeGreaterThanOrEqual(0);
    expect(summary.objective.bound).toBeGreaterThanOrEqual(summary.objective.value);
    expect(summary.coverage.after - summary.coverage.before).toBeCloseTo(summary.objective.value, 6);
    expect(summary.objective.method.en).toMatch(/greedy|mixed-integer/);
    const markdown = readFileSync(join(run.out, 'summary.md'), 'utf8');
    expect(markdown).toContain('最优性差距 Optimality gap');
  });

  it('runs on the demo region', () => {
    const run = runs.demo;
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(run.out, 'summary.json'), 'utf8'));
    expect(summary.sites).toHaveLength(3);
    expect(summary.notice).not.toBeNull();
    expect(summary.rules.length).toBeGreaterThan(10);
  });

  it('rejects bad arguments and unsupported reach with Chinese and English messages', () => {
    expect(runs.badK.code).toBe(2);
    expect(runs.badK.stderr).toMatch(/--k 应为正数/);
    expect(runs.badK.stderr).toMatch(/--k must be a positive number/);
    expect(runs.travel.code).toBe(1);
    expect(runs.travel.stderr).toMatch(/道路图层/);
    expect(runs.travel.stderr).toMatch(/road layer/);
  });

  it('stops on bad input unless --keep-readable-part, which sites on the rest and says what was left out', () => {
    expect(runs.truncated.code).toBe(1);
    expect(runs.truncated.stderr).toContain('daycare-cut.geojson');
    expect(runs.truncated.stderr).toMatch(/--keep-readable-part/);
    expect(runs.truncated.stderr).not.toMatch(/\[done\]/);
    const kept = runs.truncatedKept;
    expect(kept.code, kept.stderr).toBe(0);
    // The complete first feature is kept; the line says where the file ends and how much was not read.
    expect(kept.stderr).toMatch(/daycare-cut\.geojson: the file ends early at byte \d+: 1 features read/);
    expect(kept.stderr).toMatch(/daycare-cut\.geojson：文件在第 \d+ 字节处提前结束/);
    expect(JSON.parse(readFileSync(join(kept.out, 'sites.geojson'), 'utf8')).features).toHaveLength(2);

    expect(runs.badCandidate.code).toBe(1);
    expect(runs.badCandidate.stderr).toMatch(/candidates-bad\.geojson: 1 features\/rows left out/);
    expect(runs.badCandidate.stderr).toMatch(/略去 1 个要素\/行/);
    const candidatesKept = runs.badCandidateKept;
    expect(candidatesKept.code, candidatesKept.stderr).toBe(0);
    expect(candidatesKept.stderr).toMatch(/candidates-bad\.geojson: 1 features\/rows left out/);
    expect(JSON.parse(readFileSync(join(candidatesKept.out, 'sites.geojson'), 'utf8')).features).toHaveLength(2);
  });

  it('sites by travel time over --roads (--minutes, --mode)', () => {
    const run = runs.travelRoads;
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(run.out, 'summary.json'), 'utf8'));
    expect(JSON.stringify(report)).toMatch(/10 min walking|步行 10 分钟/);
    const sites = JSON.parse(readFileSync(join(run.out, 'sites.geojson'), 'utf8'));
    expect(sites.features).toHaveLength(2);
  });
});
