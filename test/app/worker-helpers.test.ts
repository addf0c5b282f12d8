import { describe, expect, it } from 'vitest';
import geographiclib from 'geographiclib-geodesic';
import { copyForTransfer } from '../../workers/copy-for-transfer.ts';
import { buildCoverageDiscs } from '../../workers/coverage-discs.ts';
import type { Dataset } from '../../src/core/types.ts';

describe('results across the worker boundary', () => {
  it('transfers copies of typed arrays, leaving the engine’s own buffers attached', () => {
    const cached = new Float64Array([1, 2, 3]);
    const result = { townships: { areaKm2: cached }, list: [1, 2], nested: { flags: new Uint8Array([1, 0]) } };
    const { value, transfer } = copyForTransfer(result);
    expect(transfer.length).toBe(2);
    const { port1, port2 } = new MessageChannel();
    port1.postMessage(value, transfer);
    port1.close();
    port2.close();
    expect(value.townships.areaKm2.byteLength).toBe(0); // the copy moved (detached)
    expect(cached.byteLength).toBe(24); // the engine's array did not
    expect(Array.from(cached)).toEqual([1, 2, 3]);
  });
});

describe('coverage discs', () => {
  it('draws geodesic circles: every vertex lies at the radius on the ellipsoid', () => {
    const geodesic = geographiclib.Geodesic.WGS84;
    const dataset = {
      facilities: [
        { id: 'a', type: 'nursery', name: 'a', lon: 102.54, lat: 24.35, properties: {} },
        { id: 'b', type: 'broadcast-terminal', name: 'b', lon: 101.6, lat: 23.6, properties: { audible_radius_m: 450 } },
      ],
    } as unknown as Dataset;
    const discs = buildCoverageDiscs(dataset, Uint32Array.from([0, 1]), 5000, 'audible_radius_m');
    expect(discs.features.map((feature) => feature.properties.radius_m)).toEqual([5000, 450]);
    for (const feature of discs.features) {
      const facility = dataset.facilities[feature.id];
      for (const [lon, lat] of feature.geometry.coordinates[0]) {
        const { s12 } = geodesic.Inverse(facility.lat, facility.lon, lat, lon);
        expect(Math.abs(s12! - feature.properties.radius_m)).toBeLessThan(0.5);
      }
    }
  });
});
