// Population cells (hundreds of thousands of points) are drawn as one raster image in Web
// Mercator pixel space, so the map shows them as an image source instead of as GeoJSON features.
// Rows are spaced in Mercator y, which makes MapLibre's linear placement between corners exact.

export type ImageCorners = [[number, number], [number, number], [number, number], [number, number]];

export interface CellImage {
  /** Drawn once; the map reads it as a canvas source (no PNG encoding on the main thread). */
  canvas: HTMLCanvasElement;
  coordinates: ImageCorners;
}

const mercatorY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
const latitudeOf = (y: number) => (360 / Math.PI) * Math.atan(Math.exp(y)) - 90;

export interface CellLayerInput {
  lon: ArrayLike<number>;
  lat: ArrayLike<number>;
  /** Weight per cell (population); cells with 0 are left transparent. */
  weight: ArrayLike<number>;
  /** Cells to draw (all when absent). */
  indices?: ArrayLike<number>;
  cellSizeMetres: number;
  /** RGB of the colour; alpha grows with weight. */
  rgb: [number, number, number];
}

export function renderCellImage(input: CellLayerInput): CellImage | null {
  const count = input.indices ? input.indices.length : input.lon.length;
  if (count === 0) return null;
  let west = Infinity;
  let east = -Infinity;
  let south = Infinity;
  let north = -Infinity;
  let maxWeight = 0;
  for (let k = 0; k < count; k++) {
    const i = input.indices ? input.indices[k] : k;
    const lon = input.lon[i];
    const lat = input.lat[i];
    if (lon < west) west = lon;
    if (lon > east) east = lon;
    if (lat < south) south = lat;
    if (lat > north) north = lat;
    if (input.weight[i] > maxWeight) maxWeight = input.weight[i];
  }
  const middleLat = (south + north) / 2;
  const degreesPerCell = input.cellSizeMetres / (111_320 * Math.cos((middleLat * Math.PI) / 180));
  west -= degreesPerCell / 2;
  east += degreesPerCell / 2;
  south -= degreesPerCell / 2;
  north += degreesPerCell / 2;
  const width = Math.min(2048, Math.max(1, Math.ceil((east - west) / degreesPerCell)));
  const yTop = mercatorY(north);
  const yBottom = mercatorY(south);
  const cellMercator = (degreesPerCell * Math.PI) / 180;
  const height = Math.min(2048, Math.max(1, Math.ceil((yTop - yBottom) / cellMercator)));
  const pixels = new Uint8ClampedArray(width * height * 4);
  const logMax = Math.log1p(maxWeight);
  for (let k = 0; k < count; k++) {
    const i = input.indices ? input.indices[k] : k;
    const weight = input.weight[i];
    if (!(weight > 0)) continue;
    const x = Math.min(width - 1, Math.floor(((input.lon[i] - west) / (east - west)) * width));
    const y = Math.min(height - 1, Math.floor(((yTop - mercatorY(input.lat[i])) / (yTop - yBottom)) * height));
    const offset = (y * width + x) * 4;
    pixels[offset] = input.rgb[0];
    pixels[offset + 1] = input.rgb[1];
    pixels[offset + 2] = input.rgb[2];
    pixels[offset + 3] = Math.max(pixels[offset + 3], 40 + Math.round((170 * Math.log1p(weight)) / (logMax || 1)));
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.getContext('2d')!.putImageData(new ImageData(pixels, width, height), 0, 0);
  const top = latitudeOf(yTop);
  const bottom = latitudeOf(yBottom);
  return {
    canvas,
    coordinates: [
      [west, top],
      [east, top],
      [east, bottom],
      [west, bottom],
    ],
  };
}
