// The service catalog and the planner's type mapping.
import { describe, expect, it } from 'vitest';
import { BUILT_IN_SERVICES, capacityPerThousandLabel, defaultReachMetres, serviceDefinition, servedGroupName } from '../../src/core/analysis/service-catalog.ts';
import {
  applyTypeMapping,
  catalogWithMapping,
  countTypeValues,
  parseInlineTypeMapping,
  unmappedTypeValues,
  validateTypeMapping,
} from '../../src/core/analysis/map-facility-types.ts';
import { parseCohortShares } from '../../src/core/dataset/estimate-cohorts.ts';
import { distinguishDuplicateCodes } from '../../src/core/dataset/distinguish-duplicate-codes.ts';
import { MESSAGES } from '../../src/core/i18n/messages.ts';
import { facility, township } from '../helpers/make-dataset.ts';

describe('service catalog', () => {
  it('names every built-in service from the translation table, with a served group and capacity unit', () => {
    for (const service of BUILT_IN_SERVICES) {
      expect(service.name).toBe(MESSAGES[`service.${service.type}` as keyof typeof MESSAGES]);
      expect(service.capacityUnit.zh).not.toBe('');
      expect(service.capacityUnit.en).not.toBe('');
    }
    expect(serviceDefinition('nursery')).toMatchObject({ servedGroup: 'age0_3', defaultMetres: 1000 });
    expect(serviceDefinition('broadcast-terminal')).toMatchObject({ radiusField: 'audible_radius_m', defaultMetres: 400 });
    expect(defaultReachMetres('hospital')).toBe(5000);
  });

  it('gives capacity per 1,000 one meaning per service, named', () => {
    expect(capacityPerThousandLabel(serviceDefinition('nursery'))).toEqual({ zh: '托位/千名0–3 岁婴幼儿', en: 'nursery places per 1,000 children aged 0–3' });
    expect(capacityPerThousandLabel(serviceDefinition('hospital'))).toEqual({ zh: '床位/千人', en: 'beds per 1,000 people' });
    expect(servedGroupName(undefined)).toEqual(MESSAGES['cohort.all']);
  });

  it('falls back to the type value itself for a type nobody described', () => {
    expect(serviceDefinition('kiosk')).toMatchObject({ type: 'kiosk', name: { zh: 'kiosk', en: 'kiosk' }, defaultMetres: 1000 });
    expect(serviceDefinition('kiosk').servedGroup).toBeUndefined();
  });
});

describe('type mapping', () => {
  it('maps values to catalog services and to new services with a name and served group', () => {
    const checked = validateTypeMapping({
      elder_centre: 'elder-regional-centre',
      broadcast: { service: 'village-broadcast', name: { zh: '村村响广播', en: 'village loudspeakers' }, servedGroup: 'all', defaultMetres: 500 },
      loudspeaker: 'village-broadcast',
      creche: { service: 'nursery' },
    });
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.value.types).toEqual({ elder_centre: 'elder-regional-centre', broadcast: 'village-broadcast', loudspeaker: 'village-broadcast', creche: 'nursery' });
    expect(checked.value.services).toEqual([
      { type: 'village-broadcast', name: { zh: '村村响广播', en: 'village loudspeakers' }, defaultMetres: 500, capacityUnit: MESSAGES['capacity-unit.capacity'] },
    ]);
    const catalog = catalogWithMapping(checked.value);
    expect(serviceDefinition('village-broadcast', catalog).name.en).toBe('village loudspeakers');
    const facilities = [facility('a', 102.5, 24.3, 'elder_centre'), facility('b', 102.5, 24.3, 'broadcast'), facility('c', 102.5, 24.3, 'nursery'), facility('d', 102.5, 24.3, 'kiosk')];
    const mapped = applyTypeMapping(facilities, checked.value);
    expect(mapped.map((f) => f.type)).toEqual(['elder-regional-centre', 'village-broadcast', 'nursery', 'kiosk']);
    expect(mapped[0].properties.source_type).toBe('elder_centre');
    expect(mapped[2]).toBe(facilities[2]);
    expect(unmappedTypeValues(mapped, catalog)).toEqual([{ value: 'kiosk', count: 1 }]);
    expect(countTypeValues(facilities.concat(facility('e', 1, 1, 'kiosk')))[0]).toEqual({ value: 'kiosk', count: 2 });
  });

  it('lists every problem in both languages', () => {
    const checked = validateTypeMapping({
      a: 'no-such-service',
      b: { service: 'nursery', name: { zh: '托育', en: 'care' } },
      c: { service: 'new-one' },
      d: { service: 'bad id!', name: { zh: 'x', en: 'x' } },
      e: { service: 'grouped', name: { zh: '甲', en: 'A' }, servedGroup: 'age 60+' },
      f: { service: 'far', name: { zh: '乙', en: 'B' }, defaultMetres: 1e9 },
      g: 42,
    });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    const en = checked.error.message.en;
    expect(en).toContain('"a" maps to an unknown service "no-such-service"');
    expect(en).toContain('the service "nursery" is in the catalog already and cannot be redefined');
    expect(en).toContain('the new service "new-one" needs a name');
    expect(en).toContain('type value "d": service must be a service id');
    expect(en).toContain('servedGroup of the new service "grouped"');
    expect(en).toContain('defaultMetres of the new service "far": the radius must lie between 100 and 20000 m');
    expect(en).toContain('type value "g" must map to a service id');
    expect(checked.error.message.zh).toContain('映射到未知服务“no-such-service”');
    expect(validateTypeMapping([]).ok).toBe(false);
  });

  it('reads the inline form of the CLI', () => {
    expect(parseInlineTypeMapping('elder_centre=elder-regional-centre, broadcast = broadcast-terminal')).toEqual({ ok: true, value: { elder_centre: 'elder-regional-centre', broadcast: 'broadcast-terminal' } });
    const bad = parseInlineTypeMapping('elder_centre');
    expect(!bad.ok && bad.error.message.en).toBe('type mapping "elder_centre" must read value=service');
  });
});

describe('entered cohort shares and duplicate codes', () => {
  it('reads shares as percent or fraction within 0–100%', () => {
    expect(parseCohortShares('age60plus=18.5%,age0_3=0.02')).toEqual({ ok: true, value: { age60plus: 0.185, age0_3: 0.02 } });
    for (const bad of ['age60plus=150%', 'age60plus=2', 'age60plus', '=0.2', 'age60plus=0x1', 'age60plus=1e-2']) expect(parseCohortShares(bad).ok, bad).toBe(false);
  });

  it('keeps townships sharing a code apart, and says which were renamed', () => {
    const square = { type: 'Polygon' as const, coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] };
    const units = [township('530402001', square), township('530402001', square), township('530402001#2', square), township('530402001', square)];
    const { units: out, renamed } = distinguishDuplicateCodes(units);
    expect(out.map((u) => u.code)).toEqual(['530402001', '530402001#3', '530402001#2', '530402001#4']);
    expect(renamed).toHaveLength(2);
    expect(renamed[0].en).toBe("duplicate code: T530402001's code 530402001 is written as 530402001#3 in the outputs");
  });
});
