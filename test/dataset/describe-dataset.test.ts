// What the UI is given of a dataset: names clipped for display (a 1 MB township name once stalled
// the map's label layout for good), codes and data kept whole.
import { describe, expect, it } from 'vitest';
import { clipLabel, datasetMapLayers, describeDataset, LABEL_CHARS } from '../../src/core/dataset/describe-dataset.ts';
import { tinyRegion } from '../rules/tiny-region.ts';

describe('describeDataset and the map layers', () => {
  it('clips a 1 MB name to a label, keeps the code whole, and leaves the dataset untouched', () => {
    const dataset = tinyRegion();
    const huge = '镇'.repeat(1_000_000);
    dataset.townships[0] = { ...dataset.townships[0], name: huge };
    dataset.facilities[0] = { ...dataset.facilities[0], name: huge, properties: { note: 'x'.repeat(5000) } };
    const summary = describeDataset(dataset);
    expect(summary.townships[0].name).toHaveLength(LABEL_CHARS);
    expect(summary.townships[0].name.endsWith('…')).toBe(true);
    expect(summary.townships[0].code).toBe(dataset.townships[0].code);
    const layers = datasetMapLayers(dataset);
    expect(String(layers.townships.features[0].properties!.name)).toHaveLength(LABEL_CHARS);
    expect(String(layers.facilities.features[0].properties!.name)).toHaveLength(LABEL_CHARS);
    expect(String(layers.facilities.features[0].properties!.note).length).toBeLessThanOrEqual(200);
    expect(dataset.townships[0].name).toHaveLength(1_000_000);
  });

  it('does not cut a character in half or touch short names', () => {
    expect(clipLabel('玉溪市红塔区')).toBe('玉溪市红塔区');
    const emoji = '🏥'.repeat(100);
    const clipped = clipLabel(emoji, 10);
    expect(Array.from(clipped)).toHaveLength(10);
    expect(clipped.endsWith('…')).toBe(true);
    expect(clipped.includes('\uFFFD')).toBe(false);
  });
});
