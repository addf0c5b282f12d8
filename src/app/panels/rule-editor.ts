// Rule editor: a modal dialog to change a rule's threshold, reach and facility filter, or to add a
// new rule. The edited rule is checked with the core's validateRule before it is accepted.
import { createElement, replaceChildren } from '../dom/create-element.ts';
import { currentLanguage, t } from '../i18n/app-language.ts';
import { validateRule } from '../../core/rules/validate-rules.ts';
import type { Rule, RuleKind, TargetOperator } from '../../core/rules/rule-types.ts';
import type { ComparisonOperator, FacilityFilter } from '../../core/coverage/coverage-types.ts';
import { serviceLabel } from './analysis-panel.ts';
import { defaultReachMetres } from '../../core/analysis/service-catalog.ts';

const NEW_RULE_KINDS: RuleKind[] = ['population-within', 'area-within', 'points-covered', 'unit-presence', 'count', 'capacity-per-population'];
const TARGET_OPERATORS: TargetOperator[] = ['>=', '>', '<=', '<', '='];
const CONDITION_OPERATORS: ComparisonOperator[] = ['=', '!=', '>', '>=', '<', '<=', 'truthy', 'falsy'];

export interface RuleEditorContext {
  facilityTypes: string[];
  placeKinds: string[];
}

/** The filter a rule's facilities are chosen by, whatever its kind. */
function ruleFilter(rule: Rule): FacilityFilter | null {
  if (rule.kind === 'unit-presence') return rule.require[0]?.filter ?? null;
  if (rule.kind === 'unit-attribute') return null;
  return rule.filter;
}

function newRule(kind: RuleKind, type: string): Rule {
  const base = {
    id: `custom-${Date.now().toString(36)}`,
    title: { zh: '', en: '' },
    enabled: true,
  };
  const filter = { types: [type] };
  const metres = defaultReachMetres(type);
  switch (kind) {
    case 'population-within':
      return { ...base, kind, filter, reach: { kind: 'distance', metres }, target: { op: '>=', value: 90, unit: 'percent' } };
    case 'area-within':
      return { ...base, kind, filter, reach: { kind: 'distance', metres }, target: { op: '>=', value: 90, unit: 'percent' } };
    case 'points-covered':
      return { ...base, kind, filter, reach: { kind: 'distance', metres }, placeKinds: [], target: { op: '>=', value: 90, unit: 'percent' } };
    case 'unit-presence':
      return { ...base, kind, level: 'township', require: [{ filter, minCount: 1 }], target: { op: '>=', value: 100, unit: 'percent' } };
    case 'count':
      return { ...base, kind, filter, target: { op: '>=', value: 1, unit: 'count' } };
    default:
      return { ...base, kind: 'capacity-per-population', filter, level: 'region', target: { op: '>=', value: 1, unit: 'per-1000' } };
  }
}

export class RuleEditor {
  private readonly dialog = createElement('dialog', { className: 'dialog rule-editor', attributes: { id: 'rule-editor', 'aria-labelledby': 'rule-editor-heading' } });

  constructor(
    host: HTMLElement,
    private readonly onSave: (rule: Rule, isNew: boolean) => void,
    private readonly onDelete: (ruleId: string) => void,
  ) {
    host.append(this.dialog);
  }

  open(context: RuleEditorContext, existing: Rule | null): void {
    const language = currentLanguage();
    const isNew = existing === null;
    let rule: Rule = existing ? structuredClone(existing) : newRule('population-within', context.facilityTypes[0] ?? 'nursery');
    const errors = createElement('ul', { className: 'form-errors', attributes: { role: 'alert' } });
    const field = (id: string, label: string, control: HTMLElement) =>
      createElement('div', { className: 'field' }, [createElement('label', { text: label, attributes: { for: id } }), control]);
    const select = (id: string, entries: [string, string][], value: string) => {
      const element = createElement('select', { attributes: { id } }, entries.map(([v, text]) => createElement('option', { text, attributes: { value: v } })));
      element.value = value;
      return element;
    };
    const input = (id: string, value: string | number, type = 'text') => createElement('input', { attributes: { id, type, value: String(value) } });

    const kind = select('rule-kind', NEW_RULE_KINDS.map((k) => [k, t(`rule-kind.${k}`)]), rule.kind);
    kind.disabled = !isNew;
    const titleZh = input('rule-title-zh', rule.title.zh);
    const titleEn = input('rule-title-en', rule.title.en);
    const enabled = createElement('input', { attributes: { id: 'rule-enabled', type: 'checkbox', checked: rule.enabled } });
    const op = select('rule-op', TARGET_OPERATORS.map((o) => [o, o]), rule.target.op);
    const threshold = input('rule-threshold', rule.target.value, 'number');
    threshold.step = 'any';
    const filter = ruleFilter(rule);
    const types = createElement(
      'select',
      { attributes: { id: 'rule-types', multiple: true, size: 5 } },
      context.facilityTypes.map((type) =>
        createElement('option', { text: serviceLabel(type), attributes: { value: type, selected: filter?.types?.includes(type) ?? false } }),
      ),
    );
    const condition = filter?.where?.[0];
    const conditionField = input('rule-condition-field', condition?.field ?? '');
    const conditionOp = select('rule-condition-op', CONDITION_OPERATORS.map((o) => [o, o]), condition?.op ?? 'truthy');
    const conditionValue = input('rule-condition-value', condition?.value === undefined ? '' : String(condition.value));
    const radius = input('rule-radius', 'reach' in rule && rule.reach.kind === 'distance' ? rule.reach.metres : rule.kind === 'capacity-per-population' ? rule.catchmentMetres ?? '' : '', 'number');
    const placeKinds = createElement(
      'select',
      { attributes: { id: 'rule-place-kinds', multiple: true, size: 3 } },
      context.placeKinds.map((placeKind) =>
        createElement('option', {
          text: placeKind,
          attributes: { value: placeKind, selected: rule.kind === 'points-covered' && rule.placeKinds.includes(placeKind) },
        }),
      ),
    );

    const reachRelevant = () => ['population-within', 'area-within', 'points-covered'].includes(rule.kind) || (rule.kind === 'capacity-per-population' && rule.method === 'two-step-fca');
    const body = createElement('div', { className: 'form-body' });
    const renderBody = () => {
      replaceChildren(body, [
        field('rule-kind', t('rule-editor.kind'), kind),
        field('rule-title-zh', t('rule-editor.title-zh'), titleZh),
        field('rule-title-en', t('rule-editor.title-en'), titleEn),
        createElement('div', { className: 'field two' }, [field('rule-op', t('rule-editor.operator'), op), field('rule-threshold', t('rule-editor.threshold', { unit: t(`target-unit.${rule.target.unit}`) }), threshold)]),
        reachRelevant() ? field('rule-radius', t('rule-editor.radius'), radius) : null,
        filter ? field('rule-types', t('rule-editor.types'), types) : null,
        filter
          ? createElement('fieldset', { className: 'field' }, [
              createElement('legend', { text: t('rule-editor.condition') }),
              createElement('div', { className: 'field three' }, [
                field('rule-condition-field', t('rule-editor.condition-field'), conditionField),
                field('rule-condition-op', t('rule-editor.condition-op'), conditionOp),
                field('rule-condition-value', t('rule-editor.condition-value'), conditionValue),
              ]),
            ])
          : null,
        rule.kind === 'points-covered' ? field('rule-place-kinds', t('rule-editor.place-kinds'), placeKinds) : null,
        createElement('label', { className: 'checkbox' }, [enabled, createElement('span', { text: t('rule-editor.enabled') })]),
        errors,
      ]);
    };
    kind.addEventListener('change', () => {
      rule = newRule(kind.value as RuleKind, context.facilityTypes[0] ?? 'nursery');
      op.value = rule.target.op;
      threshold.value = String(rule.target.value);
      renderBody();
    });
    renderBody();

    const collect = (): Rule => {
      const next = structuredClone(rule) as Rule & Record<string, unknown>;
      next.title = { zh: titleZh.value.trim() || titleEn.value.trim() || t('rule-editor.untitled'), en: titleEn.value.trim() || titleZh.value.trim() || t('rule-editor.untitled') };
      next.enabled = enabled.checked;
      next.target = { ...next.target, op: op.value as TargetOperator, value: Number(threshold.value) };
      const chosenTypes = [...types.selectedOptions].map((option) => option.value);
      const where = conditionField.value.trim()
        ? [
            {
              field: conditionField.value.trim(),
              op: conditionOp.value as ComparisonOperator,
              ...(conditionOp.value === 'truthy' || conditionOp.value === 'falsy'
                ? {}
                : { value: conditionValue.value.trim() !== '' && Number.isFinite(Number(conditionValue.value)) ? Number(conditionValue.value) : conditionValue.value }),
            },
          ]
        : undefined;
      const nextFilter: FacilityFilter = { ...(chosenTypes.length ? { types: chosenTypes } : {}), ...(where ? { where } : {}) };
      if (next.kind === 'unit-presence') next.require = [{ ...(next.require[0] ?? { minCount: 1 }), filter: nextFilter }, ...next.require.slice(1)];
      else if (next.kind !== 'unit-attribute') next.filter = nextFilter;
      if ('reach' in next && radius.value !== '') next.reach = { kind: 'distance', metres: Number(radius.value) };
      if (next.kind === 'capacity-per-population' && next.method === 'two-step-fca' && radius.value !== '') next.catchmentMetres = Number(radius.value);
      if (next.kind === 'points-covered') next.placeKinds = [...placeKinds.selectedOptions].map((option) => option.value);
      return next;
    };

    const save = createElement('button', { className: 'button primary', text: t('dialog.save'), attributes: { type: 'submit', id: 'rule-save' } });
    const cancel = createElement('button', { className: 'button subtle', text: t('dialog.cancel'), attributes: { type: 'button' } });
    const remove = createElement('button', { className: 'button danger', text: t('rule-editor.delete'), attributes: { type: 'button' } });
    const form = createElement('form', { attributes: { method: 'dialog' } }, [
      createElement('h2', { attributes: { id: 'rule-editor-heading' }, text: isNew ? t('rule-editor.new') : t('rule-editor.edit', { rule: rule.title[language] }) }),
      body,
      createElement('div', { className: 'button-row' }, [save, cancel, isNew ? null : remove]),
    ]);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const candidate = collect();
      const checked = validateRule(candidate);
      if (!checked.ok) {
        errors.replaceChildren(...checked.errors.map((error) => createElement('li', { text: error.message[currentLanguage()] })));
        return;
      }
      this.dialog.close();
      this.onSave(checked.value, isNew);
    });
    cancel.addEventListener('click', () => this.dialog.close());
    remove.addEventListener('click', () => {
      this.dialog.close();
      this.onDelete(rule.id);
    });
    this.dialog.replaceChildren(form);
    this.dialog.showModal();
  }
}
