import { describe, expect, it } from 'vitest';
import { copyForTransfer } from '../../workers/copy-for-transfer.ts';

describe('results across the worker boundary', () => {
  it('transfers copies of typed arrays, leaving the engine’s own buffers attached', () => {
    const cached = new Float64Array([1, 2, 3]);
    const result = { townships: { areaKm2: cached }, list: [1, 2], nested: { flags: new Uint8Array([1, 0]) } };
    const { value, transfer } = copyForTransfer(result);
    expect(transfer.length).toBe(2);
    const { port1, port2 } = new MessageChannel();
    port1.postMessage(value, transfer);
    port1.close();
    port2.close();
    expect(value.townships.areaKm2.byteLength).toBe(0); // the copy moved (detached)
    expect(cached.byteLength).toBe(24); // the engine's array did not
    expect(Array.from(cached)).toEqual([1, 2, 3]);
  });
});
