// Cohorts from a share the planner enters: a population layer without age groups can still serve
// the nursery and elder-care services when the planner knows, say, the census share of people aged
// 60+. The estimate is each cell's population × the share; the dataset records it, and every
// result built on it says so (rules' provenance, the metric table's notes).
import type { Dataset, Result } from '../types.ts';
import { fail, ok } from '../types.ts';
import type { Bilingual } from '../rules/rule-types.ts';
import { translateBoth } from '../i18n/translate.ts';
import { servedGroupName } from '../analysis/service-catalog.ts';
import { formatNumber } from '../rules/format-figures.ts';

const COHORT_FIELD = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** Reads "age60plus=18.5%" or "age60plus=0.185" (comma-separated pairs allowed) into shares in [0, 1]. */
export function parseCohortShares(text: string): Result<Record<string, number>> {
  const shares: Record<string, number> = {};
  for (const pair of text.split(',')) {
    if (pair.trim() === '') continue;
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(\d{1,3}(?:\.\d{1,6})?)(%?)\s*$/.exec(pair);
    const share = match ? Number(match[2]) / (match[3] ? 100 : 1) : NaN;
    if (!match || !(share >= 0 && share <= 1)) {
      return fail({
        code: 'invalid-cohort-share',
        message: {
          zh: `年龄组比例“${pair.slice(0, 60)}”应写成 字段=百分比（如 age60plus=18.5%）或 字段=小数（如 age60plus=0.185），且在 0–100% 之间`,
          en: `cohort share "${pair.slice(0, 60)}" must read field=percent (e.g. age60plus=18.5%) or field=fraction (e.g. age60plus=0.185), within 0–100%`,
        },
      });
    }
    shares[match[1]] = share;
  }
  return ok(shares);
}

export interface EstimatedCohorts {
  dataset: Dataset;
  /** What was estimated (or left alone because the layer has the field), bilingual. */
  notes: Bilingual[];
}

/** Adds each cohort the population layer lacks as population × share; a cohort the layer has is kept as read. */
export function estimateCohorts(dataset: Dataset, shares: Record<string, number>): EstimatedCohorts {
  const population = dataset.population;
  const cohorts = { ...population.cohorts };
  const estimatedShares = { ...population.estimatedShares };
  const notes: Bilingual[] = [];
  for (const [cohort, share] of Object.entries(shares)) {
    if (!COHORT_FIELD.test(cohort)) continue;
    if (cohorts[cohort] && estimatedShares[cohort] === undefined) {
      notes.push({ zh: `人口图层已有 ${cohort} 字段，未使用输入的比例`, en: `the population layer has a ${cohort} field; the entered share is not used` });
      continue;
    }
    cohorts[cohort] = population.population.map((people) => people * share);
    estimatedShares[cohort] = share;
    notes.push(estimatedCohortNote(cohort, share));
  }
  return { dataset: { ...dataset, population: { ...population, cohorts, estimatedShares } }, notes };
}

/** "60 岁及以上老人人数按常住人口的 18.5% 估算（用户输入）". */
export function estimatedCohortNote(cohort: string, share: number): Bilingual {
  return translateBoth('metric-table.cohort-estimated', { group: servedGroupName(cohort), share: formatNumber(share * 100, 2).replace(/\.?0+$/, '') });
}
