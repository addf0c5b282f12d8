// The demo population grid against the census: county sums exact, every township populated,
// cohorts consistent, every cell centroid inside exactly one township (none in the lakes).
import { describe, expect, it } from 'vitest';
import { loadDemoDataset } from '../../scripts/lib/load-demo-dataset.ts';
import { createUnitLocator } from './ring-checks.ts';

const CENSUS_2020: Record<string, number> = {
  '530402': 588738, '530403': 253295, '530423': 289891, '530424': 190425, '530425': 151671,
  '530426': 143903, '530427': 262771, '530428': 195647, '530481': 173161,
};

/** 2020 census: % aged 0–14 per county (city 16.01%). */
const CHILDREN_PERCENT: Record<string, number> = {
  '530402': 14.83, '530403': 16.38, '530423': 17.06, '530424': 16.66, '530425': 13.99,
  '530426': 14.35, '530427': 16.68, '530428': 18.67, '530481': 16.13,
};

const dataset = loadDemoDataset();

/** Township index containing each cell centroid (−1: none); throws if one lies in two. */
function townshipOfCells(): Int32Array {
  const locate = createUnitLocator(dataset.townships);
  const { lon, lat } = dataset.population;
  return Int32Array.from(lon, (x, i) => locate(x, lat[i]));
}

describe('demo population grid', () => {
  const owner = townshipOfCells();

  it('puts every populated cell centroid inside exactly one township (none in a lake)', () => {
    expect(owner.every((t) => t >= 0)).toBe(true);
  });

  it('sums to the 2020 census per county and 2,249,502 in all', () => {
    const byCounty: Record<string, number> = {};
    let total = 0;
    dataset.population.population.forEach((people, i) => {
      const county = dataset.townships[owner[i]].parentCode as string;
      byCounty[county] = (byCounty[county] ?? 0) + people;
      total += people;
    });
    expect(byCounty).toEqual(CENSUS_2020);
    expect(total).toBe(2249502);
    for (const county of dataset.counties) expect(county.properties.population_2020).toBe(CENSUS_2020[county.code]);
  });

  it('gives every township people, towns denser than mountains', () => {
    const byTownship = new Float64Array(dataset.townships.length);
    dataset.population.population.forEach((people, i) => (byTownship[owner[i]] += people));
    expect(Math.min(...byTownship)).toBeGreaterThan(1000);
    const urban = dataset.townships.reduce((sum, t, k) => sum + (t.properties.urban ? byTownship[k] : 0), 0);
    expect(urban / 2249502).toBeGreaterThan(0.45);
    expect(urban / 2249502).toBeLessThan(0.75);
    const max = Math.max(...dataset.population.population);
    expect(max).toBeGreaterThan(300); // > 4,800 people/km² in the densest cells
  });

  it('has integer cohorts within each cell and plausible shares (0–3 ≈ 3.6%, 60+ older in the countryside)', () => {
    const { population, cohorts } = dataset.population;
    let young = 0, old = 0, total = 0, urbanOld = 0, urbanTotal = 0;
    population.forEach((people, i) => {
      const a = cohorts.age0_3[i];
      const b = cohorts.age60plus[i];
      expect(Number.isInteger(people) && Number.isInteger(a) && Number.isInteger(b)).toBe(true);
      expect(a + b).toBeLessThanOrEqual(people);
      young += a; old += b; total += people;
      if (dataset.townships[owner[i]].properties.urban) {
        urbanOld += b;
        urbanTotal += people;
      }
    });
    expect(young / total).toBeGreaterThan(0.033);
    expect(young / total).toBeLessThan(0.039);
    expect(old / total).toBeGreaterThan(0.16);
    expect(old / total).toBeLessThan(0.2);
    expect(urbanOld / urbanTotal).toBeLessThan((old - urbanOld) / (total - urbanTotal));
  });

  it('has children 0–14 per county at the census share, holding the 0–3s, disjoint from the 60+', () => {
    const { population, cohorts } = dataset.population;
    expect(Object.keys(cohorts).sort()).toEqual(['age0_14', 'age0_3', 'age60plus']);
    const children: Record<string, number> = {};
    const people: Record<string, number> = {};
    population.forEach((n, i) => {
      const a = cohorts.age0_3[i];
      const c = cohorts.age0_14[i];
      expect(Number.isInteger(c)).toBe(true);
      expect(a).toBeLessThanOrEqual(c);
      expect(c + cohorts.age60plus[i]).toBeLessThanOrEqual(n);
      const county = dataset.townships[owner[i]].parentCode as string;
      children[county] = (children[county] ?? 0) + c;
      people[county] = (people[county] ?? 0) + n;
    });
    for (const [county, percent] of Object.entries(CHILDREN_PERCENT)) {
      expect(Math.abs(children[county] - (people[county] * percent) / 100), county).toBeLessThanOrEqual(0.5);
    }
    const total = Object.values(children).reduce((s, v) => s + v, 0);
    expect(total / 2249502).toBeCloseTo(0.1601, 3);
    // spatial variation like the 0–3s: the share differs between cells of one county
    const shares = new Set<number>();
    population.forEach((n, i) => n >= 200 && shares.add(Math.round((1000 * cohorts.age0_14[i]) / n)));
    expect(shares.size).toBeGreaterThan(20);
  });
});
