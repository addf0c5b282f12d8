// npm run bench:what-if — a facility dragged on the demo region: how long until the planner sees
// updated figures, incrementally (editFacilities: applyFacilityEdits changes only the facility
// arrays and the cached nearest distances are updated where the moved facility was nearest; then
// one analyseReach and the rules) against the naive way (prepareDataset on the edited dataset, then
// the same analysis), in the same run. Median of several moves of different facilities.
// Usage: npm run bench:what-if [-- --service nursery --metres 1000 --moves 9]
import { prepareDataset, type PreparedDataset } from '../../src/core/prepare/prepare-dataset.ts';
import { analyseReach, type ReachAnalysisRequest } from '../../src/core/reach/analyse-reach.ts';
import { evaluateRules } from '../../src/core/rules/evaluate-rules.ts';
import { DEFAULT_RULE_SET } from '../../src/core/rules/default-rules.ts';
import { editFacilities, type FacilityEdit } from '../../src/core/what-if/edit-facilities.ts';
import { loadDemoDataset } from '../lib/load-demo-dataset.ts';

const option = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
};
const service = option('service', 'nursery');
const metres = Number(option('metres', '1000'));
const moves = Number(option('moves', '9'));
/** Each step of the drag moves the facility this far north-east (degrees; ~70 m at 24° N). */
const STEP_DEGREES = 0.0005;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
}

const dataset = await loadDemoDataset();
const prepared = prepareDataset(dataset);
const request: ReachAnalysisRequest = { filter: { types: [service] }, reach: { kind: 'distance', metres }, cohort: service === 'nursery' ? 'age0_3' : undefined };
const candidates = dataset.facilities.flatMap((facility, index) => (facility.type === service ? [index] : []));
if (candidates.length === 0) throw new Error(`no facility of type ${service} in the demo`);
analyseReach(prepared, request); // warm-up (JIT), and the nearest distances the app would have cached


interface Timing {
  edit: number;
  analysis: number;
  rules: number;
}
const incremental: Timing[] = [];
const naive: Timing[] = [];
let largestDifference = 0;
// The facility of the service nearest the middle of the list (any would do; this one is reproducible).
const index = candidates[Math.floor(candidates.length / 2)];
let current = prepared;
for (let m = 1; m <= moves; m++) {
  const edit: FacilityEdit = { kind: 'move', id: dataset.facilities[index].id, lon: dataset.facilities[index].lon + m * STEP_DEGREES, lat: dataset.facilities[index].lat + m * STEP_DEGREES };
  const [edited, editMs] = time(() => editFacilities(current, [edit]));
  current = edited;
  const [fast, analysisMs] = time(() => analyseReach(edited, request));
  const [, rulesMs] = time(() => evaluateRules(edited, DEFAULT_RULE_SET.rules));
  incremental.push({ edit: editMs, analysis: analysisMs, rules: rulesMs });

  const movedDataset = { ...dataset, facilities: dataset.facilities.map((facility, i) => (i === index ? { ...facility, lon: edit.kind === 'move' ? edit.lon : 0, lat: edit.kind === 'move' ? edit.lat : 0 } : facility)) };
  const [full, prepareMs] = time((): PreparedDataset => prepareDataset(movedDataset));
  const [slow, slowAnalysisMs] = time(() => analyseReach(full, request));
  const [, slowRulesMs] = time(() => evaluateRules(full, DEFAULT_RULE_SET.rules));
  naive.push({ edit: prepareMs, analysis: slowAnalysisMs, rules: slowRulesMs });
  const a = fast.coverage.townships.coveredPopulation;
  const b = slow.coverage.townships.coveredPopulation;
  for (let i = 0; i < a.length; i++) largestDifference = Math.max(largestDifference, Math.abs(a[i] - b[i]));
  const c = fast.nearest.townships.median;
  const d = slow.nearest.townships.median;
  for (let i = 0; i < c.length; i++) if (!(Number.isNaN(c[i]) && Number.isNaN(d[i]))) largestDifference = Math.max(largestDifference, Math.abs(c[i] - d[i]));
}

const row = (label: string, timings: Timing[]) => {
  const edit = median(timings.map((t) => t.edit));
  const analysis = median(timings.map((t) => t.analysis));
  const rules = median(timings.map((t) => t.rules));
  return `| ${label} | ${edit.toFixed(1)} | ${analysis.toFixed(1)} | ${(edit + analysis).toFixed(1)} | ${rules.toFixed(1)} | ${(edit + analysis + rules).toFixed(1)} |`;
};
console.log(`\nFacility move on the demo region (${dataset.facilities.length} facilities, ${dataset.population.population.length} cells, ${dataset.townships.length} townships): ${service} at ${metres} m, median step of a drag in ${moves} steps of ~70 m\n`);
console.log('| way | edit / prepare ms | analysis ms | → map + table ms | rules ms | → dashboard ms |');
console.log('|---|---:|---:|---:|---:|---:|');
console.log(row('incremental (editFacilities)', incremental));
console.log(row('naive (prepareDataset again)', naive));
console.log(`\nlargest difference between the two ways (covered population and median distance per township): ${largestDifference}`);
