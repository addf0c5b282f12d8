// geotiff.js imports the `web-worker` package at load time (for its optional decoder pool). Inside
// Vitest's worker threads that package takes itself for the worker side of a pool and crashes,
// because Node 20 has no global Worker. gapmap never uses the pool (it decodes on the calling
// thread), so the tests give it a Worker class it will not call, then load geotiff.
export async function loadGeoTiff(): Promise<typeof import('geotiff')> {
  const scope = globalThis as { Worker?: unknown };
  if (typeof scope.Worker !== 'function') scope.Worker = class UnusedWorker {};
  return import('geotiff');
}
