// The plan's rules: evaluated in the interactive worker whenever they or the data change, shown
// on the dashboard; the planner edits, adds, removes or resets them.
import type { Rule, RuleSet } from '../../core/rules/rule-types.ts';
import { t } from '../i18n/app-language.ts';
import { confirmDialog } from '../panels/dialogs.ts';
import type { RuleEditorContext } from '../panels/rule-editor.ts';
import type { AppContext } from './app-context.ts';
import type { RulesReply } from '../../../workers/protocol.ts';

export class RulesController {
  /** Told after new results are on the dashboard (table and selection follow them). */
  onResults: () => void = () => undefined;

  constructor(
    private readonly context: AppContext,
    private readonly ruleSet: RuleSet,
  ) {}

  async run(): Promise<boolean> {
    const { state, views, ready, interactive } = this.context;
    views.dashboard.setPending(true);
    try {
      const rules = state.session.rules;
      const outcome = await interactive.latest('rules', (api, id, progress) => api.evaluateRules(rules, id, progress));
      if (outcome.cancelled) return false;
      this.show(outcome.value);
      ready.mark('rules-shown');
      return true;
    } catch (error) {
      this.context.fail(error);
      return false;
    }
  }

  /**
   * Puts rule results on the dashboard (from `run`, or a what-if edit's one round trip). `follow`
   * false leaves the table and the selection (onResults) to the caller: a what-if edit paints the
   * dashboard first and them after its analysis.
   */
  show(reply: RulesReply, follow = true): void {
    const { state, views, ready } = this.context;
    state.rules = reply.results;
    state.failedRules = reply.failedRules;
    views.dashboard.setPending(false);
    const name = this.ruleSet.id === state.session.ruleSetId ? this.ruleSet.name : { zh: state.session.ruleSetId, en: state.session.ruleSetId };
    views.dashboard.setResults(name, state.session.rules, state.rules);
    if (follow) this.onResults();
    ready.rulesEvaluated(state.rules);
  }

  /** A rule from the editor: replaces the rule of the same id, or is added. */
  save(rule: Rule, isNew: boolean): void {
    const session = this.context.state.session;
    session.rules = isNew ? [...session.rules, rule] : session.rules.map((candidate) => (candidate.id === rule.id ? rule : candidate));
    this.context.save();
    void this.run();
  }

  remove(ruleId: string): void {
    const session = this.context.state.session;
    session.rules = session.rules.filter((rule) => rule.id !== ruleId);
    this.context.save();
    void this.run();
  }

  async reset(): Promise<void> {
    const confirmed = await confirmDialog('reset-rules-dialog', t('dashboard.reset-rules'), t('dashboard.reset-confirm'), t('dashboard.reset-rules'));
    if (!confirmed) return;
    const session = this.context.state.session;
    session.rules = structuredClone(this.ruleSet.rules);
    session.ruleSetId = this.ruleSet.id;
    this.context.save();
    await this.run();
  }

  /** What the rule editor offers: the dataset's facility types and place kinds. */
  editorContext(): RuleEditorContext {
    const summary = this.context.state.dataset?.summary;
    return { facilityTypes: summary?.facilityTypes.map((type) => type.type) ?? [], placeKinds: summary?.placeKinds.map((kind) => kind.kind) ?? [] };
  }
}
