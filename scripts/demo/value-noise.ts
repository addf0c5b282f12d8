// Smooth seeded 2-D value noise (fractional Brownian motion) for terrain-like fields:
// growth costs of the synthetic borders and where people live.
import { hashSeed } from './seeded-random.ts';

function lattice(seed: number, ix: number, iy: number): number {
  let h = Math.imul(ix, 0x27d4eb2d) ^ Math.imul(iy, 0x165667b1) ^ seed;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

const smooth = (t: number): number => t * t * (3 - 2 * t);

function valueNoise(seed: number, x: number, y: number): number {
  const ix = Math.floor(x);
  const iy = Math.floor(y);
  const fx = smooth(x - ix);
  const fy = smooth(y - iy);
  const a = lattice(seed, ix, iy);
  const b = lattice(seed, ix + 1, iy);
  const c = lattice(seed, ix, iy + 1);
  const d = lattice(seed, ix + 1, iy + 1);
  return a + (b - a) * fx + (c - a) * fy + (a - b - c + d) * fx * fy;
}

/** A noise field in [0, 1) over projected metres, with the given feature size (m) and octaves. */
export function createNoiseField(seed: number, featureMetres: number, octaves = 4): (x: number, y: number) => number {
  const seeds = Array.from({ length: octaves }, (_, i) => hashSeed(seed, 'octave', i));
  let norm = 0;
  for (let i = 0; i < octaves; i++) norm += 0.5 ** i;
  return (x, y) => {
    let sum = 0;
    let frequency = 1 / featureMetres;
    for (let i = 0; i < octaves; i++) {
      sum += 0.5 ** i * valueNoise(seeds[i], x * frequency, y * frequency);
      frequency *= 2;
    }
    return sum / norm;
  };
}
