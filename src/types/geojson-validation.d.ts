// geojson-validation 1.0.2 ships no types. Only the functions gapmap calls are declared.
declare module 'geojson-validation' {
  /** With trace = true: the list of problems (empty when valid). */
  export function isFeature(feature: unknown, trace: true): string[];
  export function isFeature(feature: unknown, trace?: false): boolean;
  export function isGeometryObject(geometry: unknown, trace: true): string[];
  export function isGeometryObject(geometry: unknown, trace?: false): boolean;
  export function valid(object: unknown, trace: true): string[];
  export function valid(object: unknown, trace?: false): boolean;
}
