// A function from a file's coordinates to WGS84 lon/lat for a resolved coordinate system.
// CGCS2000 and WGS84 are taken as identical (they differ by a few centimetres in Yunnan, far below
// the precision of planning data).
import { projectedToGeographic } from '../geodesy/projected-to-geographic.ts';
import type { CrsInfo } from './coordinate-systems.ts';

export type PositionTransform = (x: number, y: number) => [number, number];

export async function createTransform(info: CrsInfo): Promise<PositionTransform | undefined> {
  switch (info.kind) {
    case 'geographic':
      return undefined;
    case 'gcj02': {
      const { gcj02ToWgs84 } = await import('./convert-china-offsets.ts');
      return gcj02ToWgs84;
    }
    case 'bd09': {
      const { bd09ToWgs84 } = await import('./convert-china-offsets.ts');
      return bd09ToWgs84;
    }
    case 'projected':
      return projectedToGeographic(info.proj4 as string);
  }
}
