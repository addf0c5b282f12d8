// Integer apportionment: split an integer total over items in proportion to weights (largest
// remainder), never giving an item more than its cap. Used so head counts sum exactly to the
// census figures.

/** Returns integer shares summing to `total` (or to the sum of the caps if that is smaller). */
export function allocateIntegers(total: number, weights: ArrayLike<number>, caps?: ArrayLike<number>): Int32Array {
  const n = weights.length;
  const out = new Int32Array(n);
  let weightSum = 0;
  for (let i = 0; i < n; i++) weightSum += weights[i];
  if (n === 0 || total <= 0 || weightSum <= 0) return out;
  const remainders = new Float64Array(n);
  let assigned = 0;
  for (let i = 0; i < n; i++) {
    const exact = (total * weights[i]) / weightSum;
    const cap = caps ? caps[i] : Infinity;
    const whole = Math.min(Math.floor(exact), cap);
    out[i] = whole;
    remainders[i] = whole < cap ? exact - whole : -1;
    assigned += whole;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => remainders[b] - remainders[a] || weights[b] - weights[a] || a - b);
  // first pass by remainder, further passes (when caps bind) by weight order
  for (let pass = 0; assigned < total && pass < 50; pass++) {
    let progressed = false;
    for (const i of order) {
      if (assigned >= total) break;
      if (caps && out[i] >= caps[i]) continue;
      if (pass === 0 && remainders[i] <= 0) continue;
      out[i] += 1;
      assigned += 1;
      progressed = true;
    }
    if (!progressed && pass > 0) break;
  }
  return out;
}
