// Vertices with identical coordinates → one point id, through an open-addressing hash table on
// typed arrays. Hand-written rather than a Map because a Map of a million number keys allocates a
// heap entry per key: graph building on the benchmark's county spent more time in the collector
// than in building.

/** Point id of each vertex (ids numbered in order of first appearance) and the first vertex of each point. */
export function hashPoints(keys: Float64Array): { pointOfVertex: Int32Array; firstVertexOfPoint: Int32Array; pointCount: number } {
  const n = keys.length;
  let capacity = 16;
  while (capacity < 2 * n) capacity *= 2;
  const mask = capacity - 1;
  const slotVertex = new Int32Array(capacity).fill(-1);
  const slotPoint = new Int32Array(capacity);
  const pointOfVertex = new Int32Array(n);
  const firstVertexOfPoint = new Int32Array(n);
  let pointCount = 0;
  const view = new Float64Array(1);
  const bits = new Uint32Array(view.buffer);
  for (let v = 0; v < n; v++) {
    view[0] = keys[v];
    // murmur3's finaliser over both words: every input bit reaches the low bits the mask keeps
    let h = bits[0] ^ Math.imul(bits[1], 0x9e3779b1);
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    let slot = (h ^ (h >>> 16)) & mask;
    for (;;) {
      const w = slotVertex[slot];
      if (w < 0) {
        slotVertex[slot] = v;
        slotPoint[slot] = pointCount;
        firstVertexOfPoint[pointCount] = v;
        pointOfVertex[v] = pointCount++;
        break;
      }
      if (keys[w] === keys[v]) {
        pointOfVertex[v] = slotPoint[slot];
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return { pointOfVertex, firstVertexOfPoint: firstVertexOfPoint.slice(0, pointCount), pointCount };
}
