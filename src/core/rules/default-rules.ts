// The default rule set "玉溪市 2025 目标" (yuxi-2025). The thresholds live in
// data/rules/yuxi-2025.json — editable data a planner can copy, change and load with --rules or in
// the app — and are validated here on import, so a broken edit fails loudly in every test run.

import type { RuleSet } from './rule-types.ts';
import { validateRuleSet } from './validate-rules.ts';
import defaultRuleSetJson from '../../../data/rules/yuxi-2025.json';

function loadDefaultRuleSet(): RuleSet {
  const checked = validateRuleSet(defaultRuleSetJson);
  if (!checked.ok) throw new Error(`data/rules/yuxi-2025.json: ${checked.errors.map((e) => e.message.en).join('; ')}`);
  return checked.value;
}

export const DEFAULT_RULE_SET: RuleSet = loadDefaultRuleSet();
