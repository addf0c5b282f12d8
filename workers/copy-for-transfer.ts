// Results cross the worker boundary as typed arrays on the transfer list. Each typed array is
// first copied (a memcpy inside the worker), so a buffer the engine keeps cached in the prepared
// dataset is never detached by the transfer; only the copies move.

type TypedArray =
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray;

function isTypedArray(value: unknown): value is TypedArray {
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Returns a copy of `value` in which every typed array reachable through plain objects is a fresh
 * copy, and the list of their buffers. Arrays (GeoJSON coordinates) are passed by reference and
 * cloned normally.
 */
export function copyForTransfer<T>(value: T): { value: T; transfer: ArrayBuffer[] } {
  const transfer: ArrayBuffer[] = [];
  const visit = (node: unknown): unknown => {
    if (isTypedArray(node)) {
      const copy = node.slice();
      transfer.push(copy.buffer as ArrayBuffer);
      return copy;
    }
    if (!isPlainObject(node)) return node;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(node)) out[key] = visit(child);
    return out;
  };
  return { value: visit(value) as T, transfer };
}
