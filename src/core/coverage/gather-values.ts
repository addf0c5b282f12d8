// Values at given indices into a new typed array: the selected facilities' coordinates, the kept
// discs. A loop rather than TypedArray.from with a mapping function, which calls its callback
// through the iterator protocol: several milliseconds for 30,000 facilities while the code is
// still cold, as it is in a CLI run, and the CLI does this a dozen times on the way to the gaps.

export function gatherValues(values: Float64Array, indices: ArrayLike<number>): Float64Array {
  const out = new Float64Array(indices.length);
  for (let k = 0; k < indices.length; k++) out[k] = values[indices[k]];
  return out;
}
