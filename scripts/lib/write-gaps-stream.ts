// Writes gap features to a GeoJSON stream as they are produced (generateGaps yields one township
// at a time, or two threads draw them: draw-gaps-in-parallel.ts), so the whole collection is never
// held in memory; waits for the stream to drain.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { GapFeature } from '../../src/core/gaps/township-gap-features.ts';

/** `features`: features, or their JSON text (JSON.stringify of the feature) where the caller has it already. */
export async function writeGapsStream(stream: Writable, features: Iterable<GapFeature> | AsyncIterable<GapFeature | string>): Promise<number> {
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  failed.catch(() => undefined); // observed below; not an unhandled rejection when all goes well
  const write = async (text: string) => {
    if (!stream.write(text)) await Promise.race([once(stream, 'drain'), failed]);
  };
  let count = 0;
  await write('{"type":"FeatureCollection","features":[\n');
  for await (const feature of features) {
    await write((count > 0 ? ',\n' : '') + (typeof feature === 'string' ? feature : JSON.stringify(feature)));
    count++;
  }
  await write('\n]}\n');
  stream.end();
  return count;
}
