// GeoJSON line features (from src/core/import, i.e. GeoJSON, NDJSON or a Shapefile already in
// WGS84) → RoadLines, with a count of what was left out and why. A layer whose class field is
// missing or holds unknown values still loads: those roads take `defaultClass` and the report says
// how many did.
import { fail, ok, type Result } from '../types.ts';
import type { ImportedFeature } from '../geojson-types.ts';
import { ROAD_CLASS_IDS, type RoadClassId } from './road-classes.ts';
import { chooseAttributeFields, readRoadAttributes, type AttributeFields } from './read-road-attributes.ts';
import { createRoadLinesBuilder, type RoadLines } from './road-lines.ts';

export interface ReadRoadOptions extends AttributeFields {
  /** Class given to roads whose class is missing or not recognised (default 'village'). */
  defaultClass?: RoadClassId;
}

export interface RoadReadReport {
  features: number;
  lines: number;
  /** Fields the attributes were read from. */
  fields: AttributeFields;
  /** Features that are not lines (points, polygons, empty geometry). */
  notLines: number;
  /** Roads nobody travels on (proposed, under construction). */
  notRoads: number;
  /** Lines with fewer than two distinct vertices. */
  degenerate: number;
  /** Roads given the default class, and up to 10 of the unrecognised values. */
  defaultClassCount: number;
  unknownClassValues: string[];
}

export interface ReadRoads {
  lines: RoadLines;
  report: RoadReadReport;
}

function flatCoordinates(line: number[][]): number[] {
  const out: number[] = [];
  for (const position of line) out.push(Number(position[0]), Number(position[1]));
  return out;
}

export function readRoadFeatures(features: readonly ImportedFeature[], options: ReadRoadOptions = {}): Result<ReadRoads> {
  const names = new Set<string>();
  for (let i = 0; i < Math.min(features.length, 1000); i++) for (const key of Object.keys(features[i].properties ?? {})) names.add(key);
  const fields = chooseAttributeFields([...names], options);
  const defaultClass = ROAD_CLASS_IDS.indexOf(options.defaultClass ?? 'village');
  const builder = createRoadLinesBuilder();
  const report: RoadReadReport = { features: features.length, lines: 0, fields, notLines: 0, notRoads: 0, degenerate: 0, defaultClassCount: 0, unknownClassValues: [] };
  const unknown = new Set<string>();
  for (const feature of features) {
    const geometry = feature.geometry;
    const parts = geometry?.type === 'LineString' ? [geometry.coordinates] : geometry?.type === 'MultiLineString' ? geometry.coordinates : undefined;
    if (!parts) {
      report.notLines++;
      continue;
    }
    const properties = feature.properties ?? {};
    const attributes = readRoadAttributes(properties, fields);
    if (attributes.roadClass === -1) {
      report.notRoads++;
      continue;
    }
    let roadClass = attributes.roadClass;
    if (roadClass === undefined) {
      roadClass = defaultClass;
      report.defaultClassCount++;
      const value = fields.classField ? properties[fields.classField] : undefined;
      if (value !== undefined && value !== null && unknown.size < 10) unknown.add(String(value));
    }
    for (const part of parts) {
      if (builder.add(flatCoordinates(part), { ...attributes, roadClass })) report.lines++;
      else report.degenerate++;
    }
  }
  report.unknownClassValues = [...unknown];
  if (report.lines === 0) {
    return fail({
      code: 'no-roads',
      message: {
        zh: `图层中没有可用的道路线（共 ${features.length} 个要素，其中 ${report.notLines} 个不是线要素）。道路网需要 LineString 或 MultiLineString。`,
        en: `The layer has no usable road lines (${features.length} features, ${report.notLines} of them not lines). A road network needs LineString or MultiLineString features.`,
      },
    });
  }
  return ok({ lines: builder.finish(), report });
}
