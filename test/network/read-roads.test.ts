// Reading roads: class names (OSM, Chinese classes, route numbers), one-way and speed values, the
// speed tables a planner edits, GeoJSON/Shapefile features through the import, and OSM PBF
// extracts streamed in small chunks.
import { describe, expect, it } from 'vitest';
import { importLayer } from '../../src/core/import/import-layer.ts';
import { importRoads } from '../../src/core/network/import-roads.ts';
import { readOsmPbf } from '../../src/core/network/read-osm-pbf.ts';
import { parseMaxspeed, parseOneway, parseForbidden } from '../../src/core/network/read-road-attributes.ts';
import { readRoadFeatures } from '../../src/core/network/read-road-features.ts';
import { ROAD_CLASS_IDS, roadClassIndex } from '../../src/core/network/road-classes.ts';
import { FORBID_BIKE, FORBID_FOOT, FORBID_MOTOR, roadLineCount } from '../../src/core/network/road-lines.ts';
import { DEFAULT_MODE_SPEEDS, parseSpeedTables, parseTravelMode } from '../../src/core/network/travel-modes.ts';
import { chunked, writeOsmPbf, type OsmWay } from './write-osm-pbf.ts';

const classOf = (value: unknown) => {
  const index = roadClassIndex(value);
  return index === undefined ? undefined : index < 0 ? 'not-a-road' : ROAD_CLASS_IDS[index];
};

describe('road classes and attributes', () => {
  it('reads OSM highway values, the Chinese classes and route numbers', () => {
    expect(['motorway', 'motorway_link', 'trunk', 'primary', 'secondary', 'tertiary', 'unclassified', 'residential', 'service', 'track', 'footway', 'steps', 'cycleway'].map(classOf)).toEqual([
      'motorway', 'motorway', 'trunk', 'primary', 'secondary', 'tertiary', 'village', 'urban', 'service', 'track', 'footway', 'footway', 'cycleway',
    ]);
    expect(['高速公路', '国道', '省道', '县道', '乡道', '村道', '城市道路', '步行道'].map(classOf)).toEqual(['motorway', 'trunk', 'primary', 'secondary', 'tertiary', 'village', 'urban', 'footway']);
    expect(['G213国道', 'G5', 'G8511', 'G213', 'S304', 'X101', 'Y005', 'C012', '昆磨高速'].map(classOf)).toEqual(['trunk', 'motorway', 'motorway', 'trunk', 'primary', 'secondary', 'tertiary', 'village', 'motorway']);
    expect(classOf('construction')).toBe('not-a-road');
    expect(classOf('a river')).toBeUndefined();
    expect(classOf(null)).toBeUndefined();
  });

  it('reads one-way, posted speeds and access restrictions', () => {
    expect(['yes', '1', 'true', '-1', 'reverse', 'no', 'F', 'T', 'B', '是', '逆向', undefined].map((v) => parseOneway(v))).toEqual([1, 1, 1, -1, -1, 0, 1, -1, 0, 1, -1, 0]);
    expect(['1', '2', '3'].map((v) => parseOneway(v, 'DIRECTION'))).toEqual([0, 1, -1]);
    expect(parseMaxspeed('50')).toBe(50);
    expect(parseMaxspeed('30 mph')).toBeCloseTo(48.28, 2);
    expect(parseMaxspeed('CN:urban')).toBe(0);
    expect(parseMaxspeed(80)).toBe(80);
    expect(parseForbidden({ foot: 'no' })).toBe(FORBID_FOOT);
    expect(parseForbidden({ access: 'no', foot: 'yes' })).toBe(FORBID_BIKE | FORBID_MOTOR);
    expect(parseForbidden({ motor_vehicle: 'no' })).toBe(FORBID_MOTOR);
  });
});

describe('speed tables', () => {
  it('keeps the defaults for what an edit leaves out and validates what it gives', () => {
    const edited = parseSpeedTables({ walk: { roads: { footway: 4 }, offRoad: 4 }, cycle: { roads: { footway: 8 } } });
    expect(edited.ok).toBe(true);
    if (!edited.ok) return;
    expect(edited.value.walk.roads.footway).toBe(4);
    expect(edited.value.walk.offRoad).toBe(4);
    expect(edited.value.walk.roads.urban).toBe(4.5);
    expect(edited.value.ebike.roads.footway).toBe(8);
    expect(edited.value.drive).toEqual(DEFAULT_MODE_SPEEDS.drive);
    for (const bad of [[], { fly: {} }, { walk: { roads: { river: 3 } } }, { walk: { roads: { footway: -1 } } }, { walk: { offRoad: 0 } }, { drive: { speed: 3 } }, 'x']) {
      const result = parseSpeedTables(bad);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.message.zh).toMatch(/速度表/);
        expect(result.error.message.en).toMatch(/speed table/);
      }
    }
    expect(parseTravelMode('cycle')).toBe('ebike');
    expect(parseTravelMode('驾车')).toBe('drive');
    expect(parseTravelMode('boat')).toBeUndefined();
    // a key that names an Object.prototype member is no mode (it used to find the prototype and throw on its roads)
    expect(parseTravelMode('__proto__')).toBeUndefined();
    expect(parseTravelMode('constructor')).toBeUndefined();
    expect(parseSpeedTables(JSON.parse('{"__proto__": {"roads": {"urban": 3}}}')).ok).toBe(false);
  });
});

describe('roads from GeoJSON and Shapefile features', () => {
  it('reads lines through the import, with the class field found by name', async () => {
    const geojson = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { 道路等级: '国道', 单行: '是', 限速: 60 }, geometry: { type: 'LineString', coordinates: [[102.5, 24.3], [102.51, 24.3]] } },
        { type: 'Feature', properties: { 道路等级: '村道' }, geometry: { type: 'MultiLineString', coordinates: [[[102.5, 24.3], [102.5, 24.31]], [[102.51, 24.3], [102.51, 24.31]]] } },
        { type: 'Feature', properties: { 道路等级: '河流' }, geometry: { type: 'LineString', coordinates: [[102.5, 24.3], [102.52, 24.3]] } },
        { type: 'Feature', properties: { 道路等级: '县道' }, geometry: { type: 'Point', coordinates: [102.5, 24.3] } },
        { type: 'Feature', properties: { 道路等级: '乡道' }, geometry: { type: 'LineString', coordinates: [[102.5, 24.3], [102.5, 24.3]] } },
      ],
    };
    const layer = await importLayer([{ name: 'roads.geojson', bytes: new TextEncoder().encode(JSON.stringify(geojson)) }]);
    expect(layer.ok).toBe(true);
    if (!layer.ok) return;
    const roads = readRoadFeatures(layer.value.features);
    expect(roads.ok).toBe(true);
    if (!roads.ok) return;
    const { lines, report } = roads.value;
    expect(report.fields).toEqual({ classField: '道路等级', onewayField: '单行', maxspeedField: '限速' });
    expect(roadLineCount(lines)).toBe(4);
    expect(Array.from(lines.roadClass, (c) => ROAD_CLASS_IDS[c])).toEqual(['trunk', 'village', 'village', 'village']);
    expect(Array.from(lines.oneway)).toEqual([1, 0, 0, 0]);
    expect(lines.maxspeed[0]).toBe(60);
    expect(report.defaultClassCount).toBe(1);
    expect(report.unknownClassValues).toEqual(['河流']);
    expect(report.notLines).toBe(1);
  });

  it('skips lines with fewer than two distinct vertices', () => {
    const result = readRoadFeatures([
      { type: 'Feature', properties: { highway: 'residential' }, geometry: { type: 'LineString', coordinates: [[1, 2], [1, 2]] } },
      { type: 'Feature', properties: { highway: 'residential' }, geometry: { type: 'LineString', coordinates: [[1, 2], [1, 2], [1, 3]] } },
    ]);
    expect(result.ok && result.value.report).toMatchObject({ lines: 1, degenerate: 1 });
    expect(result.ok && Array.from(result.value.lines.lat)).toEqual([2, 3]);
  });

  it('refuses a layer without lines, in both languages', () => {
    const result = readRoadFeatures([{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [1, 2] } }]);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message.zh).toMatch(/道路/);
      expect(result.error.message.en).toMatch(/road/);
    }
  });
});

describe('OSM PBF', () => {
  const nodes = [
    { id: 1, lon: 102.5, lat: 24.3 },
    { id: 2, lon: 102.501, lat: 24.3 },
    { id: 3, lon: 102.502, lat: 24.3005 },
    { id: 5, lon: 102.6, lat: 24.4 }, // only a building uses it
  ];
  const plain = [{ id: 10_000_000_001, lon: 102.5005, lat: 24.301 }];
  const ways: OsmWay[] = [
    { id: 100, refs: [1, 2, 3], tags: { highway: 'primary', oneway: 'yes', maxspeed: '60', name: '某路' } },
    { id: 101, refs: [2, 10_000_000_001], tags: { highway: 'footway', bicycle: 'no' } },
    { id: 102, refs: [1, 5, 2, 1], tags: { building: 'yes' } },
    { id: 103, refs: [3, 1], tags: { highway: 'proposed' } },
    { id: 104, refs: [1, 99, 3], tags: { highway: 'residential' } }, // node 99 outside the extract
  ];

  for (const compress of [true, false]) {
    it(`keeps the highways and their nodes (${compress ? 'zlib' : 'raw'} blobs, 7-byte chunks)`, async () => {
      const bytes = writeOsmPbf(nodes, plain, ways, { compress });
      const result = await readOsmPbf(chunked(bytes, 7));
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const { lines, report } = result.value;
      expect(report).toMatchObject({ highways: 4, ways: 3, notRoads: 1, missingNodes: 1 });
      // way 104 loses node 99: its two remaining nodes are not adjacent, so it yields no line
      expect(roadLineCount(lines)).toBe(2);
      expect(Array.from(lines.roadClass, (c) => ROAD_CLASS_IDS[c])).toEqual(['primary', 'footway']);
      expect(Array.from(lines.oneway)).toEqual([1, 0]);
      expect(Array.from(lines.maxspeed)).toEqual([60, 0]);
      expect(Array.from(lines.forbidden)).toEqual([0, FORBID_BIKE]);
      expect(Array.from(lines.lineStart)).toEqual([0, 3, 5]);
      expect(lines.lon[2]).toBeCloseTo(102.502, 9);
      expect(lines.lat[2]).toBeCloseTo(24.3005, 9);
      expect(lines.lon[4]).toBeCloseTo(102.5005, 9);
    });
  }

  it('says what is wrong with a file that is not PBF or is cut short', async () => {
    const bytes = writeOsmPbf(nodes, plain, ways);
    for (const bad of [bytes.slice(0, bytes.length - 10), new TextEncoder().encode('{"type":"FeatureCollection"}'), new Uint8Array(0)]) {
      const result = await readOsmPbf(chunked(bad, 64));
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.message.zh).toMatch(/OSM PBF/);
        expect(result.error.message.en).toMatch(/OSM PBF/);
      }
    }
  });
});

describe('importRoads', () => {
  it('streams an OSM extract and reads any other file through the import', async () => {
    const pbf = writeOsmPbf([{ id: 1, lon: 102.5, lat: 24.3 }, { id: 2, lon: 102.51, lat: 24.3 }], [], [{ id: 9, refs: [1, 2], tags: { highway: 'tertiary' } }]);
    const fromPbf = await importRoads([{ name: 'yuxi-latest.osm.pbf', bytes: pbf }]);
    expect(fromPbf.ok && fromPbf.value.report.kind).toBe('osm');
    expect(fromPbf.ok && ROAD_CLASS_IDS[fromPbf.value.lines.roadClass[0]]).toBe('tertiary');
    // recognised by content too
    expect((await importRoads([{ name: 'download.bin', bytes: pbf }])).ok).toBe(true);
    const geojson = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { fclass: 'residential', oneway: 'F' }, geometry: { type: 'LineString', coordinates: [[102.5, 24.3], [102.51, 24.3]] } }] };
    const fromGeojson = await importRoads([{ name: 'roads.geojson', bytes: new TextEncoder().encode(JSON.stringify(geojson)) }]);
    expect(fromGeojson.ok && fromGeojson.value.report.kind).toBe('features');
    expect(fromGeojson.ok && Array.from(fromGeojson.value.lines.oneway)).toEqual([1]);
    const points = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [102.5, 24.3] } }] };
    const refused = await importRoads([{ name: 'points.geojson', bytes: new TextEncoder().encode(JSON.stringify(points)) }]);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.file).toBe('points.geojson');
  });
});
