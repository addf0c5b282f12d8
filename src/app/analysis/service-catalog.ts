// What the app knows about the demo's facility types: a label, a planning-norm default reach and,
// for capacity-bearing services, the cohort their capacity serves. Unknown (imported) types fall
// back to their own name and a 1,000 m reach.
import type { MessageKey } from '../../core/i18n/messages.ts';

export interface ServiceDefinition {
  type: string;
  label: MessageKey;
  defaultMetres: number;
  /** Per-facility radius property (e.g. a broadcast terminal's audible radius). */
  radiusField?: string;
  /** Population cohort the capacity serves (2SFCA and capacity per 1,000). */
  cohort?: string;
}

export const SERVICES: readonly ServiceDefinition[] = [
  { type: 'nursery', label: 'service.nursery', defaultMetres: 1000, cohort: 'age0_3' },
  { type: 'kindergarten', label: 'service.kindergarten', defaultMetres: 1000 },
  { type: 'elder-daycare', label: 'service.elder-daycare', defaultMetres: 1000, cohort: 'age60plus' },
  { type: 'elder-regional-centre', label: 'service.elder-regional-centre', defaultMetres: 5000, cohort: 'age60plus' },
  { type: 'elder-institution', label: 'service.elder-institution', defaultMetres: 5000, cohort: 'age60plus' },
  { type: 'county-disability-care', label: 'service.county-disability-care', defaultMetres: 20000, cohort: 'age60plus' },
  { type: 'county-destitute-care', label: 'service.county-destitute-care', defaultMetres: 20000 },
  { type: 'broadcast-terminal', label: 'service.broadcast-terminal', defaultMetres: 400, radiusField: 'audible_radius_m' },
  { type: 'hospital', label: 'service.hospital', defaultMetres: 5000 },
  { type: 'township-health-centre', label: 'service.township-health-centre', defaultMetres: 3000 },
  { type: 'high-school', label: 'service.high-school', defaultMetres: 10000 },
  { type: 'minor-protection-platform', label: 'service.minor-protection-platform', defaultMetres: 20000 },
  { type: 'culture-centre', label: 'service.culture-centre', defaultMetres: 1500 },
  { type: 'special-ed-resource-centre', label: 'service.special-ed-resource-centre', defaultMetres: 5000 },
];

const BY_TYPE = new Map(SERVICES.map((service) => [service.type, service]));

export function serviceDefinition(type: string): ServiceDefinition | undefined {
  return BY_TYPE.get(type);
}

export function defaultReachMetres(type: string): number {
  return BY_TYPE.get(type)?.defaultMetres ?? 1000;
}

export const RADIUS_MIN_METRES = 100;
export const RADIUS_MAX_METRES = 20000;
