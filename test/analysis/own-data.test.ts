// A planner's own layers over the demo or an empty project: facilities with their own type values
// mapped to services (replacing the demo's of those services), the synthetic layers still in use
// named, the session's catalog, and the role of a layer guessed from its geometry and fields.
import { describe, expect, it } from 'vitest';
import { applyImports, EMPTY_DATASET, type AcceptedImport } from '../../src/core/dataset/apply-imports.ts';
import { catalogOfImports } from '../../src/core/analysis/map-facility-types.ts';
import { serviceDefinition } from '../../src/core/analysis/service-catalog.ts';
import { guessLayerRole } from '../../src/core/dataset/guess-layer-role.ts';
import { loadDemoDataset } from '../../scripts/lib/load-demo-dataset.ts';

const point = (lon: number, lat: number, properties: Record<string, unknown>) => ({ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [lon, lat] }, properties });

const sites: AcceptedImport = {
  name: 'sites.csv',
  role: 'facilities',
  mapping: { typeField: 'kind', nameField: 'name', capacityField: 'places' },
  typeMap: { creche: 'nursery', loudspeaker: { service: 'own-loudspeaker', name: { zh: '村村响', en: 'village loudspeakers' }, servedGroup: 'all' } },
  layer: {
    fileName: 'sites.csv',
    fields: [{ name: 'name', numeric: false }, { name: 'kind', numeric: false }, { name: 'places', numeric: true }],
    features: [point(102.55, 24.35, { name: 'A', kind: 'creche', places: 30 }), point(102.6, 24.3, { name: 'B', kind: 'loudspeaker', places: null }), point(102.6, 24.31, { name: 'C', kind: 'kiosk', places: null })],
  },
};

const fieldsOf = (...names: string[]) => names.map((name) => ({ name, numeric: false }));
const square = (x: number, y: number) => ({ type: 'Feature' as const, geometry: { type: 'Polygon' as const, coordinates: [[[x, y], [x + 0.1, y], [x + 0.1, y + 0.1], [x, y + 0.1], [x, y]]] }, properties: { name: `镇${x}`, code: String(x), level: '乡镇' } });

describe('own facilities with their type values mapped', () => {
  const demo = loadDemoDataset();

  it('replace the demo\'s facilities of the services they bring, and name the synthetic layers left', () => {
    const result = applyImports(demo, [sites]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const nurseries = result.value.facilities.filter((f) => f.type === 'nursery');
    expect(nurseries.map((f) => f.name)).toEqual(['A']); // the demo's 86 synthetic nurseries are gone
    expect(result.value.facilities.filter((f) => f.type === 'own-loudspeaker')).toHaveLength(1);
    expect(result.value.facilities.filter((f) => f.type === 'kiosk')).toHaveLength(1);
    expect(result.value.facilities.filter((f) => f.type === 'elder-daycare')).toHaveLength(119);
    expect(result.value.info).toMatchObject({ synthetic: true, syntheticLayers: ['townships', 'counties', 'facilities', 'population', 'places', 'areas'] });
    const catalog = catalogOfImports([sites]);
    expect(serviceDefinition('own-loudspeaker', catalog).name.en).toBe('village loudspeakers');
  });

  it('make a project with nothing synthetic when it starts empty', () => {
    const boundaries: AcceptedImport = { name: 'towns.geojson', role: 'boundaries', mapping: { nameField: 'name', codeField: 'code', level: 'township' }, layer: { fileName: 'towns.geojson', fields: fieldsOf('name', 'code', 'level'), features: [square(102.5, 24.3)] } };
    const result = applyImports(EMPTY_DATASET, [boundaries, sites]);
    expect(result.ok && result.value.info).toMatchObject({ synthetic: false, syntheticLayers: [], name: 'towns.geojson, sites.csv' });
  });

  it('refuse a bad type mapping with its message', () => {
    const result = applyImports(demo, [{ ...sites, typeMap: { creche: 'no-such-service' } }]);
    expect(!result.ok && result.error.message.en).toContain('maps to an unknown service "no-such-service"');
    expect(!result.ok && result.error.file).toBe('sites.csv');
  });
});

describe('guessing a layer\'s role', () => {
  const fields = (...names: string[]) => names.map((name) => ({ name, numeric: false }));
  it('takes points with a head count and no type as population, else facilities', () => {
    expect(guessLayerRole({ geometryTypes: ['Point'], fields: fields('lon', 'lat', 'pop'), features: [] }).role).toBe('population');
    expect(guessLayerRole({ geometryTypes: ['Point'], fields: fields('pop', '类型'), features: [] }).role).toBe('facilities');
    expect(guessLayerRole({ geometryTypes: ['Point'], fields: fields('name'), features: [] }).role).toBe('facilities');
    expect(guessLayerRole({ geometryTypes: ['LineString'], fields: [], features: [] }).role).toBe('roads');
  });

  it('reads townships or counties from a polygon layer\'s level field', () => {
    const layer = (values: string[]) => ({ geometryTypes: ['Polygon'], fields: fields('name', 'level'), features: values.map((level) => ({ properties: { level } })) });
    expect(guessLayerRole(layer(['county', 'county']))).toEqual({ role: 'boundaries', level: 'county' });
    expect(guessLayerRole(layer(['红塔区', '江川区', '通海县']))).toEqual({ role: 'boundaries', level: 'county' });
    expect(guessLayerRole(layer(['街道', '镇', '乡']))).toEqual({ role: 'boundaries', level: 'township' });
    expect(guessLayerRole({ geometryTypes: ['MultiPolygon'], fields: fields('name'), features: [] })).toEqual({ role: 'boundaries' });
  });
});
