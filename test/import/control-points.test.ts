// Every coordinate conversion against control points whose truth is computed here, independently of
// the importer's code path: GCJ-02 and BD-09 from their published forward formulas (the inverse is
// what the importer implements), Gauss–Krüger from Krüger's n-series (Karney 2011, to n⁴) rather
// than proj4. Distances are geodesic (GeographicLib, WGS84).
import { describe, expect, it } from 'vitest';
import { importLayer } from '../../src/core/import/import-layer.ts';
import { geodesicDistance } from '../helpers/geodesic-reference.ts';

// ---- published GCJ-02 forward formula (Krasovsky 1940 constants) --------------------------------
const KRASOVSKY_A = 6378245.0;
const KRASOVSKY_EE = 0.00669342162296594323;
function transformLat(x: number, y: number): number {
  let ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  ret += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  ret += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  ret += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return ret;
}
function transformLon(x: number, y: number): number {
  let ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  ret += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  ret += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  ret += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return ret;
}
function wgs84ToGcj02(lon: number, lat: number): [number, number] {
  let dLat = transformLat(lon - 105.0, lat - 35.0);
  let dLon = transformLon(lon - 105.0, lat - 35.0);
  const radLat = (lat / 180.0) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - KRASOVSKY_EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / (((KRASOVSKY_A * (1 - KRASOVSKY_EE)) / (magic * sqrtMagic)) * Math.PI);
  dLon = (dLon * 180.0) / ((KRASOVSKY_A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return [lon + dLon, lat + dLat];
}
// ---- published BD-09 forward formula (from GCJ-02) -----------------------------------------------
function gcj02ToBd09(lon: number, lat: number): [number, number] {
  const xPi = (Math.PI * 3000.0) / 180.0;
  const z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * xPi);
  const theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * xPi);
  return [z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006];
}

// ---- Krüger n-series transverse Mercator forward (Karney 2011, eqs. 7–11, to n⁴) -------------------
function krugerForward(lon: number, lat: number, centralMeridian: number, falseEasting: number): [number, number] {
  const a = 6378137;
  const f = 1 / 298.257222101; // CGCS2000 = GRS80
  const n = f / (2 - f);
  const n2 = n * n;
  const n3 = n2 * n;
  const n4 = n3 * n;
  const A = (a / (1 + n)) * (1 + n2 / 4 + n4 / 64);
  const alpha = [n / 2 - (2 * n2) / 3 + (5 * n3) / 16 + (41 * n4) / 180, (13 * n2) / 48 - (3 * n3) / 5 + (557 * n4) / 1440, (61 * n3) / 240 - (103 * n4) / 140, (49561 * n4) / 161280];
  const e = (2 * Math.sqrt(n)) / (1 + n);
  const phi = (lat * Math.PI) / 180;
  const lambda = ((lon - centralMeridian) * Math.PI) / 180;
  const t = Math.sinh(Math.atanh(Math.sin(phi)) - e * Math.atanh(e * Math.sin(phi)));
  const xiPrime = Math.atan2(t, Math.cos(lambda));
  const etaPrime = Math.atanh(Math.sin(lambda) / Math.sqrt(1 + t * t));
  let xi = xiPrime;
  let eta = etaPrime;
  alpha.forEach((coefficient, index) => {
    const j = 2 * (index + 1);
    xi += coefficient * Math.sin(j * xiPrime) * Math.cosh(j * etaPrime);
    eta += coefficient * Math.cos(j * xiPrime) * Math.sinh(j * etaPrime);
  });
  return [falseEasting + A * eta, A * xi];
}

const csv = (rows: Array<[string, number, number]>): Uint8Array =>
  new TextEncoder().encode(['名称,lng,lat', ...rows.map(([name, lon, lat]) => `${name},${lon.toFixed(10)},${lat.toFixed(10)}`)].join('\n'));

const TRUTHS: Array<[string, number, number]> = [
  ['玉溪市政府', 102.5467, 24.352],
  ['元江', 101.99, 23.6],
  ['新平', 101.99, 24.07],
  ['昆明', 102.712, 25.04],
  ['北京', 116.391, 39.907],
  ['上海', 121.47, 31.23],
  ['乌鲁木齐', 87.6, 43.8],
  ['海口', 110.3, 20.0],
];

describe('GCJ-02 and BD-09 to WGS84', () => {
  it('reproduces the offset SOURCES.md states for Yuxi (+0.00125° lon, −0.00307° lat)', () => {
    const [lon, lat] = wgs84ToGcj02(102.5467, 24.352);
    // The stated figures are rounded to 0.00001°.
    expect(Math.abs(lon - 102.5467 - 0.00125)).toBeLessThan(1e-5);
    expect(Math.abs(lat - 24.352 + 0.00307)).toBeLessThan(1e-5);
  });

  const offsets: Array<{ crs: string; forward: (lon: number, lat: number) => [number, number] }> = [
    { crs: 'gcj02', forward: wgs84ToGcj02 },
    { crs: 'bd09', forward: (lon, lat) => gcj02ToBd09(...wgs84ToGcj02(lon, lat)) },
  ];
  it.each(offsets)('$crs → WGS84 recovers the truth to < 1 m (measured: < 1 mm)', async ({ crs, forward }) => {
    const result = await importLayer([{ name: 'shifted.csv', bytes: csv(TRUTHS.map(([name, lon, lat]) => [name, ...forward(lon, lat)])) }], { crs });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    let worst = 0;
    result.value.features.forEach((feature, i) => {
      const [lon, lat] = (feature.geometry as { coordinates: number[] }).coordinates;
      worst = Math.max(worst, geodesicDistance(lon, lat, TRUTHS[i][1], TRUTHS[i][2]));
    });
    expect(worst).toBeLessThan(1);
    expect(worst).toBeLessThan(0.001);
    if (process.env.REPORT_ACCURACY) console.info(`${crs} worst error ${worst} m`);
  });
});

describe('CGCS2000 Gauss–Krüger to geographic', () => {
  const YUXI: Array<[number, number]> = [
    [102.5467, 24.352],
    [101.1, 23.4],
    [103.4, 24.9],
    [102.0, 24.0],
  ];
  const cases: Array<{ crs: string; centralMeridian: number; falseEasting: number }> = [
    { crs: 'EPSG:4522', centralMeridian: 102, falseEasting: 34_500_000 },
    { crs: 'EPSG:4543', centralMeridian: 102, falseEasting: 500_000 },
    { crs: 'EPSG:4496', centralMeridian: 105, falseEasting: 18_500_000 },
    { crs: 'EPSG:4507', centralMeridian: 105, falseEasting: 500_000 },
  ];
  it.each(cases)('$crs: GK point → geographic truth to < 0.1 m', async ({ crs, centralMeridian, falseEasting }) => {
    const features = YUXI.map(([lon, lat], i) => ({ type: 'Feature', properties: { i }, geometry: { type: 'Point', coordinates: krugerForward(lon, lat, centralMeridian, falseEasting) } }));
    const bytes = new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features }));
    const result = await importLayer([{ name: 'gk.geojson', bytes }], { crs });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.crs).toMatchObject({ applied: crs, source: 'user' });
    let worst = 0;
    result.value.features.forEach((feature, i) => {
      const [lon, lat] = (feature.geometry as { coordinates: number[] }).coordinates;
      worst = Math.max(worst, geodesicDistance(lon, lat, YUXI[i][0], YUXI[i][1]));
    });
    expect(worst).toBeLessThan(0.1);
    expect(worst).toBeLessThan(0.001);
    if (process.env.REPORT_ACCURACY) console.info(`${crs} worst error ${worst} m`);
  });

  it('the Krüger series itself is right on the central meridian (northing = meridian arc by numerical integration)', () => {
    const a = 6378137;
    const f = 1 / 298.257222101;
    const e2 = f * (2 - f);
    const phi = (24.352 * Math.PI) / 180;
    const steps = 20000;
    let arc = 0;
    for (let i = 0; i <= steps; i++) {
      const t = (phi * i) / steps;
      const weight = i === 0 || i === steps ? 1 : i % 2 === 1 ? 4 : 2;
      arc += weight * ((a * (1 - e2)) / Math.pow(1 - e2 * Math.sin(t) ** 2, 1.5));
    }
    arc *= phi / steps / 3;
    const [easting, northing] = krugerForward(102, 24.352, 102, 34_500_000);
    expect(easting).toBeCloseTo(34_500_000, 6);
    expect(Math.abs(northing - arc)).toBeLessThan(0.001);
  });
});
