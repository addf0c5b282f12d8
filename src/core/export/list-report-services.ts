// The services a report draws a gap map for: those the rule set's enabled rules count (their facility
// filters' types) that the data has facilities of, in the catalog's order, with the analysed service
// first. A rule set that names no type (every facility) asks for every service the data has.

import { isKnownService, type ServiceCatalog, BUILT_IN_SERVICES } from '../analysis/service-catalog.ts';
import type { FacilityFilter } from '../coverage/coverage-types.ts';
import type { Rule } from '../rules/rule-types.ts';

function ruleFilters(rule: Rule): FacilityFilter[] {
  if (rule.kind === 'unit-presence') return rule.require.map((requirement) => requirement.filter);
  return 'filter' in rule ? [rule.filter] : [];
}

export function listReportServices(rules: Rule[], present: string[], analysed: string | undefined, catalog: ServiceCatalog = BUILT_IN_SERVICES): string[] {
  const filters = rules.filter((rule) => rule.enabled).flatMap(ruleFilters);
  const everything = filters.some((filter) => !filter.types || filter.types.length === 0);
  const named = new Set(filters.flatMap((filter) => filter.types ?? []));
  const has = new Set(present);
  const ordered = [...catalog.map((service) => service.type), ...[...has].filter((type) => !isKnownService(type, catalog)).sort()];
  const wanted = ordered.filter((type) => has.has(type) && (everything || named.has(type)) && type !== analysed);
  return analysed && has.has(analysed) ? [analysed, ...wanted] : wanted;
}
