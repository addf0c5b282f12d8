// What an imported layer is for, guessed from its geometry and fields (the planner can change it):
// polygons are boundaries, a `level` field (级别/层级) saying county or township picks which; lines are
// roads; points are population when they carry a head-count field and no type field (a cell export),
// else facilities.
import type { AdminLevel } from '../types.ts';
import { guessFieldMapping, type LayerRole } from '../import/guess-field-mapping.ts';

interface LayerShape {
  geometryTypes: string[];
  fields: { name: string; numeric: boolean }[];
  features: { properties: Record<string, unknown> | null }[];
}

const LEVEL_FIELDS = /^(level|admin_?level|级别|层级|行政级别)$/i;
const COUNTY = /^(county|district|县|区|县级|区县|县区|县（市、区）|county-level)$|县$|区$/i;
const TOWNSHIP = /^(township|town|street|乡镇|街道|乡|镇|乡级|乡镇级|乡镇（街道）)$|乡$|镇$|街道$/i;

/** The level a boundaries layer's level field names (its most common value), if any. */
function guessAdminLevel(layer: LayerShape): AdminLevel | undefined {
  const field = layer.fields.find((candidate) => LEVEL_FIELDS.test(candidate.name.trim()));
  if (!field) return undefined;
  let county = 0;
  let township = 0;
  for (const feature of layer.features.slice(0, 1000)) {
    const value = String(feature.properties?.[field.name] ?? '').trim();
    if (TOWNSHIP.test(value)) township++;
    else if (COUNTY.test(value)) county++;
  }
  if (county === 0 && township === 0) return undefined;
  return county > township ? 'county' : 'township';
}

export function guessLayerRole(layer: LayerShape): { role: LayerRole; level?: AdminLevel } {
  if (layer.geometryTypes.some((type) => type.endsWith('Polygon'))) {
    const level = guessAdminLevel(layer);
    return level ? { role: 'boundaries', level } : { role: 'boundaries' };
  }
  if (layer.geometryTypes.some((type) => type.endsWith('LineString'))) return { role: 'roads' };
  const population = guessFieldMapping(layer, 'population').populationField;
  const type = guessFieldMapping(layer, 'facilities').typeField;
  return { role: population && !type ? 'population' : 'facilities' };
}
