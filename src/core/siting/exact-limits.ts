// When HiGHS is asked: the reduced instance must be small enough to finish in seconds in a worker
// (measured: a 300 × 3,000 MCLP in 2.3 s, a 1,000 × 20,000 one in 108 s; an LP relaxation of
// 400 candidates × 1,500 demand rows with 24,000 nonzeros in 1.2–6 s, which the Lagrangian bound
// matches to about 0.4% in a tenth of the time).

export interface ExactLimits {
  /** MIP only when the reduced instance has at most this many candidate columns … */
  mipColumns: number;
  /** … and this many nonzero entries. */
  mipEntries: number;
  /** LP relaxation bound up to this many entries. */
  lpEntries: number;
  timeLimitSeconds: number;
}

export const DEFAULT_EXACT_LIMITS: ExactLimits = { mipColumns: 300, mipEntries: 20000, lpEntries: 20000, timeLimitSeconds: 20 };
