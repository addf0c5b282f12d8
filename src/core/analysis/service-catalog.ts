// The service catalog: what gapmap knows about each facility type — its name, the group of people it
// serves (a population cohort, or everyone), a planning-norm default reach, an optional per-facility
// radius field, the capacity field and the unit its capacity counts. The CLI's tables, the app's
// table and map, and the rules' sentences all read services from here. A planner's own types join
// the catalog through a type mapping (map-facility-types.ts); a type nobody described falls back to
// its own name, everyone served, a 1,000 m reach.
import { MESSAGES } from '../i18n/messages.ts';
import type { Bilingual } from '../rules/rule-types.ts';
import type { CoverageRequest } from '../coverage/coverage-types.ts';

export interface ServiceDefinition {
  type: string;
  name: Bilingual;
  /** Population cohort the service serves (capacity per 1,000 and 2SFCA use it); absent = everyone. */
  servedGroup?: string;
  defaultMetres: number;
  /** Per-facility radius property (e.g. a broadcast terminal's audible radius); missing values use the reach. */
  radiusField?: string;
  /** Property holding the capacity; absent = the facility's capacity field as imported. */
  capacityField?: string;
  /** What one unit of capacity is: 托位 / nursery places, 床位 / beds. */
  capacityUnit: Bilingual;
}

export type ServiceCatalog = readonly ServiceDefinition[];

export const BUILT_IN_SERVICES: ServiceCatalog = [
  { type: 'nursery', name: MESSAGES['service.nursery'], defaultMetres: 1000, servedGroup: 'age0_3', capacityUnit: MESSAGES['capacity-unit.nursery-places'] },
  { type: 'kindergarten', name: MESSAGES['service.kindergarten'], defaultMetres: 1000, capacityUnit: MESSAGES['capacity-unit.school-places'] },
  { type: 'elder-daycare', name: MESSAGES['service.elder-daycare'], defaultMetres: 1000, servedGroup: 'age60plus', capacityUnit: MESSAGES['capacity-unit.care-places'] },
  { type: 'elder-regional-centre', name: MESSAGES['service.elder-regional-centre'], defaultMetres: 5000, servedGroup: 'age60plus', capacityUnit: MESSAGES['capacity-unit.beds'] },
  { type: 'elder-institution', name: MESSAGES['service.elder-institution'], defaultMetres: 5000, servedGroup: 'age60plus', capacityUnit: MESSAGES['capacity-unit.beds'] },
  { type: 'county-disability-care', name: MESSAGES['service.county-disability-care'], defaultMetres: 20000, servedGroup: 'age60plus', capacityUnit: MESSAGES['capacity-unit.beds'] },
  { type: 'county-destitute-care', name: MESSAGES['service.county-destitute-care'], defaultMetres: 20000, capacityUnit: MESSAGES['capacity-unit.beds'] },
  { type: 'broadcast-terminal', name: MESSAGES['service.broadcast-terminal'], defaultMetres: 400, radiusField: 'audible_radius_m', capacityUnit: MESSAGES['capacity-unit.capacity'] },
  { type: 'hospital', name: MESSAGES['service.hospital'], defaultMetres: 5000, capacityUnit: MESSAGES['capacity-unit.beds'] },
  { type: 'township-health-centre', name: MESSAGES['service.township-health-centre'], defaultMetres: 3000, capacityUnit: MESSAGES['capacity-unit.beds'] },
  { type: 'high-school', name: MESSAGES['service.high-school'], defaultMetres: 10000, capacityUnit: MESSAGES['capacity-unit.school-places'] },
  { type: 'minor-protection-platform', name: MESSAGES['service.minor-protection-platform'], defaultMetres: 20000, capacityUnit: MESSAGES['capacity-unit.capacity'] },
  { type: 'culture-centre', name: MESSAGES['service.culture-centre'], defaultMetres: 1500, capacityUnit: MESSAGES['capacity-unit.capacity'] },
  { type: 'special-ed-resource-centre', name: MESSAGES['service.special-ed-resource-centre'], defaultMetres: 5000, capacityUnit: MESSAGES['capacity-unit.capacity'] },
];

/** The groups a service can serve: everyone, or a cohort the population layer may carry. */
export const SERVED_GROUPS = ['all', 'age0_3', 'age0_14', 'age60plus'] as const;

const COHORT_NAMES: Record<string, Bilingual> = {
  age0_3: MESSAGES['cohort.age0_3'],
  age0_14: MESSAGES['cohort.age0_14'],
  age60plus: MESSAGES['cohort.age60plus'],
};

/** The name of a served group (cohort id; absent = everyone); an unknown cohort is named by its field. */
export function servedGroupName(cohort: string | undefined): Bilingual {
  if (!cohort) return MESSAGES['cohort.all'];
  return COHORT_NAMES[cohort] ?? { zh: `人口字段 ${cohort}`, en: `people (field ${cohort})` };
}

/** A service for a type nobody described: its own value as name, everyone served, 1,000 m. */
function fallbackService(type: string): ServiceDefinition {
  return { type, name: { zh: type, en: type }, defaultMetres: 1000, capacityUnit: MESSAGES['capacity-unit.capacity'] };
}

/** The catalog's entry for a type (the planner's own services first), else the fallback. */
export function serviceDefinition(type: string, catalog: ServiceCatalog = BUILT_IN_SERVICES): ServiceDefinition {
  return catalog.find((service) => service.type === type) ?? BUILT_IN_SERVICES.find((service) => service.type === type) ?? fallbackService(type);
}

/** True when the type is described by the catalog (built in or the planner's own). */
export function isKnownService(type: string, catalog: ServiceCatalog = BUILT_IN_SERVICES): boolean {
  return catalog.some((service) => service.type === type) || BUILT_IN_SERVICES.some((service) => service.type === type);
}

export function defaultReachMetres(type: string, catalog: ServiceCatalog = BUILT_IN_SERVICES): number {
  return serviceDefinition(type, catalog).defaultMetres;
}

/** "托位/千名 0–3 岁婴幼儿" / "nursery places per 1,000 children aged 0–3": what capacity per 1,000 means for this service. */
export function capacityPerThousandLabel(service: ServiceDefinition): Bilingual {
  const group = servedGroupName(service.servedGroup);
  if (!service.servedGroup) return { zh: `${service.capacityUnit.zh}/千人`, en: `${service.capacityUnit.en} per 1,000 people` };
  return { zh: `${service.capacityUnit.zh}/千名${group.zh}`, en: `${service.capacityUnit.en} per 1,000 ${group.en}` };
}

/** The coverage request of a service at a straight-line reach (its per-facility radius field included). */
export function serviceCoverageRequest(service: ServiceDefinition, metres: number): CoverageRequest {
  return { filter: { types: [service.type] }, reach: { kind: 'distance', metres }, ...(service.radiusField ? { radiusField: service.radiusField } : {}) };
}
