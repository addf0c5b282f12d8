// The demo region's files stay in data/demo/ (the one source): Vite serves them in development
// and copies them into the build as hashed assets; the worker fetches them by these URLs.
const urls = import.meta.glob('../../../data/demo/*.{geojson,json}', { query: '?url', import: 'default', eager: true }) as Record<string, string>;

/** File name (e.g. 'townships.geojson') → URL. */
export function demoFileUrls(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, url] of Object.entries(urls)) out[path.slice(path.lastIndexOf('/') + 1)] = url;
  return out;
}
