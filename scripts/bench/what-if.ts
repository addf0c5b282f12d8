// npm run bench:what-if — what-if edits on the demo region (a drag of a facility in steps, facilities
// added and removed; a seeded sequence): how long until the planner sees updated figures, per edit,
// three ways in the same run:
//   incremental — editFacilities carries every cached result over, updated only within reach of the
//                 old and new positions (core/what-if), then one analyseReach and the rules;
//   full        — the facility arrays edited the same way (applyFacilityEdits), but coverage, 2SFCA,
//                 nearest distances and every rule computed again from scratch (what the app did
//                 before the incremental update);
//   naive       — prepareDataset on the edited dataset, then the same analysis and rules.
// Prints median and p95 of each phase, and the largest difference between the incremental and the
// full answers (covered population, covered area, 2SFCA per township; rule values).
// The default cases: nurseries and elder day care at 1,000 m (the rules include the 15-minute
// walking rule, over the demo's roads), and elder day care on a 15-minute walk (the analysis by
// travel time: nearest times, catchments, travel-time 2SFCA; the isochrone is traced after the
// figures, as the app does, and timed on its own).
// Usage: npm run bench:what-if [-- --service nursery,elder-daycare --metres 1000 --walk-service elder-daycare --minutes 15 --edits 20]
import { prepareDataset, type PreparedDataset } from '../../src/core/prepare/prepare-dataset.ts';
import { analyseReach, type ReachAnalysis, type ReachAnalysisRequest } from '../../src/core/reach/analyse-reach.ts';
import { evaluateRules } from '../../src/core/rules/evaluate-rules.ts';
import { DEFAULT_RULE_SET } from '../../src/core/rules/default-rules.ts';
import type { RuleResult } from '../../src/core/rules/rule-types.ts';
import { editFacilities, type FacilityEdit } from '../../src/core/what-if/edit-facilities.ts';
import { applyFacilityEdits, editedFacilities } from '../../src/core/siting/apply-facility-edits.ts';
import { serviceDefinition } from '../../src/core/analysis/service-catalog.ts';
import { createRandom } from '../demo/seeded-random.ts';
import { loadDemoDataset } from '../lib/load-demo-dataset.ts';
import { loadavg } from 'node:os';
import type { Reach } from '../../src/core/coverage/coverage-types.ts';

const option = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
};
const services = option('service', 'nursery,elder-daycare').split(',');
const metres = Number(option('metres', '1000'));
const walkServices = option('walk-service', 'elder-daycare').split(',').filter(Boolean);
const minutes = Number(option('minutes', '15'));
const editCount = Number(option('edits', '20'));
/** One step of a drag moves the facility this far north-east (degrees; ~70 m at 24° N). */
const STEP_DEGREES = 0.0005;

const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))];
function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
}

const dataset = await loadDemoDataset();

const cases: { service: string; reach: Reach }[] = [
  ...services.map((service) => ({ service, reach: { kind: 'distance', metres } as Reach })),
  ...walkServices.map((service) => ({ service, reach: { kind: 'travel-time', minutes, mode: 'walk' } as Reach })),
];

for (const { service, reach } of cases) {
  const prepared = prepareDataset(dataset);
  const cohort = serviceDefinition(service).servedGroup;
  // The app's what-if answer: discs (or the isochrone) go by diff or after the figures, not with them.
  const request: ReachAnalysisRequest = { filter: { types: [service] }, reach, ...(cohort && cohort !== 'all' ? { cohort } : {}), discs: false };
  const rules = DEFAULT_RULE_SET.rules.filter((rule) => rule.enabled);
  if (!dataset.facilities.some((facility) => facility.type === service)) throw new Error(`no facility of type ${service} in the demo`);

  /** A seeded mix of edits of the service's facilities: drags (several steps of one facility), adds and removes. */
  function editSequence(): FacilityEdit[] {
    const random = createRandom(2026);
    const edits: FacilityEdit[] = [];
    let facilities = dataset.facilities;
    const ofService = () => facilities.filter((facility) => facility.type === service);
    while (edits.length < editCount) {
      const choice = random.next();
      const pick = ofService()[random.int(0, ofService().length - 1)];
      if (choice < 0.6) {
        for (let step = 1; step <= 4 && edits.length < editCount; step++) edits.push({ kind: 'move', id: pick.id, lon: pick.lon + step * STEP_DEGREES, lat: pick.lat + step * STEP_DEGREES });
      } else if (choice < 0.8) {
        const base = ofService()[random.int(0, ofService().length - 1)];
        const id = `bench-added-${edits.length}`;
        edits.push({ kind: 'add', facility: { ...base, id, name: id, lon: base.lon + random.range(-0.02, 0.02), lat: base.lat + random.range(-0.02, 0.02), properties: { ...base.properties, id } } });
      } else edits.push({ kind: 'remove', id: pick.id });
      facilities = editedFacilities(facilities, edits.slice(-1));
    }
    return edits;
  }

  interface Timing {
    edit: number;
    analysis: number;
    rules: number;
    /** CPU time of the three (ms, the process's: on a shared machine the fairer figure). */
    cpu: number;
  }
  type Answer = { analysis: ReachAnalysis; rules: RuleResult[] };
  const ways = {
    incremental: (current: PreparedDataset, edit: FacilityEdit) => editFacilities(current, [edit]),
    full: (current: PreparedDataset, edit: FacilityEdit) => applyFacilityEdits(current, [edit]),
    naive: (_current: PreparedDataset, _edit: FacilityEdit, facilities: typeof dataset.facilities) => prepareDataset({ ...dataset, facilities }),
  };
  type Way = keyof typeof ways;
  const timings: Record<Way, Timing[]> = { incremental: [], full: [], naive: [] };
  const outlineMs: Record<Way, number[]> = { incremental: [], full: [], naive: [] };
  const answers: Record<Way, Answer[]> = { incremental: [], full: [], naive: [] };

  const edits = editSequence();
  for (const way of Object.keys(ways) as Way[]) {
    let current = prepared;
    // What the app has cached before the first edit: the analysis on show and the rules.
    analyseReach(current, request);
    evaluateRules(current, rules);
    let facilities = dataset.facilities;
    for (const edit of edits) {
      facilities = editedFacilities(facilities, [edit]);
      const cpuStart = process.cpuUsage();
      const [edited, editMs] = time(() => ways[way](current, edit, facilities));
      current = edited;
      const [analysis, analysisMs] = time(() => analyseReach(edited, request));
      const [results, rulesMs] = time(() => evaluateRules(edited, rules));
      const cpu = process.cpuUsage(cpuStart);
      timings[way].push({ edit: editMs, analysis: analysisMs, rules: rulesMs, cpu: (cpu.user + cpu.system) / 1000 });
      if (analysis.travel) outlineMs[way].push(time(() => analysis.travel!.isochrone)[1]);
      answers[way].push({ analysis, rules: results });
    }
  }

  let populationDifference = 0, areaDifference = 0, fcaDifference = 0, ruleDifference = 0, timeDifference = 0;
  const largest = (a: Float64Array, b: Float64Array, previous: number) => a.reduce((max, value, i) => (value === b[i] ? max : Math.max(max, Math.abs(value - b[i]))), previous);
  answers.incremental.forEach(({ analysis, rules: results }, k) => {
    const full = answers.full[k];
    populationDifference = largest(analysis.coverage.townships.coveredPopulation, full.analysis.coverage.townships.coveredPopulation, populationDifference);
    areaDifference = largest(analysis.coverage.townships.coveredAreaKm2, full.analysis.coverage.townships.coveredAreaKm2, areaDifference);
    if (analysis.twoStep && full.analysis.twoStep) fcaDifference = largest(analysis.twoStep.townships, full.analysis.twoStep.townships, fcaDifference);
    if (analysis.travel && full.analysis.travel) timeDifference = largest(analysis.travel.nearestTime.cellMinutes, full.analysis.travel.nearestTime.cellMinutes, timeDifference);
    results.forEach((result, r) => {
      const other = full.rules[r].value;
      if (typeof result.value === 'number' && typeof other === 'number' && Number.isFinite(result.value)) ruleDifference = Math.max(ruleDifference, Math.abs(result.value - other));
    });
  });

  const cell = (values: number[]) => `${quantile(values, 0.5).toFixed(1)} / ${quantile(values, 0.95).toFixed(1)}`;
  const row = (label: string, list: Timing[]) =>
    `| ${label} | ${cell(list.map((t) => t.edit))} | ${cell(list.map((t) => t.analysis))} | ${cell(list.map((t) => t.edit + t.analysis))} | ${cell(list.map((t) => t.rules))} | ${cell(list.map((t) => t.edit + t.analysis + t.rules))} | ${cell(list.map((t) => t.cpu))} |`;
  const kinds = ['move', 'add', 'remove'].map((kind) => `${edits.filter((edit) => edit.kind === kind).length} ${kind}`).join(', ');
  const reachWords = reach.kind === 'distance' ? `${reach.metres} m` : `a ${reach.minutes}-minute walk`;
  console.log(`\nWhat-if edits on the demo region (${dataset.facilities.length} facilities, ${dataset.population.population.length} cells, ${dataset.townships.length} townships, ${rules.length} rules): ${service} at ${reachWords}, ${edits.length} edits (${kinds}; drags in ~70 m steps), load average ${loadavg()[0].toFixed(1)}\n`);
  console.log('ms per edit, median / p95:\n');
  console.log('| way | edit | analysis | → map + table | rules | → dashboard | → dashboard, CPU time |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  console.log(row('incremental (editFacilities, results carried)', timings.incremental));
  console.log(row('full recompute (facility arrays edited)', timings.full));
  console.log(row('naive (prepareDataset again)', timings.naive));
  if (outlineMs.incremental.length > 0) console.log(`\nthe isochrone, traced after the figures (median / p95): ${cell(outlineMs.incremental)} ms incremental, ${cell(outlineMs.full)} ms full`);
  console.log(`\nlargest difference incremental vs full recompute, per township: covered population ${populationDifference}, covered area ${areaDifference} km², 2SFCA ${fcaDifference} per 1,000; rule values ${ruleDifference}${reach.kind === 'travel-time' ? `; nearest time per cell ${timeDifference} min` : ''}`);
}
