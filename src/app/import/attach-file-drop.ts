// Drag-and-drop and a file picker for layer files. Loose shapefile parts dropped together arrive as
// one call with all of them; importLayer groups them.

/** File types the picker offers (any file can still be dropped). */
const LAYER_FILE_ACCEPT = '.geojson,.json,.ndjson,.geojsonl,.geojsons,.jsonl,.zip,.shp,.shx,.dbf,.prj,.cpg,.csv,.tsv,.txt,.tif,.tiff';

/**
 * Makes `target` accept dropped files: adds the class `gapmap-drop-active` while files hover over
 * it and calls `onFiles` with the dropped files. Returns a function that removes the listeners.
 */
export function attachFileDrop(target: HTMLElement, onFiles: (files: File[]) => void): () => void {
  let depth = 0;
  const hasFiles = (event: DragEvent): boolean => Array.from(event.dataTransfer?.types ?? []).includes('Files');
  const onDragEnter = (event: DragEvent): void => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    depth++;
    target.classList.add('gapmap-drop-active');
  };
  const onDragOver = (event: DragEvent): void => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  };
  const onDragLeave = (): void => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) target.classList.remove('gapmap-drop-active');
  };
  const onDrop = (event: DragEvent): void => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    depth = 0;
    target.classList.remove('gapmap-drop-active');
    const files = Array.from(event.dataTransfer?.files ?? []);
    if (files.length > 0) onFiles(files);
  };
  target.addEventListener('dragenter', onDragEnter);
  target.addEventListener('dragover', onDragOver);
  target.addEventListener('dragleave', onDragLeave);
  target.addEventListener('drop', onDrop);
  return () => {
    target.removeEventListener('dragenter', onDragEnter);
    target.removeEventListener('dragover', onDragOver);
    target.removeEventListener('dragleave', onDragLeave);
    target.removeEventListener('drop', onDrop);
  };
}

/** Opens the browser's file picker (several files allowed) and calls `onFiles` with the choice. */
export function openFilePicker(onFiles: (files: File[]) => void, accept = LAYER_FILE_ACCEPT): void {
  const input = document.createElement('input');
  input.type = 'file';
  input.multiple = true;
  input.accept = accept;
  input.style.display = 'none';
  input.addEventListener('change', () => {
    const files = Array.from(input.files ?? []);
    input.remove();
    if (files.length > 0) onFiles(files);
  });
  document.body.append(input);
  input.click();
}

/** Reads browser Files into the shape importLayer takes. */
export async function readBrowserFiles(files: File[]): Promise<{ name: string; bytes: Uint8Array }[]> {
  return Promise.all(files.map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })));
}
