// Population-weighted quantiles per zone without sorting. Each zone's value range is cut into
// bins and the bins' weights summed in one pass over the cells; the bin where a quantile's
// cumulative weight is reached is found from those sums, and only that bin's cells are gathered
// and searched (a weighted quickselect). Every pass reads the cells in their own order, so memory
// is read sequentially. The same answers as weightedQuantilesByZone (compute-nearest-distance.ts),
// which walks cells in an order by value the caller already has; on a province (28 M cells) the
// sort plus that walk's scattered reads took 21 s of CPU. Hand-written: the libraries that select
// (d3-array's quickselect) do not carry weights.

/** Below this many cells a slice is insertion-sorted and scanned. */
const SMALL = 16;

/**
 * The smallest value v among slice [lo, hi) of `values` with weight up to and including v
 * reaching `target` (the lower weighted quantile). Reorders the slice (values and weights together).
 */
function selectWeighted(values: Float64Array, weights: Float64Array, lo: number, hi: number, target: number): number {
  for (;;) {
    if (hi - lo <= SMALL) {
      for (let k = lo + 1; k < hi; k++) {
        const v = values[k], w = weights[k];
        let j = k - 1;
        while (j >= lo && values[j] > v) {
          values[j + 1] = values[j];
          weights[j + 1] = weights[j];
          j--;
        }
        values[j + 1] = v;
        weights[j + 1] = w;
      }
      let cumulative = 0;
      for (let k = lo; k < hi; k++) {
        cumulative += weights[k];
        if (cumulative >= target) return values[k];
      }
      // Rounding in the subtracted targets left the last bit unreached: the slice's largest value.
      return values[hi - 1];
    }
    const a = values[lo], b = values[(lo + hi) >> 1], c = values[hi - 1];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    // Three-way partition: [lo, lt) < pivot, [lt, k) = pivot, (gt, hi) > pivot.
    let lt = lo, k = lo, gt = hi - 1;
    let below = 0, equal = 0;
    while (k <= gt) {
      const v = values[k];
      if (v < pivot) {
        below += weights[k];
        swap(values, weights, lt++, k++);
      } else if (v > pivot) {
        swap(values, weights, k, gt--);
      } else {
        equal += weights[k];
        k++;
      }
    }
    if (below >= target && lt > lo) {
      hi = lt;
    } else if (below + equal >= target || gt + 1 >= hi) {
      return pivot;
    } else {
      target -= below + equal;
      lo = gt + 1;
    }
  }
}

function swap(values: Float64Array, weights: Float64Array, i: number, j: number): void {
  const v = values[i];
  values[i] = values[j];
  values[j] = v;
  const w = weights[i];
  weights[i] = weights[j];
  weights[j] = w;
}

/** Bins per zone: about one per 32 cells of the level, within [16, 65,536]; one more holds Infinity. */
function binsPerZone(cells: number, zoneCount: number): number {
  return Math.max(16, Math.min(65_536, Math.ceil(cells / Math.max(1, zoneCount) / 32)));
}

/**
 * Population-weighted quantiles per zone: the q-quantile of a zone is the smallest value at which
 * the zone's cumulative weight (cells by increasing value) reaches q of its total. Cells outside
 * every zone (−1) or without weight are left out; a zone without weight gets NaN.
 */
export function selectWeightedQuantiles(
  values: Float64Array,
  weights: Float64Array,
  cellZone: Int32Array,
  zoneCount: number,
  quantiles: number[],
): Float64Array[] {
  const n = cellZone.length;
  const out = quantiles.map(() => new Float64Array(zoneCount).fill(NaN));
  // Pass 1: each zone's total weight and finite value range.
  const totals = new Float64Array(zoneCount);
  const low = new Float64Array(zoneCount).fill(Infinity);
  const high = new Float64Array(zoneCount).fill(-Infinity);
  let weighted = 0;
  for (let i = 0; i < n; i++) {
    const z = cellZone[i];
    if (z < 0 || !(weights[i] > 0)) continue;
    weighted++;
    totals[z] += weights[i];
    const v = values[i];
    if (v === Infinity) continue;
    if (v < low[z]) low[z] = v;
    if (v > high[z]) high[z] = v;
  }
  // Pass 2: weight and cell count per bin (bin `bins` of a zone: Infinity).
  const bins = binsPerZone(weighted, zoneCount);
  const stride = bins + 1;
  const scale = Float64Array.from(low, (l, z) => (high[z] > l ? bins / (high[z] - l) : 0));
  const binOf = (z: number, v: number) => (v === Infinity ? bins : Math.min(bins - 1, Math.floor((v - low[z]) * scale[z])));
  const binWeight = new Float64Array(zoneCount * stride);
  const binCount = new Uint32Array(zoneCount * stride);
  for (let i = 0; i < n; i++) {
    const z = cellZone[i];
    if (z < 0 || !(weights[i] > 0)) continue;
    const b = z * stride + binOf(z, values[i]);
    binWeight[b] += weights[i];
    binCount[b]++;
  }
  // The bin each (zone, quantile) falls in, and the weight still to gather within it.
  const wanted = new Int32Array(zoneCount * quantiles.length).fill(-1);
  const remaining = new Float64Array(zoneCount * quantiles.length);
  const start = new Uint32Array(zoneCount * quantiles.length + 1);
  for (let z = 0; z < zoneCount; z++) {
    if (!(totals[z] > 0)) continue;
    quantiles.forEach((q, k) => {
      const target = q * totals[z] * (1 - 1e-12);
      // The first non-empty bin whose weight reaches the target (the last non-empty one should
      // rounding never reach it), and the weight of the bins before it.
      let chosen = 0, before = 0, cumulative = 0;
      for (let b = 0; b < stride; b++) {
        if (binCount[z * stride + b] === 0) continue;
        chosen = b;
        before = cumulative;
        if (cumulative + binWeight[z * stride + b] >= target) break;
        cumulative += binWeight[z * stride + b];
      }
      wanted[z * quantiles.length + k] = chosen;
      remaining[z * quantiles.length + k] = target - before;
      start[z * quantiles.length + k + 1] = binCount[z * stride + chosen];
    });
  }
  for (let s = 0; s < zoneCount * quantiles.length; s++) start[s + 1] += start[s];
  // Pass 3: gather the cells of the wanted bins; search each.
  const gatheredValues = new Float64Array(start[start.length - 1]);
  const gatheredWeights = new Float64Array(gatheredValues.length);
  const cursor = start.slice(0, start.length - 1);
  for (let i = 0; i < n; i++) {
    const z = cellZone[i];
    if (z < 0 || !(weights[i] > 0)) continue;
    const b = binOf(z, values[i]);
    for (let k = 0; k < quantiles.length; k++) {
      const slot = z * quantiles.length + k;
      if (wanted[slot] !== b) continue;
      gatheredValues[cursor[slot]] = values[i];
      gatheredWeights[cursor[slot]++] = weights[i];
    }
  }
  for (let z = 0; z < zoneCount; z++) {
    for (let k = 0; k < quantiles.length; k++) {
      const slot = z * quantiles.length + k;
      if (wanted[slot] < 0) continue;
      out[k][z] = selectWeighted(gatheredValues, gatheredWeights, start[slot], start[slot + 1], remaining[slot]);
    }
  }
  return out;
}
