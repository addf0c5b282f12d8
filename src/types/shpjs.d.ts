// shpjs 6.2.0 ships no types. Only the parts gapmap calls are declared.
declare module 'shpjs' {
  /** Shapes of a .shp (no projection given: raw file coordinates); null for null shapes. */
  export function parseShp(shp: ArrayBuffer | ArrayBufferView, prj?: string | false): Array<Record<string, unknown> | null>;
  /** Records of a .dbf; `encoding` is a TextDecoder label (what a .cpg holds). */
  export function parseDbf(dbf: ArrayBuffer | ArrayBufferView, encoding?: string): Array<Record<string, unknown>>;
  /** A zipped Shapefile (or its parts) → GeoJSON: one FeatureCollection, or one per layer. */
  export default function getShapefile(input: ArrayBuffer | ArrayBufferView): Promise<unknown>;
}
