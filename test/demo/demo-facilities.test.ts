// Facilities and places of the demo: inside the township they name, urban communities in urban
// streets, county-level institutions in their county, ids unique.
import { describe, expect, it } from 'vitest';
import { loadDemoDataset } from '../../scripts/lib/load-demo-dataset.ts';
import { createUnitLocator } from './ring-checks.ts';

const dataset = loadDemoDataset();
const locate = createUnitLocator(dataset.townships);

describe('demo facilities and places', () => {
  it('places every facility and place inside the township its township_code names', () => {
    for (const item of [...dataset.facilities, ...dataset.places]) {
      const k = locate(item.lon, item.lat);
      expect(k, item.id).toBeGreaterThanOrEqual(0);
      expect(dataset.townships[k].code, item.id).toBe(item.properties.township_code);
      expect(dataset.townships[k].parentCode, item.id).toBe(item.properties.county_code);
    }
  });

  it('puts urban communities in urban streets and county institutions near their county seat town', () => {
    const urban = new Set(dataset.townships.filter((t) => t.properties.urban).map((t) => t.code));
    const communities = dataset.places.filter((p) => p.kind === 'urban-community');
    expect(communities.length).toBeGreaterThan(100);
    expect(communities.every((p) => urban.has(String(p.properties.township_code)))).toBe(true);
    for (const type of ['county-destitute-care', 'county-disability-care']) {
      expect(dataset.facilities.filter((f) => f.type === type).every((f) => urban.has(String(f.properties.township_code)))).toBe(true);
    }
  });

  it('gives hospitals paediatricians near but below 1.0 per 1,000 children city-wide', () => {
    const children = dataset.population.cohorts.age0_14.reduce((s, v) => s + v, 0);
    const hospitals = dataset.facilities.filter((f) => f.type === 'hospital');
    expect(hospitals.every((f) => Number.isInteger(f.properties.paediatricians) && Number(f.properties.paediatricians) > 0)).toBe(true);
    const paediatricians = hospitals.reduce((s, f) => s + Number(f.properties.paediatricians), 0);
    const perThousand = (1000 * paediatricians) / children;
    expect(perThousand).toBeGreaterThan(0.8);
    expect(perThousand).toBeLessThan(0.95);
  });

  it('gives ids that are unique and names in Chinese', () => {
    const ids = [...dataset.facilities, ...dataset.places].map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const item of [...dataset.facilities, ...dataset.places]) expect(item.name).toMatch(/[\u4e00-\u9fff]/);
  });
});
