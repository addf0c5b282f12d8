// The error a reach the engine cannot compute raises (a travel time when the dataset has no road
// network); rules turn it into 'not available' with its reason.
export class UnsupportedReachError extends Error {
  readonly code = 'unsupported-reach';
  constructor(kind: string, readonly reason?: { zh: string; en: string }) {
    super(reason?.en ?? `reach kind '${kind}' needs the travel-time engine`);
  }
}
