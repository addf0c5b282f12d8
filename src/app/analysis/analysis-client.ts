// The main thread's handle on the analysis worker. Every call gets a request id; `latest(channel)`
// cancels the previous request of the same channel (a new radius cancels the stale analysis).
// A crashed worker rejects its pending calls with WorkerCrashedError; `restart()` makes a new one.
import * as Comlink from 'comlink';
import type { AnalysisApi, Outcome, ProgressListener } from '../../../workers/protocol.ts';

export type { Outcome, ProgressListener };

export class WorkerCrashedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerCrashedError';
  }
}

/** A call whose worker was replaced (work the planner cancelled): its result will never come. */
export class WorkerReplacedError extends Error {
  constructor() {
    super('worker replaced');
    this.name = 'WorkerReplacedError';
  }
}

export class AnalysisClient {
  private worker: Worker | null = null;
  private remote: Comlink.Remote<AnalysisApi> | null = null;
  private nextRequestId = 1;
  private readonly channels = new Map<string, number>();
  private readonly pending = new Set<(error: Error) => void>();
  crashed = false;
  /** Round-trip times of the latest requests per channel (shown in the test hook). */
  readonly timings: { channel: string; ms: number }[] = [];

  /** Told when the worker dies (set by the app; the client may exist before the app does). */
  onCrash: (message: string) => void = () => undefined;

  constructor(private readonly createWorker: () => Worker) {
    this.start();
  }

  private start(): void {
    const worker = this.createWorker();
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.crash(event.message || 'worker error');
    });
    worker.addEventListener('messageerror', () => this.crash('message error'));
    this.worker = worker;
    this.remote = Comlink.wrap<AnalysisApi>(worker);
    this.crashed = false;
  }

  private crash(message: string): void {
    if (this.crashed) return;
    this.crashed = true;
    const error = new WorkerCrashedError(message);
    for (const reject of this.pending) reject(error);
    this.pending.clear();
    this.worker?.terminate();
    this.onCrash(message);
  }

  /**
   * A fresh worker: the old one is terminated, whatever it was doing (this is how long work is
   * cancelled for good), and its pending calls reject with WorkerReplacedError. The caller
   * reloads the dataset into the new one.
   */
  restart(): void {
    const replaced = new WorkerReplacedError();
    for (const reject of this.pending) reject(replaced);
    this.pending.clear();
    this.remote?.[Comlink.releaseProxy]();
    this.worker?.terminate();
    this.channels.clear();
    this.start();
  }

  /** Calls the worker; rejects with WorkerCrashedError if the worker dies meanwhile. */
  call<T>(invoke: (api: Comlink.Remote<AnalysisApi>) => Promise<T>): Promise<T> {
    if (this.crashed || !this.remote) return Promise.reject(new WorkerCrashedError('worker not running'));
    const remote = this.remote;
    return new Promise<T>((resolve, reject) => {
      const fail = (error: Error) => reject(error);
      this.pending.add(fail);
      invoke(remote).then(
        (value) => {
          this.pending.delete(fail);
          resolve(value);
        },
        (error: unknown) => {
          this.pending.delete(fail);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  /**
   * Starts a cancellable request on `channel`, cancelling the channel's previous one. The callback
   * receives the request id and a proxied progress listener to pass to the worker function.
   */
  latest<T>(
    channel: string,
    invoke: (api: Comlink.Remote<AnalysisApi>, requestId: number, progress: ProgressListener | undefined) => Promise<Outcome<T>>,
    onProgress?: ProgressListener,
  ): Promise<Outcome<T>> {
    const previous = this.channels.get(channel);
    if (previous !== undefined) void this.cancel(previous);
    const requestId = this.nextRequestId++;
    this.channels.set(channel, requestId);
    const progress = onProgress ? Comlink.proxy(onProgress) : undefined;
    const started = performance.now();
    return this.call((api) => invoke(api, requestId, progress)).then((outcome) => {
      this.timings.push({ channel, ms: Math.round(performance.now() - started) });
      if (this.timings.length > 50) this.timings.shift();
      return this.channels.get(channel) === requestId || outcome.cancelled ? outcome : { cancelled: true as const };
    });
  }

  cancel(requestId: number): Promise<void> {
    if (this.crashed || !this.remote) return Promise.resolve();
    return this.remote.cancel(requestId).catch(() => undefined);
  }

  cancelChannel(channel: string): void {
    const id = this.channels.get(channel);
    if (id !== undefined) {
      this.channels.delete(channel);
      void this.cancel(id);
    }
  }
}
