// The straight-line gaps of every township drawn in two threads: this one and a worker thread take
// townships from one shared counter (whoever is free takes the next), draw the township's polygons
// and write its coordinates as WGS84 JSON; the worker posts that text back, and this thread puts
// the features together in township order, so gaps.geojson is byte for byte the one a single
// thread writes (drawGapPolygons is a pure function of the drawing and the township, and the
// projection is rebuilt in the worker from its meridian and latitude). On the 10× region the gaps
// are a fifth of the CLI's work, and the machine has two cores. The worker is started early (while
// the files are read, when the second core is idle) and waits for the townships, which it is sent
// as soon as they and the facilities are projected (prepareSites), before the population cells:
// it first computes the townships' covered areas (discUnionAreaByZone, handed to this thread's
// coverage: remember-disc-union-area.ts), then draws gaps while this thread prepares the cells,
// computes the coverage and writes the other outputs. Should it fail, this thread computes and
// draws what it left. It runs this module: from the CLI's bundle (run-bundled.mjs builds it beside
// the command) or through tsx.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread, MessageChannel, receiveMessageOnPort, Worker, workerData, type MessagePort } from 'node:worker_threads';
import { createGapDrawing, drawGapPolygons, type GapDrawing } from '../../src/core/coverage/compute-gaps.ts';
import type { UnitMetrics } from '../../src/core/coverage/coverage-types.ts';
import { discUnionAreaByZone, type Discs } from '../../src/core/coverage/disc-union-area.ts';
import { gapCoordinatesJson, gapFeatureJson, townshipFrame } from '../../src/core/gaps/township-gap-features.ts';
import { createLocalProjection, type LocalProjection } from '../../src/core/geodesy/local-projection.ts';
import { withEdgeIndex, type ProjectedZones } from '../../src/core/geometry/projected-zones.ts';
import type { PreparedDataset, PreparedSites } from '../../src/core/prepare/prepare-dataset.ts';
import { throwIfAborted, type RunOptions } from '../../src/core/types.ts';

export const GAP_WORKER = 'gapmap-gap-worker';

/**
 * Shared counters: [0] the next township to take, [1] results posted by the worker (it notifies on
 * it), [2] who computes the townships' covered areas: AREA_OPEN until the worker begins them
 * (AREA_WORKER) or this thread, come to its coverage first, takes them back (AREA_HERE).
 */
const NEXT = 0;
const POSTED = 1;
const AREA = 2;
const AREA_OPEN = 0;
const AREA_WORKER = 1;
const AREA_HERE = 2;

/** What the worker starts with. */
interface GapWorkerStart {
  role: typeof GAP_WORKER;
  counters: SharedArrayBuffer;
  port: MessagePort;
  /** The townships' covered areas go back on a port of their own (awaited, not polled as the gaps are). */
  areaPort: MessagePort;
}

/** What it is sent once the townships and facilities are projected: the townships and the discs. */
interface GapWorkerTownships {
  /** The townships' zones without their edge index, which the worker builds for itself. */
  zones: Omit<ProjectedZones, 'edgeIndex'>;
  discs: Discs;
  /** The township of each disc's centre: given, the worker first computes the townships' covered areas. */
  centreZone: Int32Array | null;
  /** false: the areas only (--no-gaps). */
  drawGaps: boolean;
  projection: Pick<LocalProjection, 'centralMeridian' | 'centralLatitude'>;
  count: number;
}

type AreaMessage = { area: Float64Array } | { error: string };

/** A worker started ahead of the gaps (startGapWorker). */
export interface GapWorker {
  worker: Worker | null;
  /** This thread's end of the channel: townships go out, results come in. */
  port: MessagePort;
  /** This thread's end of the areas' channel. */
  areaPort: MessagePort;
  counters: Int32Array;
  /** The worker failed or stopped. */
  gone: boolean;
  /** Its townships were sent (beginGapDrawing): it is drawing. */
  sent: boolean;
}

type GapMessage = { z: number; json: string } | { z: number; error: string };

/** Township z's coordinates as JSON, drawn with `drawing` and put in WGS84 by `projection`. */
function coordinatesJson(drawing: GapDrawing, projection: LocalProjection, z: number): string {
  const bounds = drawing.zones.bounds;
  return gapCoordinatesJson(projection, bounds, z, drawGapPolygons(drawing, z, townshipFrame(bounds, z)));
}

/** Starts the gap worker now; it waits for its townships (drawGapsInParallel sends them). */
export function startGapWorker(): GapWorker {
  const counters = new Int32Array(new SharedArrayBuffer(12));
  const { port1, port2 } = new MessageChannel();
  const areas = new MessageChannel();
  const handle: GapWorker = { worker: null, port: port1, areaPort: areas.port1, counters, gone: false, sent: false };
  const start: GapWorkerStart = { role: GAP_WORKER, counters: counters.buffer as SharedArrayBuffer, port: port2, areaPort: areas.port2 };
  const options = { workerData: start, transferList: [port2, areas.port2] };
  try {
    const directory = process.env.GAPMAP_BUNDLE_DIRECTORY;
    // From the bundle this module is its own entry, beside the command's; through tsx (the tests,
    // `npx tsx scripts/analyze.ts`) the worker registers tsx, then loads this module.
    const code = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); })`;
    handle.worker = directory ? new Worker(pathToFileURL(join(directory, 'draw-gaps-in-parallel.mjs')), options) : new Worker(code, { ...options, eval: true });
    handle.worker.on('error', () => (handle.gone = true));
    handle.worker.on('exit', () => (handle.gone = true));
    handle.worker.unref(); // never what keeps the process alive
  } catch {
    handle.gone = true;
  }
  return handle;
}

/**
 * Sends the worker its townships and the discs: it starts now, while this thread goes on with other
 * work (the cells, the coverage, the rules, the other outputs); drawGapsInParallel collects the gaps.
 * With `centreZone` (the township of each disc's centre, as the coverage takes it) the worker first
 * computes the townships' covered areas (takeWorkerArea gives them). `drawGaps: false`: the areas only.
 */
export function beginGapDrawing(
  handle: GapWorker,
  sites: Pick<PreparedSites, 'townships' | 'projection'>,
  discs: Discs,
  { centreZone, drawGaps = true }: { centreZone?: Int32Array; drawGaps?: boolean } = {},
): void {
  if (handle.sent || handle.gone) return;
  handle.sent = true;
  // The zones' own arrays, picked one by one: spreading the zones would build their edge index here.
  const { count, coords, edgeEnd, vertexZone, zoneGrid, zoneBands, projectedArea, scale, bounds, extent } = sites.townships;
  const zones: GapWorkerTownships['zones'] = { count, coords, edgeEnd, vertexZone, zoneGrid, zoneBands, projectedArea, scale, bounds, extent };
  const { centralMeridian, centralLatitude } = sites.projection;
  const townships: GapWorkerTownships = { zones, discs, centreZone: centreZone ?? null, drawGaps, projection: { centralMeridian, centralLatitude }, count };
  try {
    handle.port.postMessage(townships);
  } catch {
    handle.gone = true;
  }
}

/**
 * The townships' covered areas from the worker (beginGapDrawing with `centreZone`), once this
 * thread's coverage needs them: awaited if the worker has begun them, else taken back (null: this
 * thread computes them; so too when the worker fails). On the 10× region the worker has long begun
 * (it was started while the files were read); on the demo it may still be loading, and waiting
 * would cost more than the areas.
 */
export function takeWorkerArea(handle: GapWorker): Promise<Float64Array | null> {
  if (!handle.sent || handle.gone || Atomics.compareExchange(handle.counters, AREA, AREA_OPEN, AREA_HERE) !== AREA_WORKER) {
    return Promise.resolve(null);
  }
  return receiveArea(handle);
}

/** The areas the worker posts, or null if it fails or stops first. */
function receiveArea(handle: GapWorker): Promise<Float64Array | null> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (message: AreaMessage | undefined) => {
      if (settled) return;
      settled = true;
      handle.worker?.off('exit', stopped);
      handle.areaPort.close();
      resolve(message && 'area' in message ? message.area : null);
    };
    // Its end of the channel closes when it has posted (or when it stops); a message posted before
    // comes first. (Not receiveMessageOnPort here: on a closed port it crashes Node 20.)
    const stopped = () => setImmediate(() => settle(undefined));
    handle.areaPort.once('message', settle);
    handle.areaPort.once('close', () => settle(undefined));
    handle.worker?.once('exit', stopped);
  });
}

/** Stops a gap worker (one whose gaps are not drawn after all, or done). */
export async function stopGapWorker(handle: GapWorker): Promise<void> {
  handle.port.close();
  handle.areaPort.close();
  await handle.worker?.terminate();
}

/**
 * In the worker: once the townships come, their covered areas (when asked), then take townships
 * from the shared counter until none is left, posting each one's coordinates.
 */
function serveGapWorker(start: GapWorkerStart): void {
  const counters = new Int32Array(start.counters);
  start.port.once('message', (data: GapWorkerTownships) => {
    const zones = withEdgeIndex(data.zones);
    if (data.centreZone && Atomics.compareExchange(counters, AREA, AREA_OPEN, AREA_WORKER) === AREA_OPEN) {
      let message: AreaMessage;
      try {
        message = { area: discUnionAreaByZone(zones, data.discs, {}, data.centreZone) };
      } catch (error) {
        message = { error: error instanceof Error ? error.message : String(error) };
      }
      start.areaPort.postMessage(message);
    }
    start.areaPort.close();
    if (!data.drawGaps) {
      start.port.close();
      return;
    }
    const drawing = createGapDrawing(zones, data.discs);
    const projection = createLocalProjection(data.projection.centralMeridian, data.projection.centralLatitude);
    for (;;) {
      const z = Atomics.add(counters, NEXT, 1);
      if (z >= data.count) break;
      let message: GapMessage;
      try {
        message = { z, json: coordinatesJson(drawing, projection, z) };
      } catch (error) {
        message = { z, error: error instanceof Error ? error.message : String(error) };
      }
      start.port.postMessage(message);
      Atomics.add(counters, POSTED, 1);
      Atomics.notify(counters, POSTED);
    }
    start.port.close();
  });
}

if (!isMainThread && (workerData as GapWorkerStart | undefined)?.role === GAP_WORKER) serveGapWorker(workerData as GapWorkerStart);

/**
 * Every township's gap feature as JSON text, in township order, drawn by this thread and a worker
 * (`worker`: one started ahead, perhaps drawing already, else one is started now). `discs` are the
 * request's discs (selectDiscs; the same as beginGapDrawing's, when it was called), `metrics` the
 * coverage's township figures. `drawHere: false` leaves the drawing to
 * the worker while it runs (the tests use it to see the worker's part).
 */
export async function* drawGapsInParallel(
  prepared: PreparedDataset,
  metrics: UnitMetrics,
  discs: Discs,
  run: RunOptions = {},
  { worker = startGapWorker(), drawHere = true }: { worker?: GapWorker; drawHere?: boolean } = {},
): AsyncGenerator<string, void, undefined> {
  const zones = prepared.townships;
  const count = zones.count;
  const { counters, port } = worker;
  beginGapDrawing(worker, prepared, discs);
  // This thread's drawing is made when it first draws (the worker may have drawn them all).
  let drawing: GapDrawing | null = null;
  const done = new Map<number, string>();
  const here = (z: number) => coordinatesJson((drawing ??= createGapDrawing(zones, discs)), prepared.projection, z);
  const mine = new Set<number>();
  let seen = 0; // worker results received
  const receive = () => {
    for (let message = receiveMessageOnPort(port); message; message = receiveMessageOnPort(port)) {
      const result = message.message as GapMessage;
      seen++;
      // A township the worker could not draw is drawn here (and fails here with its error, if it must).
      done.set(result.z, 'json' in result ? result.json : here(result.z));
    }
  };
  try {
    for (let z = 0; z < count; z++) {
      throwIfAborted(run.signal);
      run.onProgress?.(z / count, 'gaps');
      receive();
      // Until township z is drawn: draw the next untaken one here, else wait for the worker.
      while (!done.has(z)) {
        const next = drawHere || worker.gone ? Atomics.add(counters, NEXT, 1) : count;
        if (next < count) {
          mine.add(next);
          done.set(next, here(next));
          receive();
          continue;
        }
        if (worker.gone) {
          // The worker stopped: what it took and did not post is drawn here.
          receive();
          if (!done.has(z)) done.set(z, here(z));
          continue;
        }
        const posted = Atomics.load(counters, POSTED);
        if (posted > seen) receive();
        // Let the worker's error or exit event through now and then.
        else if (Atomics.wait(counters, POSTED, posted, 50) === 'timed-out') await new Promise((resolve) => setImmediate(resolve));
      }
      const json = done.get(z)!;
      done.delete(z);
      yield gapFeatureJson(prepared.dataset.townships[z], metrics, z, json);
    }
    run.onProgress?.(1, 'gaps');
    if (process.env.GAPMAP_DEBUG) process.stderr.write(`[gaps] ${count - mine.size} of ${count} townships drawn in the worker thread\n`);
  } finally {
    await stopGapWorker(worker);
  }
}
