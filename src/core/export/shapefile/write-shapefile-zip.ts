// One layer as a zipped Shapefile for ArcGIS/QGIS: .shp .shx .dbf .prj .cpg, plus fields.csv mapping
// each short DBF field name to its full column key and Chinese/English label (DBF names hold 10
// bytes). Attributes in UTF-8 or GBK; coordinates in WGS84, CGCS2000 or a CGCS2000 GK zone.

import { zipSync } from 'fflate';
import proj4 from 'proj4';
import type { GeoJsonGeometry, GeoJsonPosition } from '../../geojson-types.ts';
import type { AppError, Result } from '../../types.ts';
import { fail, ok } from '../../types.ts';
import type { ExportTable } from '../export-table.ts';
import { toCsv } from '../../report/write-csv.ts';
import { prjText, shapefileCrs } from './shapefile-prj.ts';
import { shortenFieldNames } from './shorten-field-names.ts';
import { writeDbf, type DbfEncoding, type DbfResult } from './write-dbf.ts';
import { shapeTypeOf, writeShp, type ProjectPosition, type ShapeType } from './write-shp.ts';

export interface ShapefileLayer {
  /** Geometry per table row (null for none). */
  geometries: (GeoJsonGeometry | null)[];
  table: ExportTable;
}

export interface ShapefileOptions {
  encoding: DbfEncoding;
  /** 'EPSG:4326' (default), 'EPSG:4490' or a CGCS2000 Gauss–Krüger code (EPSG:4491–4554). */
  crs?: string;
}

export interface ShapefileExport {
  zip: Uint8Array;
  /** Field name per column key. */
  fields: { key: string; field: string }[];
  warnings: DbfResult['warnings'];
}

/**
 * .cpg contents. 'GBK' is read by GDAL/QGIS (iconv), browsers and Node (TextDecoder, which does not
 * know the bare code page '936'); ArcGIS also has the DBF's language driver byte (0x4D = 936).
 */
const CPG: Record<DbfEncoding, string> = { 'utf-8': 'UTF-8', gbk: 'GBK' };

function exportError(code: string, zh: string, en: string): AppError {
  return { code, message: { zh, en } };
}

export function writeShapefileZip(layer: ShapefileLayer, options: ShapefileOptions): Result<ShapefileExport> {
  const { table, geometries } = layer;
  const crs = shapefileCrs(options.crs ?? 'EPSG:4326');
  if (!crs) {
    return fail(
      exportError(
        'unsupported-crs',
        `Shapefile 导出不支持坐标系“${options.crs}”；可选 EPSG:4326、EPSG:4490 或 CGCS2000 高斯-克吕格（EPSG:4491–4554）`,
        `Shapefile export does not support the coordinate system "${options.crs}"; choose EPSG:4326, EPSG:4490 or a CGCS2000 Gauss–Krüger zone (EPSG:4491–4554)`,
      ),
    );
  }
  if (geometries.length !== table.rows.length) {
    return fail(exportError('row-mismatch', `几何数（${geometries.length}）与表格行数（${table.rows.length}）不一致`, `${geometries.length} geometries for ${table.rows.length} table rows`));
  }
  const types = new Set<ShapeType>(geometries.flatMap((g) => (g ? [shapeTypeOf(g)] : [])));
  if (types.size > 1) {
    return fail(exportError('mixed-geometry', `一个 Shapefile 只能存一种几何类型，这里有：${[...types].join('、')}`, `a Shapefile holds one geometry type; this layer has ${[...types].join(', ')}`));
  }
  const type: ShapeType = [...types][0] ?? 'point';
  let project: ProjectPosition = (p: GeoJsonPosition) => [p[0], p[1]];
  if (crs.proj4) {
    const converter = proj4('EPSG:4326', crs.proj4);
    project = (p) => converter.forward([p[0], p[1]]) as [number, number];
  }
  const names = shortenFieldNames(table.columns, options.encoding);
  const { shp, shx } = writeShp(type, geometries, project);
  const dbf = writeDbf(
    names.map((n, i) => ({ name: n.field, column: table.columns[i] })),
    table.rows,
    options.encoding,
  );
  const mapping = toCsv(
    ['field', 'key', 'label_zh', 'label_en', 'type'],
    names.map((n, i) => [n.field, n.key, table.columns[i].label.zh, table.columns[i].label.en, table.columns[i].type]),
  );
  const text = new TextEncoder();
  const base = table.name;
  const zip = zipSync({
    [`${base}.shp`]: shp,
    [`${base}.shx`]: shx,
    [`${base}.dbf`]: dbf.bytes,
    [`${base}.prj`]: text.encode(prjText(crs)),
    [`${base}.cpg`]: text.encode(CPG[options.encoding]),
    [`${base}_fields.csv`]: text.encode(mapping),
  });
  return ok({ zip, fields: names, warnings: dbf.warnings });
}
