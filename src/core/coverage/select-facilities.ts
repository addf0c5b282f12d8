// Facility selection by type and attribute conditions — the one place filters are interpreted.
import type { Dataset, Properties } from '../types.ts';
import type { AttributeCondition, FacilityFilter } from './coverage-types.ts';

function truthy(value: unknown): boolean {
  if (typeof value === 'string') {
    const v = value.trim().toLowerCase();
    return v !== '' && v !== '0' && v !== 'false' && v !== 'no' && v !== '否' && v !== '无';
  }
  return Boolean(value);
}

function asNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return NaN;
}

export function matchesCondition(properties: Properties, condition: AttributeCondition): boolean {
  const actual = properties[condition.field];
  const expected = condition.value;
  switch (condition.op) {
    case 'truthy':
      return truthy(actual);
    case 'falsy':
      return !truthy(actual);
    case 'in':
      return Array.isArray(expected) && expected.some((v) => String(v) === String(actual));
    case '=':
      return String(actual) === String(expected);
    case '!=':
      return String(actual) !== String(expected);
    default: {
      const a = asNumber(actual);
      const b = asNumber(expected);
      if (Number.isNaN(a) || Number.isNaN(b)) return false;
      if (condition.op === '>') return a > b;
      if (condition.op === '>=') return a >= b;
      if (condition.op === '<') return a < b;
      return a <= b;
    }
  }
}

export function matchesFilter(type: string, properties: Properties, filter: FacilityFilter): boolean {
  if (filter.types && filter.types.length > 0 && !filter.types.includes(type)) return false;
  return (filter.where ?? []).every((condition) => matchesCondition(properties, condition));
}

/** Indices (into dataset.facilities) of the facilities the filter selects. */
export function selectFacilities(dataset: Dataset, filter: FacilityFilter): Uint32Array {
  const picked: number[] = [];
  dataset.facilities.forEach((facility, i) => {
    if (matchesFilter(facility.type, facility.properties, filter)) picked.push(i);
  });
  return Uint32Array.from(picked);
}
