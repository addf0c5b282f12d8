// A local conformal projection for measuring: ellipsoidal transverse Mercator (GRS80, which is
// the CGCS2000 ellipsoid to within 0.1 mm in the semi-minor axis) centred on the data's own
// central meridian, scale 1 on it, no false origin. Distances and areas on the ellipsoid are
// recovered from the projected plane with the point scale factor k (see scaleFactor): a geodesic
// circle of radius R is, to within millimetres at service radii, the plane circle of radius R·k,
// and an ellipsoidal area is the projected area divided by k².
import proj4 from 'proj4';

/** GRS80 (CGCS2000) semi-major axis and first eccentricity squared. */
const SEMI_MAJOR_AXIS = 6378137;
const FLATTENING = 1 / 298.257222101;
const ECCENTRICITY_SQUARED = FLATTENING * (2 - FLATTENING);
/** proj4's own factors (its D2R and R2D), so that radians and degrees match its transform exactly. */
const DEGREES_TO_RADIANS = 0.01745329251994329577;
const RADIANS_TO_DEGREES = 57.29577951308232088;

export interface LocalProjection {
  /** Central meridian, degrees. */
  readonly centralMeridian: number;
  /** The latitude whose northing is subtracted (0: none): with the meridian, all that makes the projection. */
  readonly centralLatitude: number;
  /** Northing offset subtracted so projected coordinates stay small (metres). */
  readonly originNorthing: number;
  readonly proj4Definition: string;
  forward(lon: number, lat: number): [number, number];
  inverse(x: number, y: number): [number, number];
  /** Projects lon/lat arrays into new x/y arrays (metres). */
  forwardArrays(lon: ArrayLike<number>, lat: ArrayLike<number>): { x: Float64Array; y: Float64Array };
  /** Point scale factor k at a projected easting x (metres from the central meridian) and latitude. */
  scaleFactor(x: number, latDegrees: number): number;
}

/**
 * Point scale factor of the ellipsoidal transverse Mercator with k0 = 1:
 * k = 1 + x²/(2ρν) + x⁴/(24ρ²ν²) (Krüger/Redfearn series; the truncation is below 1e-12 for
 * |x| < 300 km), with ρ, ν the meridional and prime-vertical radii at the latitude.
 */
function transverseMercatorScaleFactor(x: number, latDegrees: number): number {
  const sinLat = Math.sin((latDegrees * Math.PI) / 180);
  const w = 1 - ECCENTRICITY_SQUARED * sinLat * sinLat;
  const nu = SEMI_MAJOR_AXIS / Math.sqrt(w);
  const rho = (SEMI_MAJOR_AXIS * (1 - ECCENTRICITY_SQUARED)) / (w * Math.sqrt(w));
  const q = (x * x) / (rho * nu);
  return 1 + q / 2 + (q * q) / 24;
}

export function createLocalProjection(centralMeridian: number, centralLatitude = 0): LocalProjection {
  const proj4Definition = `+proj=tmerc +lat_0=0 +lon_0=${centralMeridian} +k=1 +x_0=0 +y_0=0 +ellps=GRS80 +units=m +no_defs`;
  const converter = proj4('EPSG:4326', proj4Definition);
  // The projection's own forward and inverse on radians, without proj4's per-point transform
  // wrapper (axis, datum and unit steps that change nothing from WGS84 degrees to this tmerc on
  // GRS80): half the time on a province's 28 M cells, the same numbers to the bit
  // (test/geodesy/forward-arrays.test.ts). As the wrapper does, a coordinate that is not a finite
  // number throws, and a point the projection cannot take gives NaN.
  const planar = new proj4.Proj(proj4Definition);
  const originNorthing = centralLatitude === 0 ? 0 : converter.forward([centralMeridian, centralLatitude])[1];
  const finite = (a: number, b: number) => {
    if (!Number.isFinite(a) || !Number.isFinite(b)) throw new TypeError('coordinates must be finite numbers');
  };
  return {
    centralMeridian,
    centralLatitude,
    originNorthing,
    proj4Definition,
    forward(lon, lat) {
      finite(lon, lat);
      const projected = planar.forward({ x: lon * DEGREES_TO_RADIANS, y: lat * DEGREES_TO_RADIANS });
      return projected ? [projected.x, projected.y - originNorthing] : [NaN, NaN];
    },
    inverse(x, y) {
      const northing = y + originNorthing;
      finite(x, northing);
      const geographic = planar.inverse({ x, y: northing });
      return geographic ? [geographic.x * RADIANS_TO_DEGREES, geographic.y * RADIANS_TO_DEGREES] : [NaN, NaN];
    },
    forwardArrays(lon, lat) {
      const n = lon.length;
      const x = new Float64Array(n);
      const y = new Float64Array(n);
      const point = { x: 0, y: 0 };
      for (let i = 0; i < n; i++) {
        point.x = lon[i] * DEGREES_TO_RADIANS;
        point.y = lat[i] * DEGREES_TO_RADIANS;
        const projected = planar.forward(point);
        x[i] = projected.x;
        y[i] = projected.y - originNorthing;
      }
      return { x, y };
    },
    scaleFactor: transverseMercatorScaleFactor,
  };
}

/** A projection centred on the middle of a lon/lat bounding box. */
export function createProjectionForExtent(minLon: number, minLat: number, maxLon: number, maxLat: number): LocalProjection {
  return createLocalProjection((minLon + maxLon) / 2, (minLat + maxLat) / 2);
}
