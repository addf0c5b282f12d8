// projectedToGeographic against proj4's own transform, to the bit: on the definitions gapmap meets
// (CGCS2000 Gauss–Krüger 3° and 6° zones with and without false easting prefixes, UTM on WGS84)
// where it calls the projection's inverse directly, and on ones it must leave to proj4 (a datum
// shift, feet, a southern axis) — over a seeded sample of points across each zone.
import { describe, expect, it } from 'vitest';
import proj4 from 'proj4';
import { projectedToGeographic } from '../../src/core/geodesy/projected-to-geographic.ts';
import { createRandom } from '../../scripts/demo/seeded-random.ts';

const DEFINITIONS = [
  '+proj=tmerc +lat_0=0 +lon_0=102 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs', // EPSG:4543
  '+proj=tmerc +lat_0=0 +lon_0=102 +k=1 +x_0=34500000 +y_0=0 +ellps=GRS80 +units=m +no_defs', // EPSG:4522
  '+proj=tmerc +lat_0=0 +lon_0=105 +k=1 +x_0=18500000 +y_0=0 +ellps=GRS80 +units=m +no_defs', // 6° zone 18
  '+proj=utm +zone=48 +datum=WGS84 +units=m +no_defs', // EPSG:32648
  '+proj=tmerc +lat_0=0 +lon_0=102 +k=1 +x_0=500000 +y_0=0 +ellps=krass +towgs84=15.8,-154.4,-82.3,0,0,0,0 +units=m +no_defs', // Beijing 1954-like
  '+proj=tmerc +lat_0=0 +lon_0=102 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=ft +no_defs',
  '+proj=tmerc +lat_0=0 +lon_0=102 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +axis=wsu +units=m +no_defs',
];

describe('projectedToGeographic', () => {
  it('gives proj4\'s transform to the bit', () => {
    const random = createRandom(11);
    for (const definition of DEFINITIONS) {
      const reference = proj4(definition, 'EPSG:4326');
      const fast = projectedToGeographic(definition);
      const falseEasting = Number(/\+x_0=(\d+)/.exec(definition)?.[1] ?? 500000);
      for (let i = 0; i < 500; i++) {
        const x = falseEasting + random.range(-250_000, 250_000);
        const y = random.range(2_300_000, 3_000_000);
        const expected = reference.forward([x, y]);
        expect(fast(x, y), `${definition} at ${x}, ${y}`).toEqual([expected[0], expected[1]]);
      }
    }
  });

  it('refuses coordinates that are not finite numbers, as proj4 does', () => {
    const fast = projectedToGeographic(DEFINITIONS[0]);
    expect(() => fast(NaN, 2_700_000)).toThrow(TypeError);
    expect(() => proj4(DEFINITIONS[0], 'EPSG:4326').forward([NaN, 2_700_000])).toThrow(TypeError);
  });
});
