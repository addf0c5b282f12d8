// Entry point. The interactive analysis worker starts first and begins fetching the demo region
// while the app's own code (MapLibre is most of it) is still loading; then the app starts.
import { AnalysisClient } from './app/analysis/analysis-client.ts';
import { demoFileUrls } from './app/data/demo-urls.ts';
import './app/styles.css';

const createWorker = () => new Worker(new URL('../workers/analysis.worker.ts', import.meta.url), { type: 'module', name: 'gapmap-analysis' });

const interactive = new AnalysisClient(createWorker);
void interactive.call((api) => api.preloadDemo(demoFileUrls())).catch(() => undefined);

try {
  const [{ startApp }, { DEFAULT_RULE_SET }] = await Promise.all([import('./app/app.ts'), import('./core/rules/default-rules.ts')]);
  await startApp({ ruleSet: DEFAULT_RULE_SET, createWorker, interactive });
} catch (error) {
  const { showStartFailure } = await import('./app/start-failure.ts');
  showStartFailure(error);
}
