// Issue 9: GeoJSON point features read straight from their bytes into the point table
// (read-point-feature.ts through scan-json-features.ts) give exactly what the full path gives —
// JSON.parse per feature, normalizeFeature, the collector — on hand-written inputs: the same table
// (every cell, -0 and NaN included), the same problems with their byte positions and messages, the
// same error for a file that cannot be read. The full path is the same parse with a consumer that
// has no addPoint (parseGeoJson offers the point reader only to a consumer that has one).
import { describe, expect, it } from 'vitest';
import { parseGeoJson, parseNdjson } from '../../src/core/import/parse-geojson.ts';
import { normalizeFeature } from '../../src/core/import/normalize-feature.ts';
import { PointFeatureReader } from '../../src/core/import/read-point-feature.ts';
import { NotPointsError, PointTableCollector, type PointTable } from '../../src/core/import/point-table.ts';
import { importLayer } from '../../src/core/import/import-layer.ts';
import { IMPORT_LIMITS, type ImportLimits } from '../../src/core/limits.ts';
import { createRandom } from '../../scripts/demo/seeded-random.ts';
import { file, utf8 } from './craft-files.ts';

const noCheckpoint = async (): Promise<void> => {};

/** A table as plain data, numbers spelled so that -0, NaN and Infinity compare exactly. */
function plainTable(table: PointTable): unknown {
  const spell = (value: unknown): unknown => (typeof value === 'number' ? (Object.is(value, -0) ? '-0' : String(value)) : value);
  return {
    count: table.count,
    lon: Array.from(table.lon, spell),
    lat: Array.from(table.lat, spell),
    bytes: table.bytes ? Array.from(table.bytes, spell) : undefined,
    columns: table.columns.map((column) => ({ name: column.name, numbers: column.numbers ? Array.from(column.numbers, spell) : undefined, values: column.values?.map(spell) })),
  };
}

interface Reading {
  result: unknown;
  table?: unknown;
  unusable?: number[];
  problems?: unknown;
  notPoints?: boolean;
  /** Features that came through addPoint. */
  fast: number;
}

async function readPoints(bytes: Uint8Array, fast: boolean, limits: ImportLimits, keepReadablePart = false, parse = parseGeoJson): Promise<Reading> {
  const collector = new PointTableCollector((raw, index, position) => normalizeFeature(raw, index, position, limits));
  let fastCount = 0;
  const consumer = fast
    ? {
        add: collector.add.bind(collector),
        reset: collector.reset.bind(collector),
        addPoint: (...args: Parameters<PointTableCollector['addPoint']>) => {
          fastCount++;
          collector.addPoint(...args);
        },
      }
    : { add: collector.add.bind(collector), reset: collector.reset.bind(collector) };
  try {
    const result = await parse(bytes, noCheckpoint, { limits, keepReadablePart, consumer });
    return { result, table: plainTable(collector.finish()), unusable: [...collector.unusable], problems: collector.problems, fast: fastCount };
  } catch (error) {
    if (!(error instanceof NotPointsError)) throw error;
    return { result: undefined, notPoints: true, fast: fastCount };
  }
}

/** Reads `text` both ways, expects the same, and returns how many features took the fast path. */
async function expectSame(text: string | Uint8Array, limits: Partial<ImportLimits> = {}, keepReadablePart = false, parse = parseGeoJson): Promise<number> {
  const bytes = typeof text === 'string' ? utf8(text) : text;
  const all = { ...IMPORT_LIMITS, ...limits };
  const full = await readPoints(bytes, false, all, keepReadablePart, parse);
  const fast = await readPoints(bytes, true, all, keepReadablePart, parse);
  const { fast: fastCount, ...fastReading } = fast;
  const { fast: none, ...fullReading } = full;
  expect(none).toBe(0);
  expect(fastReading).toEqual(fullReading);
  return fastCount;
}

const collection = (...features: string[]): string => `{"type":"FeatureCollection","features":[${features.join(',')}]}`;
const point = (coordinates: string, properties = '{}', extra = ''): string => `{"type":"Feature","properties":${properties},"geometry":{"type":"Point","coordinates":${coordinates}}${extra}}`;

describe('plain point features take the fast path and give what the full path gives', () => {
  it('typical points: numbers, text, Chinese, booleans, null, members in any order', async () => {
    const text = collection(
      point('[102.543210,24.351234]', '{"w":13,"名称":"玉溪市第一卫生院","open":true,"beds":null}'),
      point('[102.5,24.3]', '{"w":7,"名称":"红塔区","open":false,"beds":12}'),
      '{"geometry":{"coordinates":[102.6,24.4],"type":"Point"},"type":"Feature","properties":{"beds":3,"w":0}}',
      '{"properties":{"new":"x"},"type":"Feature","geometry":{"type":"Point","coordinates":[-0,0]}}',
      '{"type":"Feature","geometry":{"type":"Point","coordinates":[102.7,24.5]}}',
      point('[102.8,24.6]', 'null'),
    );
    expect(await expectSame(text)).toBe(6);
  });

  it('numbers in every JSON form, exponents and long mantissas included', async () => {
    const numbers = [
      '0', '-0', '1', '-1', '0.5', '-0.000001', '102.543210', '1e5', '1E5', '1e+5', '1.5e-7', '-2.5E+3', '123456789012345',
      '1234567890123456', '12345678901234567890', '0.1234567890123456789', '0.000000000000000000000001', '1e22', '1e23', '1e-22',
      '1e-23', '4.9e-324', '1.7976931348623157e308', '2.2250738585072014e-308', '9007199254740993', '0.30000000000000004',
      '123.456e-2', '100e-2', '0e10', '-0e-10', '1e-400',
    ];
    const features = numbers.map((value, k) => point(`[${value},${numbers[(k + 7) % numbers.length]}]`, `{"v":${value}}`));
    expect(await expectSame(collection(...features))).toBe(numbers.length);
  });

  it('seeded random numbers: shortest forms, long mantissas, exponents', async () => {
    const random = createRandom(11);
    const digits = (count: number): string => Array.from({ length: count }, () => random.int(0, 9)).join('');
    const forms = [
      () => String(random.range(-180, 180)),
      () => random.range(-1e6, 1e6).toFixed(random.int(0, 12)),
      () => `${random.int(1, 9)}${digits(random.int(0, 25))}`,
      () => `${random.int(0, 1) ? '-' : ''}${random.int(1, 9)}${digits(random.int(0, 18))}.${digits(random.int(1, 20))}`,
      () => `${random.int(1, 9)}.${digits(random.int(1, 17))}e${random.int(-40, 40)}`,
      () => `0.${'0'.repeat(random.int(0, 25))}${random.int(1, 9)}${digits(random.int(0, 16))}`,
      () => String(random.next() * 10 ** random.int(-300, 300)),
    ];
    const features: string[] = [];
    for (let k = 0; k < 3000; k++) features.push(point(`[${forms[k % forms.length]()},${forms[(k * 3 + 1) % forms.length]()}]`, `{"v":${forms[(k * 5 + 2) % forms.length]()}}`));
    expect(await expectSame(collection(...features))).toBe(3000);
  });

  it('properties with escapes, unicode, a BOM character and invalid UTF-8 in text', async () => {
    const text = collection(
      point('[1,2]', String.raw`{"a\"b":"c\\d","e":"\u4e2d\u6587","tab":"x\ty","n\u0061me":"\ud83d\ude00","lone":"\ud800"}`),
      point('[1,2]', '{"bom":"\ufeffstart","emoji":"😀","long":"' + 'x'.repeat(100) + '","长":"' + '长'.repeat(80) + '"}'),
    );
    expect(await expectSame(text)).toBe(2);
    const invalid = utf8(collection(point('[1,2]', '{"a":"ab??cd","b":"??"}')));
    let at = invalid.indexOf(0x3f);
    for (const byte of [0xe4, 0xb8, 0xff, 0xc0]) {
      invalid[at] = byte;
      at = invalid.indexOf(0x3f, at + 1);
    }
    expect(await expectSame(invalid)).toBe(1);
  });

  it('3-D coordinates, an id, a bbox and whitespace anywhere', async () => {
    const text = [
      '{ "type" : "FeatureCollection" ,\r\n "features" : [\n',
      '\t{ "type":"Feature", "id": 17, "bbox": [ 1, 2, 1, 2 ],\n  "properties" : { "w" : 5 , "k" : "v" } ,\r\n "geometry" : { "type" : "Point" , "coordinates" : [ 1 , 2 , 300.5 ] } }\n',
      ',{"type":"Feature","id":"甲-1","properties":{"w":6},"geometry":{"bbox":[3,4,3,4],"type":"Point","coordinates":[3,4]}}\n',
      ' , {"type":"Feature","id":-1.5e3,"properties":{},"geometry":{"type":"Point","coordinates":[5,6,7,8]}}  \n',
      '] }\n',
    ].join('');
    expect(await expectSame(text)).toBe(3);
    expect(await expectSame(JSON.stringify(JSON.parse(text), null, 2))).toBe(3);
    expect(await expectSame(JSON.stringify(JSON.parse(text), null, '\t').replace(/\n/g, '\r\n'))).toBe(3);
  });

  it('a __proto__ key stays a column, as JSON.parse keeps it an own member', async () => {
    expect(await expectSame(collection(point('[1,2]', '{"__proto__":1,"x":2}'), point('[1,2]', '{"x":3}')))).toBe(2);
  });

  it('a top-level array of features, and feature-level members after the geometry', async () => {
    expect(await expectSame(`[${point('[1,2]', '{"w":1}')},${point('[3,4]', '{"w":2}', ',"id":"x"')}]`)).toBe(2);
  });
});

describe('anything else is left to the full path, feature by feature', () => {
  /** Each of these is not read by the point reader; a plain point before and after it is. */
  const others: Record<string, string> = {
    'null geometry': '{"type":"Feature","properties":{"w":1},"geometry":null}',
    'no geometry': '{"type":"Feature","properties":{"w":1}}',
    'no type': '{"properties":{"w":1},"geometry":{"type":"Point","coordinates":[1,2]}}',
    'lowercase type': '{"type":"feature","properties":{},"geometry":{"type":"Point","coordinates":[1,2]}}',
    'escaped type': '{"type":"Featur\\u0065","properties":{},"geometry":{"type":"Point","coordinates":[1,2]}}',
    'a bare geometry': '{"type":"Point","coordinates":[1,2]}',
    'a foreign member': point('[1,2]', '{}', ',"title":"x"'),
    'a foreign member in the geometry': '{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,2],"crs":null}}',
    'an object id': point('[1,2]', '{}', ',"id":{"a":1}'),
    'an id with a bad escape': point('[1,2]', '{}', ',"id":"\\x"'),
    'a nested property': point('[1,2]', '{"a":{"b":[1,2]}}'),
    'an array property': point('[1,2]', '{"a":[1,2]}'),
    'properties as text': point('[1,2]', '"x"'),
    'properties as an array': point('[1,2]', '[1,2]'),
    'an array-index key': point('[1,2]', '{"b":1,"2":3,"a":4}'),
    'a repeated key': point('[1,2]', '{"a":1,"a":2}'),
    'a repeated member': '{"type":"Feature","properties":{"a":1},"properties":{"b":2},"geometry":{"type":"Point","coordinates":[1,2]}}',
    'a text coordinate': point('["1",2]'),
    'one coordinate': point('[1]'),
    'no coordinates': point('[]'),
    'null coordinates': point('null'),
    'nested coordinates': point('[[1,2]]'),
    'an overflowing coordinate': point('[1e400,2]'),
    'an overflowing property': point('[1,2]', '{"a":-1e400}'),
    'a leading zero': point('[01,2]'),
    'a bare fraction': point('[.5,2]'),
    'a trailing dot': point('[1.,2]'),
    'a plus sign': point('[+1,2]'),
    'a double dot': point('[1.2.3,2]'),
    'a bad literal': point('[1,2]', '{"a":tru}'),
    'a literal run on': point('[1,2]', '{"a":nullx}'),
    'a trailing comma': point('[1,2,]'),
    'a control character': point('[1,2]', '{"a":"x\ny"}'),
    'the last control character': point('[1,2]', '{"a":"x\u001fy"}'),
    'a bad escape': point('[1,2]', '{"a":"\\q"}'),
    'an empty object': '{}',
    'a number element': '42',
    'a repeated type in the geometry': '{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,2],"type":"MultiPoint"}}',
  };
  for (const [name, feature] of Object.entries(others)) {
    it(name, async () => {
      const fast = await expectSame(collection(point('[9,8]', '{"w":1,"k":"a"}'), feature, point('[7,6]', '{"k":"b","z":true}')));
      expect(fast).toBe(2);
    });
  }

  it('a MultiPoint sends the layer down the feature path on either path', async () => {
    const text = collection(point('[1,2]'), '{"type":"Feature","properties":{},"geometry":{"type":"MultiPoint","coordinates":[[1,2],[3,4]]}}');
    const full = await readPoints(utf8(text), false, IMPORT_LIMITS);
    const fast = await readPoints(utf8(text), true, IMPORT_LIMITS);
    expect(full.notPoints && fast.notPoints).toBe(true);
    const layers = await Promise.all([importLayer([file('m.geojson', text)], { pointTable: true }), importLayer([file('m.geojson', text)])]);
    expect(layers[0]).toEqual(layers[1]);
  });

  it('text over the length limit, a depth or a vertex limit, a layer over its vertex limit', async () => {
    const text = collection(point('[1,2]', '{"a":"' + 'x'.repeat(20) + '"}'), point('[1,2]', '{"a":"short"}', ',"bbox":[1,2,1,2]'), point('[3,4]', '{"b":1}'));
    await expectSame(text, { propertyChars: 10 });
    await expectSame(text, { propertyDepth: 0 });
    await expectSame(text, { propertyDepth: 1 });
    await expectSame(text, { verticesPerFeature: 1 });
    await expectSame(text, { verticesPerLayer: 3 });
    await expectSame(text, { verticesPerLayer: 2 });
  });

  it('newline-delimited features in a .geojson are read again as NDJSON, points by the reader', async () => {
    const text = [point('[1,2]', '{"w":1}'), point('[3,4]', '{"w":2}'), point('[5,6]', '{"w":3}')].join('\n');
    expect(await expectSame(text)).toBe(3);
    const collections = [collection(point('[1,2]', '{"w":1}')), collection(point('[3,4]', '{"w":2}'))].join('\n');
    await expectSame(collections);
  });
});

describe('seeded random features, plain and not, in one layer', () => {
  it('give the same table and problems as the full path, most of them read fast', async () => {
    const random = createRandom(17);
    const space = (): string => random.pick(['', '', '', ' ', '\n', '\t', '\r\n', '  ']);
    const object = (members: string[]): string => `{${space()}${members.map((member) => `${member}${space()}`).join(`,${space()}`)}}`;
    const member = (name: string, value: string): string => `"${name}"${space()}:${space()}${value}`;
    const number = (): string => random.pick([String(random.range(-200, 200)), random.range(0, 1e6).toFixed(random.int(0, 8)), String(random.int(-5, 5)), `${random.int(1, 9)}.${random.int(0, 999)}e${random.int(-30, 30)}`]);
    const text = (): string => JSON.stringify(random.pick(['', '甲', 'a"b', 'back\\slash', 'tab\t', '😀', 'é', 'x'.repeat(random.int(0, 90)), '\u2028']));
    const value = (): string => random.pick([number(), text(), 'true', 'false', 'null', number(), text()]);
    const names = ['w', 'name', '名称', 'type', 'id', 'a b', 'k'];
    const features: string[] = [];
    for (let k = 0; k < 3000; k++) {
      const properties = object(names.filter(() => random.next() < 0.5).map((name) => member(name, value())));
      const coordinates = `[${space()}${Array.from({ length: random.pick([2, 2, 2, 3]) }, number).join(`,${space()}`)}${space()}]`;
      const geometryMembers = [member('type', '"Point"'), member('coordinates', coordinates)];
      if (random.next() < 0.05) geometryMembers.push(member('bbox', '[1,2,3,4]'));
      let geometry = object(random.next() < 0.5 ? geometryMembers : geometryMembers.reverse());
      const rare = random.next();
      if (rare < 0.02) geometry = 'null';
      else if (rare < 0.03) geometry = object([member('type', '"Point"'), member('coordinates', '["x",1]')]);
      else if (rare < 0.04) geometry = object([member('type', '"Point"'), member('coordinates', '[1]')]);
      const featureMembers = [member('type', '"Feature"'), member('properties', rare > 0.98 ? '{"nested":{"a":1}}' : properties), member('geometry', geometry)];
      if (random.next() < 0.1) featureMembers.push(member('id', random.next() < 0.5 ? String(k) : `"f${k}"`));
      if (random.next() < 0.05) featureMembers.push(member('bbox', '[1,2,3,4]'));
      if (rare > 0.97 && rare <= 0.98) featureMembers.push(member('title', '"foreign"'));
      for (let swap = 0; swap < 3; swap++) {
        const a = random.int(0, featureMembers.length - 1);
        const b = random.int(0, featureMembers.length - 1);
        [featureMembers[a], featureMembers[b]] = [featureMembers[b], featureMembers[a]];
      }
      features.push(object(featureMembers));
    }
    const fast = await expectSame(`{"type":"FeatureCollection","features":[${space()}${features.join(`,${space()}`)}]}`, { propertyChars: 60 });
    expect(fast).toBeGreaterThan(2500);
  });
});

describe('newline-delimited GeoJSON: a line that is one plain point feature is read by the reader', () => {
  const plainLines = [point('[102.5,24.3]', '{"w":13,"名称":"甲"}'), point('[102.6,24.4]', '{"w":7}', ',"id":3'), point('[102.7,24.5]', 'null')];

  it('plain lines, CRLF, the RS byte, blanks around a record, empty lines', async () => {
    expect(await expectSame(plainLines.join('\n') + '\n', {}, false, parseNdjson)).toBe(3);
    expect(await expectSame(plainLines.join('\r\n') + '\r\n', {}, false, parseNdjson)).toBe(3);
    expect(await expectSame(plainLines.map((line) => `\u001e${line}`).join('\n'), {}, false, parseNdjson)).toBe(3);
    expect(await expectSame(plainLines.map((line) => ` \t${line}\t \r`).join('\n\n  \n'), {}, false, parseNdjson)).toBe(3);
  });

  it('anything else on a line is parsed: other blanks, a trailing RS, two records, a collection, a split record, a crs', async () => {
    const [a, b, c] = plainLines;
    const lines = [
      `\u00a0${a}`, `${a}\u001e`, `\ufeff${b}`, `\u000b${c}\u000c`, `${a} ${b}`, `{"type":"FeatureCollection","features":[${a},${b}]}`,
      '{"type":"Feature","properties":{},', '"geometry":{"type":"Point","coordinates":[1,2]}}', point('[1,2]', '{}', ',"crs":{"type":"name","properties":{"name":"EPSG:4490"}}'),
      '{"type":"Feature","properties":{"w":3},"geometry":null}', '42', '{x', c,
    ];
    expect(await expectSame(lines.join('\n'), {}, false, parseNdjson)).toBe(1);
    expect(await expectSame(lines.join('\n'), {}, true, parseNdjson)).toBe(1);
  });

  it('a MultiPoint line sends the layer down the feature path; a cut-off last line; limits', async () => {
    const multi = '{"type":"Feature","properties":{},"geometry":{"type":"MultiPoint","coordinates":[[1,2]]}}';
    const full = await readPoints(utf8([plainLines[0], multi].join('\n')), false, IMPORT_LIMITS, false, parseNdjson);
    const fast = await readPoints(utf8([plainLines[0], multi].join('\n')), true, IMPORT_LIMITS, false, parseNdjson);
    expect(full.notPoints && fast.notPoints).toBe(true);
    const text = plainLines.join('\n');
    for (let end = 1; end <= text.length; end++) {
      await expectSame(text.slice(0, end), {}, false, parseNdjson);
      await expectSame(text.slice(0, end), {}, true, parseNdjson);
    }
    await expectSame(text, { propertyDepth: 0 }, false, parseNdjson);
    await expectSame(text, { verticesPerFeature: 0 }, false, parseNdjson);
    await expectSame(text, { propertyChars: 0 }, false, parseNdjson);
    // measureRecord does not count a position opening on a CR; the reader does (and then leaves it to the full path).
    const carriage = [point('[\r1,2]', '{"w":1}'), point('[3,4]')].join('\n');
    expect(await expectSame(carriage, {}, false, parseNdjson)).toBe(2);
    expect(await expectSame(carriage, { verticesPerFeature: 0 }, false, parseNdjson)).toBe(0);
  });
});

describe('broken files give the same errors and the same kept part', () => {
  const text = collection(point('[102.5,24.3]', '{"w":13,"名称":"甲"}'), point('[102.6,24.4]', '{"w":7,"名称":"乙"}', ',"id":3'), point('[102.7,24.5]', '{"w":1}'));

  it('cut at every byte, kept or refused', async () => {
    const bytes = utf8(text);
    for (let end = 1; end < bytes.length; end++) {
      await expectSame(bytes.subarray(0, end), {}, false);
      await expectSame(bytes.subarray(0, end), {}, true);
    }
  });

  it('two thousand seeded edits: bytes replaced, inserted and deleted', async () => {
    const random = createRandom(9);
    const alphabet = utf8('{}[]",:0123456789.-+eE \ntrufalsn\\xé');
    const bytes = [...utf8(text)];
    for (let trial = 0; trial < 2000; trial++) {
      const edited = [...bytes];
      for (let edit = random.int(1, 3); edit > 0; edit--) {
        const at = random.int(0, edited.length - 1);
        const byte = alphabet[random.int(0, alphabet.length - 1)];
        const kind = random.int(0, 2);
        if (kind === 0) edited[at] = byte;
        else if (kind === 1) edited.splice(at, 0, byte);
        else edited.splice(at, 1);
      }
      await expectSame(Uint8Array.from(edited), {}, trial % 2 === 0);
    }
  });
});

describe('the layer read through importLayer', () => {
  it('is the same as the CSV of the same points', async () => {
    const rows = [
      [102.512345, 24.301234, 13],
      [102.6, 24.4, 7],
      [102.7, 24.5, 0],
    ];
    const geojson = collection(...rows.map(([lon, lat, w]) => point(`[${lon},${lat}]`, `{"w":${w}}`)));
    const csv = ['lon,lat,w', ...rows.map((row) => row.join(','))].join('\n');
    const [fromGeoJson, fromCsv] = await Promise.all([importLayer([file('p.geojson', geojson)], { pointTable: true }), importLayer([file('p.csv', csv)], { pointTable: true })]);
    if (!fromGeoJson.ok || !fromCsv.ok) throw new Error('not read');
    const points = [fromGeoJson.value.points, fromCsv.value.points].map((table) => table && plainTable({ ...table, columns: table.columns.filter((column) => column.name === 'w'), bytes: undefined }));
    expect(points[0]).toEqual(points[1]);
    expect(fromGeoJson.value.problems).toEqual([]);
  });

  it('one reader serves several files (its name cache follows the bytes)', async () => {
    const reader = new PointFeatureReader(100);
    const first = utf8(point('[1,2]', '{"name":"a"}'));
    const second = utf8(point('[3,4]', '{"nama":"b"}'));
    expect(reader.read(first, 0)).toBe(first.length);
    expect(reader.point.names.slice(0, reader.point.count)).toEqual(['name']);
    expect(reader.read(second, 0)).toBe(second.length);
    expect(reader.point.names.slice(0, reader.point.count)).toEqual(['nama']);
    expect([reader.point.lon, reader.point.lat, reader.point.values[0]]).toEqual([3, 4, 'b']);
  });
});
