// Lets a long synchronous loop hand the thread back now and then: it reports progress, yields to the
// event loop (so a worker can receive a cancel message, and a page stays responsive) and throws
// CancelledError once the signal is aborted. Yields at most every `intervalMs`.
import { throwIfAborted, type RunOptions } from '../types.ts';

export type Checkpoint = (fraction: number, stage: string) => Promise<void>;

export function createCheckpoint(run: RunOptions | undefined, intervalMs = 40): Checkpoint {
  let last = Date.now();
  return async (fraction, stage) => {
    throwIfAborted(run?.signal);
    const now = Date.now();
    if (now - last < intervalMs) return;
    last = now;
    run?.onProgress?.(Math.max(0, Math.min(1, fraction)), stage);
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    throwIfAborted(run?.signal);
  };
}
