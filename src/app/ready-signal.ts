// The app-ready signal browser tests wait on (never on time): after the worker's results are
// painted and the map is idle, `<html data-ready="1">` is set, `data-analysis-seq` counts painted
// analyses, and `window.__gapmap` exposes the last results. Each step also fires a `gapmap:*` event.
// The hooks that act on the app (test-hook.ts) are added only in test builds.
import type { Reach } from '../core/coverage/coverage-types.ts';
import type { RuleResult } from '../core/rules/rule-types.ts';
import type { AnalysisView } from './analysis/analysis-view.ts';

/** Milliseconds from the request to: the worker's results, the DOM/map updates sent, the map idle. */
export interface AnalysisTiming {
  startedAt: number;
  total: number;
  worker: number;
  paint: number;
  mapIdle: number;
}

export interface GapmapTestHook {
  ready: boolean;
  analysisSeq: number;
  rulesSeq: number;
  highlightSeq: number;
  repaintSeq: number;
  sessionSaveSeq: number;
  workerCrashes: number;
  /** The stored session could not be used: it was set aside and a banner offers a reset. */
  sessionSetAside: boolean;
  /** Background workers replaced to cancel their work (an import read the planner cancelled). */
  workerReplacements: number;
  analysis: null | {
    service: string;
    reach: Reach;
    /** The reach in metres (NaN for a travel-time reach). */
    metres: number;
    townships: Record<string, number[]>;
    region: Record<string, number[]>;
    facilityCount: number;
  };
  gaps: { features: number; uncoveredPopulation: number } | null;
  gapsSeq: number;
  rules: RuleResult[];
  highlighted: { townships: number[]; places: number[] };
  timings: { firstReadyMs: number | null; marks: Record<string, number>; analyses: ({ reason: string } & AnalysisTiming)[] };
  [extra: string]: unknown;
}

declare global {
  interface Window {
    __gapmap: GapmapTestHook;
  }
}

export class ReadySignal {
  private readonly hook: GapmapTestHook = {
    ready: false,
    analysisSeq: 0,
    rulesSeq: 0,
    highlightSeq: 0,
    repaintSeq: 0,
    sessionSaveSeq: 0,
    workerCrashes: 0,
    sessionSetAside: false,
    workerReplacements: 0,
    analysis: null,
    gaps: null,
    gapsSeq: 0,
    rules: [],
    highlighted: { townships: [], places: [] },
    timings: { firstReadyMs: null, marks: {}, analyses: [] },
  };

  constructor() {
    window.__gapmap = this.hook;
  }

  private emit(name: string): void {
    window.dispatchEvent(new CustomEvent(`gapmap:${name}`));
  }

  expose(extra: Record<string, unknown>): void {
    Object.assign(this.hook, extra);
  }

  /** First time (ms after navigation start) a named step of the start-up was reached. */
  mark(name: string): void {
    this.hook.timings.marks[name] ??= Math.round(performance.now());
  }

  analysisStarted(_reason: string): void {
    document.documentElement.dataset.analysing = '1';
  }

  analysisPainted(reason: string, ms: AnalysisTiming, view: AnalysisView): void {
    this.hook.analysis = {
      service: view.service,
      reach: view.reach,
      metres: view.reach.kind === 'distance' ? view.reach.metres : NaN,
      townships: Object.fromEntries(Object.entries(view.townships).map(([key, values]) => [key, Array.from(values)])),
      region: Object.fromEntries(Object.entries(view.region).map(([key, values]) => [key, Array.from(values)])),
      facilityCount: view.analysis.coverage.facilityIndices.length,
    };
    this.hook.timings.analyses.push({ reason, ...ms });
    this.hook.analysisSeq++;
    delete document.documentElement.dataset.analysing;
    document.documentElement.dataset.analysisSeq = String(this.hook.analysisSeq);
    this.emit('analysis');
  }

  gapsPainted(features: number, uncoveredPopulation: number): void {
    this.hook.gaps = { features, uncoveredPopulation };
    this.hook.gapsSeq++;
    this.emit('gaps');
  }

  rulesEvaluated(results: RuleResult[]): void {
    this.hook.rules = results;
    this.hook.rulesSeq++;
    document.documentElement.dataset.rulesSeq = String(this.hook.rulesSeq);
    this.emit('rules');
  }

  highlighted(townships: number[], places: number[]): void {
    this.hook.highlighted = { townships, places };
    this.hook.highlightSeq++;
    this.emit('highlight');
  }

  repainted(): void {
    this.hook.repaintSeq++;
    this.emit('repaint');
  }

  sessionSaved(): void {
    this.hook.sessionSaveSeq++;
    this.emit('session-saved');
  }

  sessionSetAside(): void {
    this.hook.sessionSetAside = true;
    document.documentElement.dataset.sessionSetAside = '1';
    this.emit('session-set-aside');
  }

  workerReplaced(): void {
    this.hook.workerReplacements++;
    this.emit('worker-replaced');
  }

  workerCrashed(): void {
    this.hook.workerCrashes++;
    this.emit('worker-crashed');
  }

  firstReady(ms: number): void {
    this.hook.ready = true;
    this.hook.timings.firstReadyMs = ms;
    document.documentElement.dataset.ready = '1';
    this.emit('ready');
  }
}
