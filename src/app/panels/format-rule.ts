// Rule values and targets as text, in the rule's own unit.
import type { RuleResult, RuleTarget } from '../../core/rules/rule-types.ts';
import { formatNumber } from '../i18n/format-number.ts';
import { t } from '../i18n/app-language.ts';

export function formatRuleValue(value: number | null, unit: RuleTarget['unit']): string {
  if (value === null || !Number.isFinite(value)) return '—';
  switch (unit) {
    case 'percent':
      return `${formatNumber(value, 1)}%`;
    case 'count':
      return formatNumber(value, 0);
    case 'per-1000':
      return `${formatNumber(value, 2)} ‰`;
  }
}

export function formatRuleTarget(target: RuleTarget): string {
  const op = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '=' }[target.op];
  return `${op} ${formatRuleValue(target.value, target.unit)}`;
}

export function statusLabel(result: RuleResult): string {
  return result.status === 'pass' ? t('rule.pass') : result.status === 'fail' ? t('rule.fail') : t('rule.not-available');
}
