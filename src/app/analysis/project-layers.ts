// What the project is made of, as the layer list shows it: the demo's synthetic layers still in
// use (named, counted), then each layer the planner imported with its role, file, feature count
// and coordinate system. Pure: the data-layers panel renders the rows, the import controller acts
// on their index.
import type { AcceptedImport, DatasetSummary } from '../../../workers/protocol.ts';
import type { LayerRole } from '../../core/import/guess-field-mapping.ts';
import type { SyntheticLayer } from '../../core/types.ts';
import { boundingBoxesIntersect, type BoundingBox } from '../../core/geometry/bounding-box.ts';

export type ProjectLayerRow =
  | { source: 'synthetic'; layer: SyntheticLayer; count: number | null }
  | { source: 'import'; index: number; role: LayerRole; name: string; count: number | null; crs: string | null; readablePart: AcceptedImport['readablePartKept'] | null };

function syntheticCount(layer: SyntheticLayer, summary: DatasetSummary): number | null {
  switch (layer) {
    case 'townships':
      return summary.townships.length;
    case 'counties':
      return summary.counties.length;
    case 'population':
      return summary.cellCount;
    case 'areas':
      return summary.areas.length;
    default:
      // Facilities and places may mix the demo's and the planner's: no single count for the demo's part.
      return null;
  }
}

export function listProjectLayers(imports: readonly AcceptedImport[], summary: DatasetSummary | undefined): ProjectLayerRow[] {
  const synthetic: ProjectLayerRow[] = summary?.info.synthetic
    ? (summary.info.syntheticLayers ?? []).map((layer) => ({ source: 'synthetic', layer, count: syntheticCount(layer, summary) }))
    : [];
  const imported: ProjectLayerRow[] = imports.map((accepted, index) => ({
    source: 'import',
    index,
    role: accepted.role,
    name: accepted.name ?? accepted.layer?.fileName ?? '',
    count: accepted.featureCount ?? accepted.layer?.features.length ?? null,
    crs: accepted.crs ?? null,
    readablePart: accepted.readablePartKept ?? null,
  }));
  return [...synthetic, ...imported];
}

/**
 * Whether accepting these boundaries should offer a project of their own: the project still shows
 * the demo's synthetic boundaries and the new ones lie wholly outside the demo region.
 */
export function isAnotherRegion(accepted: AcceptedImport, summary: DatasetSummary | undefined): boolean {
  if (accepted.role !== 'boundaries' || !accepted.extent || !summary?.info.synthetic) return false;
  if (!(summary.info.syntheticLayers ?? []).some((layer) => layer === 'townships' || layer === 'counties')) return false;
  return !boundingBoxesIntersect(accepted.extent, summary.bbox);
}

/** The planner's other layers worth keeping in a new project on `extent`: those that overlap it (or whose extent is unknown). */
export function importsWithin(imports: readonly AcceptedImport[], extent: BoundingBox): AcceptedImport[] {
  return imports.filter((accepted) => !accepted.extent || boundingBoxesIntersect(accepted.extent, extent));
}
