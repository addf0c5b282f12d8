// Plan-target rules: declarative JSON a planner can read and edit. One rule checks one target of
// the plan (TARGETS.md); a rule set groups them. Thresholds are data, never code.

import type { AttributeCondition, FacilityFilter, Reach } from '../coverage/coverage-types.ts';

export interface Bilingual {
  zh: string;
  en: string;
}

export type TargetOperator = '>=' | '>' | '<=' | '<' | '=';

/**
 * What the rule's value is compared with. `unit` fixes how `value` reads:
 * 'percent' → 0..100 (a share), 'count' → a number of facilities, 'per-1000' → capacity per 1,000 people.
 */
export interface RuleTarget {
  op: TargetOperator;
  value: number;
  unit: 'percent' | 'count' | 'per-1000';
}

export type UnitLevel = 'township' | 'county' | 'village';

interface RuleBase {
  id: string;
  title: Bilingual;
  /** The plan's own words (原文). */
  source?: string;
  target: RuleTarget;
  enabled: boolean;
  /** How the matching facilities are called in sentences, e.g. { zh: '区域性养老服务中心', en: 'regional elder-care centre' }. */
  facilityLabel?: Bilingual;
  /** Free notes shown with the result (assumptions, data caveats). */
  note?: Bilingual;
}

/** A facility requirement inside a unit: at least `minCount` facilities matching `filter`. */
export interface PresenceRequirement {
  filter: FacilityFilter;
  minCount: number;
  label?: Bilingual;
}

/** Share of units holding the required facilities (every requirement must hold). */
export interface UnitPresenceRule extends RuleBase {
  kind: 'unit-presence';
  level: UnitLevel;
  require: PresenceRequirement[];
}

/** Common part of the reach-based rules. */
interface ReachRule extends RuleBase {
  filter: FacilityFilter;
  reach: Reach;
  /** Per-facility radius (metres) from this property, e.g. audible_radius_m; falls back to reach.metres. */
  radiusField?: string;
  /** Restrict to an area of interest (code from Dataset.areas). */
  areaCode?: string;
}

/** Share of population (or of a cohort) within reach of a matching facility. */
export interface PopulationWithinRule extends ReachRule {
  kind: 'population-within';
  /** Cohort name (e.g. age60plus); absent = total population. */
  cohort?: string;
}

/** Share of area within reach of a matching facility. */
export interface AreaWithinRule extends ReachRule {
  kind: 'area-within';
}

/** Share of target places of the given kinds within reach of a matching facility. */
export interface PointsCoveredRule extends ReachRule {
  kind: 'points-covered';
  placeKinds: string[];
}

/** Capacity of matching facilities per 1,000 people (or per 1,000 of a cohort). */
export interface CapacityPerPopulationRule extends RuleBase {
  kind: 'capacity-per-population';
  filter: FacilityFilter;
  /** Where the target applies: the whole region, or every county / township. */
  level: 'region' | 'county' | 'township';
  /** Units listed with their own ratio (the per-unit pass list); default county for region, else `level`. */
  breakdown?: 'county' | 'township';
  cohort?: string;
  /** Property holding the capacity; absent = Facility.capacity. */
  capacityField?: string;
  /** 'ratio' = capacity in the unit / its population; 'two-step-fca' = spatial 2SFCA index. */
  method?: 'ratio' | 'two-step-fca';
  /** 2SFCA catchment radius (metres), required for method 'two-step-fca'. */
  catchmentMetres?: number;
  /** How capacity is called in sentences, e.g. { zh: '托位', en: 'nursery places' }. */
  capacityLabel?: Bilingual;
}

/** Number of matching facilities. */
export interface CountRule extends RuleBase {
  kind: 'count';
  filter: FacilityFilter;
}

/**
 * Share of matching facilities meeting `condition` (all must hold), or with `sumRatio` the ratio of
 * two summed fields over them (e.g. nursing_beds / beds).
 */
export interface AttributeShareRule extends RuleBase {
  kind: 'attribute-share';
  filter: FacilityFilter;
  condition?: AttributeCondition[];
  sumRatio?: { numeratorField: string; denominatorField: string; label?: Bilingual };
}

/** Share of units whose own attribute meets a condition (e.g. vaccination_rate >= 90). */
export interface UnitAttributeRule extends RuleBase {
  kind: 'unit-attribute';
  level: 'township' | 'county';
  condition: AttributeCondition;
}

export type Rule =
  | UnitPresenceRule
  | PopulationWithinRule
  | AreaWithinRule
  | PointsCoveredRule
  | CapacityPerPopulationRule
  | CountRule
  | AttributeShareRule
  | UnitAttributeRule;

export type RuleKind = Rule['kind'];

export const RULE_KINDS: readonly RuleKind[] = [
  'unit-presence',
  'population-within',
  'area-within',
  'points-covered',
  'capacity-per-population',
  'count',
  'attribute-share',
  'unit-attribute',
];

export interface RuleSet {
  id: string;
  name: Bilingual;
  description?: Bilingual;
  rules: Rule[];
}

export type RuleStatus = 'pass' | 'fail' | 'not-available';

/** A unit, place or facility that fails its rule, with the figures that show why. */
export interface FailingItem {
  kind: 'township' | 'county' | 'village' | 'place' | 'facility';
  /** Code (units) or id (places, facilities). */
  code: string;
  name: string;
  /** Index into the dataset's array of this kind. */
  index: number;
  /** The item's own value in the rule's terms (share %, count, ratio), null when missing. */
  value: number | null;
  /** Further figures, e.g. { population: 12000, covered: 8000 } or { county: '红塔区' }. */
  figures: Record<string, number | string | null>;
}

export interface Shortfall {
  /** How much is missing, in `unit`. 0 when the rule passes. */
  amount: number;
  unit: Bilingual;
  sentence: Bilingual;
}

export interface RuleResult {
  ruleId: string;
  title: Bilingual;
  kind: RuleKind;
  source?: string;
  status: RuleStatus;
  /** The rule's value in target.unit terms; null when not available. */
  value: number | null;
  target: RuleTarget;
  /** One sentence with the value and what it is made of. */
  summary: Bilingual;
  shortfall: Shortfall | null;
  /** Failing units / places / facilities, worst first. */
  failing: FailingItem[];
  /** Counts behind the value, e.g. { units: 76, passing: 41 }. */
  figures: Record<string, number>;
  /** Method, threshold, overlap rule, cell semantics, layers used, ellipsoid. */
  provenance: Bilingual;
  /** Why the rule could not be evaluated (status 'not-available'). */
  reason?: Bilingual;
}
