// The generator: deterministic (same seed → same bytes), the committed files equal a fresh
// generation (they cannot drift), size limit, and the in-memory generateRegion for benchmarks.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_FILE_NAMES } from '../../src/core/dataset/demo-files.ts';
import { DEMO_DIRECTORY, loadDemoDataset } from '../../scripts/lib/load-demo-dataset.ts';
import { DEMO_SEED, demoOptions } from '../../scripts/demo/demo-config.ts';
import { generateRegion, generateRegionWithFiles } from '../../scripts/demo/generate-region.ts';
import { serializeDemoFiles } from '../../scripts/demo/serialize-demo-files.ts';
import { readDemoText } from './demo-files.ts';

describe('demo generator', () => {
  const first = serializeDemoFiles(generateRegionWithFiles(demoOptions()), DEMO_SEED);

  it('is deterministic: the same seed gives byte-identical files, another seed does not', () => {
    const second = serializeDemoFiles(generateRegionWithFiles(demoOptions()), DEMO_SEED);
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [name, text] of first) expect(second.get(name) === text, name).toBe(true);
    const other = serializeDemoFiles(generateRegionWithFiles(demoOptions(DEMO_SEED + 1)), DEMO_SEED + 1);
    expect(other.get('townships.geojson') === first.get('townships.geojson')).toBe(false);
  });

  it('matches the committed data/demo/ files (run `npm run generate:demo` after changing the generator)', () => {
    for (const name of DEMO_FILE_NAMES) expect(first.has(name), name).toBe(true);
    for (const [name, text] of first) expect(readDemoText(name) === text, `${name} differs from a fresh generation`).toBe(true);
  });

  it('keeps data/demo/ under 5 MB', () => {
    const total = readdirSync(DEMO_DIRECTORY).reduce((sum, name) => sum + statSync(join(DEMO_DIRECTORY, name)).size, 0);
    expect(total).toBeLessThan(5 * 1024 * 1024);
  });

  it('loads into the core Dataset with what the rules need', () => {
    const dataset = loadDemoDataset();
    expect(dataset.info.synthetic).toBe(true);
    expect(dataset.info.source).toMatch(/合成演示数据（几何为虚构）/);
    expect(dataset.townships).toHaveLength(76);
    expect(dataset.counties).toHaveLength(9);
    expect(dataset.townships.every((t) => t.parentCode === t.code.slice(0, 6) && t.level === 'township')).toBe(true);
    expect(dataset.areas.map((a) => a.code)).toEqual(['central-city']);
    const types = new Set(dataset.facilities.map((f) => f.type));
    for (const type of [
      'nursery', 'elder-regional-centre', 'elder-daycare', 'elder-institution', 'county-disability-care', 'county-destitute-care',
      'kindergarten', 'broadcast-terminal', 'hospital', 'township-health-centre', 'high-school', 'minor-protection-platform',
      'culture-centre', 'special-ed-resource-centre',
    ]) expect(types.has(type), type).toBe(true);
    expect(dataset.facilities.filter((f) => f.type === 'nursery').every((f) => Number.isInteger(f.capacity))).toBe(true);
    const terminals = dataset.facilities.filter((f) => f.type === 'broadcast-terminal');
    expect(terminals.every((f) => Number(f.properties.audible_radius_m) >= 300 && Number(f.properties.audible_radius_m) <= 500)).toBe(true);
    expect(new Set(dataset.places.map((p) => p.kind))).toEqual(new Set(['urban-community', 'resettlement-site', 'disaster-prone-village']));
    expect(new Set(dataset.facilities.map((f) => f.id)).size).toBe(dataset.facilities.length);
    // a mix of passes and fails against the plan (see data/demo/README.md)
    const vaccinationBelow = dataset.townships.filter((t) => Number(t.properties.vaccination_rate) < 90).length;
    expect(vaccinationBelow).toBeGreaterThanOrEqual(2);
    expect(vaccinationBelow).toBeLessThanOrEqual(3);
    const disabilityCounties = new Set(dataset.facilities.filter((f) => f.type === 'county-disability-care').map((f) => f.properties.county_code));
    expect(disabilityCounties.size).toBe(8);
  });

  it('generates a larger synthetic region in memory with exact counts', () => {
    const dataset = generateRegion({ seed: 7, townshipCount: 60, facilityCount: 2500, targetCellCount: 40000 });
    expect(dataset.townships).toHaveLength(60);
    expect(dataset.facilities).toHaveLength(2500);
    expect(dataset.population.population.length).toBeGreaterThanOrEqual(40000);
    expect(dataset.population.population.length).toBeLessThanOrEqual(40060);
    expect(dataset.info.synthetic).toBe(true);
    const again = generateRegion({ seed: 7, townshipCount: 60, facilityCount: 2500, targetCellCount: 40000 });
    expect(again.townships.map((t) => JSON.stringify(t.geometry))).toEqual(dataset.townships.map((t) => JSON.stringify(t.geometry)));
    expect(Array.from(again.population.population)).toEqual(Array.from(dataset.population.population));
  });
});
