// Demand per population cell: people, or people of a cohort, the cells inside a township, or only the
// cells of one area of interest (a rule's areaCode) — the same scopes the rule engine sums over.

import type { Result } from '../types.ts';
import { fail, ok } from '../types.ts';
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';

export interface DemandSpec {
  cohort?: string;
  /** Code of an area of interest (Dataset.areas) the demand is restricted to. */
  areaCode?: string;
}

export function demandWeights(prepared: PreparedDataset, spec: DemandSpec): Result<Float64Array> {
  const { population, cohorts } = prepared.dataset.population;
  const values = spec.cohort ? cohorts[spec.cohort] : population;
  if (!values) return fail({ code: 'unknown-cohort', message: { zh: `人口数据中没有年龄组“${spec.cohort}”`, en: `the population data has no cohort "${spec.cohort}"` } });
  const area = spec.areaCode === undefined ? -1 : prepared.dataset.areas.findIndex((a) => a.code === spec.areaCode);
  if (spec.areaCode !== undefined && area < 0) {
    return fail({ code: 'unknown-area', message: { zh: `没有代码为“${spec.areaCode}”的关注区域`, en: `no area of interest has code "${spec.areaCode}"` } });
  }
  return ok(
    Float64Array.from(values, (v, i) => ((area >= 0 ? prepared.cellArea[i] === area : prepared.cellTownship[i] >= 0) && v > 0 ? v : 0)),
  );
}
