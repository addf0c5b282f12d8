// The prepared dataset as GeoParquet layers, for DuckDB, Apache Sedona or BigQuery users to take
// over: townships, counties and areas of interest with their codes; facilities, population cells
// and target places with the township and county each was assigned to (by the same
// point-in-polygon as the analysis), so a `GROUP BY township_code` reproduces the engine's sums.

import type { AdminUnit, AreaGeometry } from '../types.ts';
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import type { GeoParquetColumn, GeoParquetLayer } from './write-geoparquet.ts';
import { boundingBoxOfPoints, emptyBoundingBox, extendBoundingBox, finiteBoundingBox, type BoundingBox } from '../geometry/bounding-box.ts';

const finiteBox = (box: BoundingBox): BoundingBox => finiteBoundingBox(box) ?? [0, 0, 0, 0];

function unitLayer(units: AdminUnit[], withCounty: boolean): GeoParquetLayer {
  const box = emptyBoundingBox();
  for (const unit of units) {
    const polygons = unit.geometry.type === 'Polygon' ? [unit.geometry.coordinates] : unit.geometry.coordinates;
    for (const polygon of polygons) extendBoundingBox(box, polygon[0] ?? []);
  }
  const columns: GeoParquetColumn[] = [
    { name: 'code', type: 'STRING', value: (i) => units[i].code },
    { name: 'name', type: 'STRING', value: (i) => units[i].name },
  ];
  if (withCounty) columns.push({ name: 'county_code', type: 'STRING', value: (i) => units[i].parentCode ?? null });
  return {
    rows: units.length,
    columns,
    geometry: (i) => units[i].geometry as AreaGeometry,
    geometryTypes: [...new Set(units.map((u) => u.geometry.type))].sort(),
    bbox: finiteBox(box),
  };
}

function pointLayer(lon: ArrayLike<number>, lat: ArrayLike<number>, columns: GeoParquetColumn[]): GeoParquetLayer {
  const box = boundingBoxOfPoints(lon, lat) ?? [0, 0, 0, 0];
  return { rows: lon.length, columns, geometry: (i) => ({ type: 'Point', coordinates: [lon[i], lat[i]] }), geometryTypes: ['Point'], bbox: box };
}

/** Codes of the unit each point was assigned to (null outside every unit). */
function unitCode(units: AdminUnit[], assignment: Int32Array, name: string): GeoParquetColumn {
  return { name, type: 'STRING', value: (i) => (assignment[i] >= 0 ? units[assignment[i]].code : null) };
}

export function preparedLayers(prepared: PreparedDataset): Record<'townships' | 'counties' | 'areas' | 'facilities' | 'population' | 'places', GeoParquetLayer> {
  const { dataset } = prepared;
  const { townships, counties, facilities, places, population } = dataset;
  return {
    townships: unitLayer(townships, true),
    counties: unitLayer(counties, false),
    areas: unitLayer(dataset.areas, false),
    facilities: pointLayer(
      facilities.map((f) => f.lon),
      facilities.map((f) => f.lat),
      [
        { name: 'id', type: 'STRING', value: (i) => facilities[i].id },
        { name: 'type', type: 'STRING', value: (i) => facilities[i].type },
        { name: 'name', type: 'STRING', value: (i) => facilities[i].name },
        { name: 'capacity', type: 'DOUBLE', value: (i) => facilities[i].capacity ?? null },
        unitCode(townships, prepared.facilityTownship, 'township_code'),
        unitCode(counties, prepared.facilityCounty, 'county_code'),
        { name: 'properties', type: 'STRING', value: (i) => JSON.stringify(facilities[i].properties) },
      ],
    ),
    population: pointLayer(population.lon, population.lat, [
      { name: 'population', type: 'DOUBLE', value: (i) => population.population[i] },
      ...prepared.cohortNames.map((name): GeoParquetColumn => ({ name, type: 'DOUBLE', value: (i) => population.cohorts[name][i] })),
      unitCode(townships, prepared.cellTownship, 'township_code'),
      unitCode(counties, prepared.cellCounty, 'county_code'),
    ]),
    places: pointLayer(
      places.map((p) => p.lon),
      places.map((p) => p.lat),
      [
        { name: 'id', type: 'STRING', value: (i) => places[i].id },
        { name: 'kind', type: 'STRING', value: (i) => places[i].kind },
        { name: 'name', type: 'STRING', value: (i) => places[i].name },
        unitCode(townships, prepared.placeTownship, 'township_code'),
      ],
    ),
  };
}
