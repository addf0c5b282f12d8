// Assembling RuleResults: the shared fields, and the 'not-available' result.

import type { Bilingual, FailingItem, Rule, RuleResult, Shortfall } from './rule-types.ts';
import { meetsTarget } from './compare-target.ts';

export interface EvaluatedParts {
  value: number;
  /** Pass decided on whole counts by the caller (share kinds); else compared with the target. */
  passes?: boolean;
  summary: Bilingual;
  shortfall: Shortfall;
  failing: FailingItem[];
  figures: Record<string, number>;
  provenance: Bilingual;
}

export function buildRuleResult(rule: Rule, parts: EvaluatedParts): RuleResult {
  const passes = parts.passes ?? meetsTarget(parts.value, rule.target.op, rule.target.value);
  const result: RuleResult = {
    ruleId: rule.id,
    title: rule.title,
    kind: rule.kind,
    status: passes ? 'pass' : 'fail',
    value: parts.value,
    target: rule.target,
    summary: parts.summary,
    shortfall: parts.shortfall,
    failing: parts.failing,
    figures: parts.figures,
    provenance: parts.provenance,
  };
  if (rule.source !== undefined) result.source = rule.source;
  return result;
}

export function notAvailable(rule: Rule, reason: Bilingual, provenance?: Bilingual): RuleResult {
  const result: RuleResult = {
    ruleId: rule.id,
    title: rule.title,
    kind: rule.kind,
    status: 'not-available',
    value: null,
    target: rule.target,
    summary: { zh: `无法评估：${reason.zh}`, en: `Not available: ${reason.en}` },
    shortfall: null,
    failing: [],
    figures: {},
    provenance: provenance ?? { zh: '', en: '' },
    reason,
  };
  if (rule.source !== undefined) result.source = rule.source;
  return result;
}

/** Sentence for a met target. */
export function metSentence(): Bilingual {
  return { zh: '已达到目标，无缺口', en: 'target met, no shortfall' };
}
