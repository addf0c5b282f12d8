// Entry point: styles, the default rule set and the analysis worker, then the app.
import './app/styles.css';
import { DEFAULT_RULE_SET } from './core/rules/default-rules.ts';
import { startApp } from './app/app.ts';

void startApp({
  ruleSet: DEFAULT_RULE_SET,
  createWorker: () => new Worker(new URL('../workers/analysis.worker.ts', import.meta.url), { type: 'module', name: 'gapmap-analysis' }),
});
