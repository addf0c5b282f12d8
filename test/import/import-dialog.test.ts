// @vitest-environment jsdom
// The import dialog in jsdom with the real importer: prefilled mapping, CRS change and re-read,
// text-only report, accept and cancel. (The real-browser test belongs to the app.)
import { afterEach, describe, expect, it, vi } from 'vitest';
import { attachFileDrop } from '../../src/app/import/attach-file-drop.ts';
import { mountImportDialog } from '../../src/app/import/import-dialog.ts';
import { importLayer } from '../../src/core/import/import-layer.ts';

const csvFile = (text: string, name = 'nurseries.csv') => new File([new TextEncoder().encode(text)], name);
const CSV = '名称,经度,纬度,床位数\n春和托育园,102.5480,24.3490,40\n<img src=x onerror="alert(1)">,102.55,24.35,abc\n凤凰托育点,102.56,,12\n';

afterEach(() => {
  document.body.replaceChildren();
});

function setup(lang: 'zh' | 'en' = 'zh') {
  const host = document.createElement('div');
  document.body.append(host);
  const onAccept = vi.fn();
  const onPreview = vi.fn();
  const calls: unknown[] = [];
  const dialog = mountImportDialog(host, {
    importLayer: (files, options, onProgress) => {
      calls.push(options);
      return importLayer(files, options, { onProgress });
    },
    onAccept,
    onPreview,
    lang: () => lang,
  });
  return { host, dialog, onAccept, onPreview, calls };
}

const acceptButton = (host: HTMLElement) => host.querySelector<HTMLButtonElement>('.gapmap-import-accept');

describe('import dialog', () => {
  it('reads a CSV, prefills the mapping and accepts as facilities', async () => {
    const { host, dialog, onAccept, onPreview } = setup();
    dialog.open([csvFile(CSV)]);
    await vi.waitFor(() => expect(acceptButton(host)).not.toBeNull());
    expect(host.querySelector('.gapmap-import-count')?.textContent).toBe('已导入 3 个要素，1 个有问题。');
    expect(host.querySelector<HTMLSelectElement>('select[data-field="role"]')?.value).toBe('facilities');
    expect(host.querySelector<HTMLSelectElement>('select[data-field="nameField"]')?.value).toBe('名称');
    expect(host.querySelector<HTMLSelectElement>('select[data-field="capacityField"]')?.value).toBe('床位数');
    expect(onPreview).toHaveBeenCalledTimes(1);
    // Properties are text, never markup.
    expect(host.querySelector('img')).toBeNull();
    acceptButton(host)?.click();
    expect(onAccept).toHaveBeenCalledTimes(1);
    const [layer, role, mapping] = onAccept.mock.calls[0];
    expect(layer.loadedCount).toBe(3);
    expect(role).toBe('facilities');
    expect(mapping).toMatchObject({ nameField: '名称', capacityField: '床位数' });
    expect(host.querySelector('.gapmap-import-dialog')?.hasAttribute('hidden')).toBe(true);
  });

  it('re-reads with the coordinate system the planner picks', async () => {
    const { host, dialog, calls } = setup('en');
    dialog.open([csvFile(CSV)]);
    await vi.waitFor(() => expect(acceptButton(host)).not.toBeNull());
    const crs = host.querySelector<HTMLSelectElement>('.gapmap-import-settings select') as HTMLSelectElement;
    expect(crs.value).toBe('EPSG:4326');
    crs.value = 'gcj02';
    crs.dispatchEvent(new Event('change'));
    host.querySelector<HTMLButtonElement>('.gapmap-import-reload')?.click();
    await vi.waitFor(() => expect(host.querySelector('.gapmap-import-summary')?.textContent).toContain('gcj02'));
    expect(calls.at(-1)).toMatchObject({ crs: 'gcj02' });
    expect(host.querySelector('.gapmap-import-summary')?.textContent).toContain('chosen by you');
  });

  it('offers the suggested fix as a button', async () => {
    const { host, dialog, calls } = setup();
    dialog.open([csvFile('名称,经度,纬度\n甲,24.35,102.55\n乙,24.36,102.56\n', 'swapped.csv')]);
    await vi.waitFor(() => expect(host.querySelector('.gapmap-import-fix')).not.toBeNull());
    expect(acceptButton(host)?.disabled).toBe(true);
    host.querySelector<HTMLButtonElement>('.gapmap-import-fix')?.click();
    await vi.waitFor(() => expect(acceptButton(host)?.disabled).toBe(false));
    expect(calls.at(-1)).toMatchObject({ swapLonLat: true });
  });

  it('boundaries need name and code fields before they can be accepted', async () => {
    const { host, dialog } = setup();
    const polygon = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { label: 'A' }, geometry: { type: 'Polygon', coordinates: [[[102.5, 24.3], [102.6, 24.3], [102.6, 24.4], [102.5, 24.3]]] } }] });
    dialog.open([csvFile(polygon, 'b.geojson')]);
    await vi.waitFor(() => expect(acceptButton(host)).not.toBeNull());
    expect(host.querySelector<HTMLSelectElement>('select[data-field="role"]')?.value).toBe('boundaries');
    expect(acceptButton(host)?.disabled).toBe(true);
    for (const key of ['nameField', 'codeField']) {
      const select = host.querySelector<HTMLSelectElement>(`select[data-field="${key}"]`) as HTMLSelectElement;
      select.value = 'label';
      select.dispatchEvent(new Event('change'));
    }
    expect(acceptButton(host)?.disabled).toBe(false);
  });

  it('a failed import shows the error and never calls onAccept', async () => {
    const { host, dialog, onAccept } = setup('en');
    dialog.open([csvFile('', 'empty.geojson')]);
    await vi.waitFor(() => expect(host.querySelector('.gapmap-import-error')).not.toBeNull());
    expect(host.querySelector('.gapmap-import-error')?.textContent).toContain('is empty');
    expect(acceptButton(host)).toBeNull();
    host.querySelector<HTMLButtonElement>('.gapmap-import-button')?.click();
    expect(onAccept).not.toHaveBeenCalled();
  });
});

describe('file drop', () => {
  it('passes dropped files on and can be detached', () => {
    const target = document.createElement('div');
    const onFiles = vi.fn();
    const detach = attachFileDrop(target, onFiles);
    const file = csvFile('a');
    const drop = new Event('drop', { cancelable: true }) as Event & { dataTransfer: unknown };
    drop.dataTransfer = { types: ['Files'], files: [file] };
    target.dispatchEvent(drop);
    expect(onFiles).toHaveBeenCalledWith([file]);
    detach();
    target.dispatchEvent(drop);
    expect(onFiles).toHaveBeenCalledTimes(1);
  });
});
