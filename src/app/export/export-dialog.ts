// The export menu: a dialog with the map page (size), the PDF report (atlas), tables (CSV, xlsx),
// GeoJSON, Shapefiles (encoding, coordinate system) and the session file, and a line naming what goes
// along (proposed sites, the travel-time table and isochrone). Built with createElement: no data is
// ever rendered as HTML.

import { createElement } from '../dom/create-element.ts';
import { t } from '../i18n/app-language.ts';
import type { MessageKey } from '../../core/i18n/messages.ts';
import { gaussKrugerForLongitude } from '../../core/import/coordinate-systems.ts';
import type { ExportFileName } from '../../../workers/export-files.ts';
import { MAP_SIZES, type ExportController, type ExportResult, type MapSize } from './export-controller.ts';

export interface ExportDialogOptions {
  controller: ExportController;
  /** The data's middle longitude: offers the CGCS2000 3° Gauss–Krüger zone it falls in. */
  longitude: number;
  onSaveSession(): void;
  onDone(message: string): void;
  onError(error: unknown): void;
}

/** A select of [value, text shown] pairs. */
function select(id: string, choices: [string, string][]): HTMLSelectElement {
  const element = createElement('select', { attributes: { id } });
  for (const [value, text] of choices) element.append(createElement('option', { text, attributes: { value } }));
  return element;
}

export function openExportDialog(options: ExportDialogOptions): HTMLDialogElement {
  document.getElementById('export-dialog')?.remove();
  const dialog = createElement('dialog', { className: 'dialog export-dialog', attributes: { id: 'export-dialog', 'aria-labelledby': 'export-dialog-heading' } });
  const run = (work: () => Promise<ExportResult>) => async () => {
    dialog.close();
    try {
      const { files, warnings, cancelled } = await work();
      if (cancelled) return; // the progress bar's cancel already said so
      options.onDone([t('export.done', { files: files.join('、') }), ...warnings].join(' '));
    } catch (error) {
      options.onError(error);
    } finally {
      dialog.remove();
    }
  };
  const button = (id: string, key: MessageKey, onClick: () => void) => {
    const element = createElement('button', { className: 'button', text: t(key), attributes: { type: 'button', id } });
    element.addEventListener('click', onClick);
    return element;
  };
  const size = select('export-map-size', MAP_SIZES.map((s) => [s, t(`export.size-${s}` as MessageKey)]));
  const atlas = select('export-atlas', [['', t('export.atlas-none')], ['county', t('export.atlas-county')], ['township', t('export.atlas-township')]]);
  const encoding = select('export-encoding', [['utf-8', 'UTF-8'], ['gbk', 'GBK']]);
  const zone = gaussKrugerForLongitude(options.longitude, false);
  const crs = select('export-crs', [['EPSG:4326', 'EPSG:4326 WGS84'], ['EPSG:4490', 'EPSG:4490 CGCS2000'], ...(zone ? [[zone.id, `${zone.id} ${zone.label.zh}`] as [string, string]] : [])]);
  const { controller } = options;
  const files = (names: ExportFileName[], extra: Parameters<ExportController['exportFiles']>[1] = {}) => run(() => controller.exportFiles(names, extra));
  const section = (headingKey: MessageKey, children: HTMLElement[]) => createElement('section', { className: 'export-section' }, [createElement('h3', { text: t(headingKey) }), ...children]);
  const close = createElement('button', { className: 'button subtle', text: t('export.close'), attributes: { type: 'button' } });
  close.addEventListener('click', () => {
    dialog.close();
    dialog.remove();
  });
  // What goes out besides the tables, when anything does.
  const extras = createElement('p', { className: 'export-extras', attributes: { id: 'export-extras', hidden: '' } });
  const { sites, travel } = controller.extras();
  const items = [...(sites > 0 ? [t('export.extra-sites', { count: sites })] : []), ...(travel ? [t('export.extra-travel', { reach: travel })] : [])];
  if (items.length > 0) {
    extras.textContent = t('export.extras', { items: items.join('；') });
    extras.hidden = false;
  }
  dialog.append(
    createElement('h2', { attributes: { id: 'export-dialog-heading' }, text: t('export.heading') }),
    extras,
    section('export.map', [
      createElement('label', { text: t('export.size'), attributes: { for: 'export-map-size' } }),
      size,
      button('export-map-button', 'export.map-button', run(() => controller.exportMap(size.value as MapSize))),
    ]),
    section('export.report', [
      createElement('label', { text: t('export.atlas'), attributes: { for: 'export-atlas' } }),
      atlas,
      button('export-report-button', 'export.report-button', () => void files(['report.pdf'], { atlas: (atlas.value || null) as 'county' | 'township' | null })()),
    ]),
    section('export.tables', [
      createElement('div', { className: 'button-row' }, [
        button('export-csv', 'export.csv', () => void files(['townships.csv', 'counties.csv', 'rules.csv'])()),
        button('export-xlsx', 'export.xlsx', () => void files(['tables.xlsx'])()),
        button('export-geojson', 'export.geojson', () => void files(['townships.geojson', 'gaps.geojson'])()),
      ]),
      createElement('label', { text: t('export.encoding'), attributes: { for: 'export-encoding' } }),
      encoding,
      createElement('label', { text: t('export.crs'), attributes: { for: 'export-crs' } }),
      crs,
      button('export-shapefile', 'export.shapefile', () => void files(['townships-shp.zip', 'gaps-shp.zip'], { shapefile: { encoding: encoding.value as 'utf-8' | 'gbk', crs: crs.value } })()),
    ]),
    section('export.session', [button('export-session', 'header.save-session', () => {
      dialog.close();
      dialog.remove();
      options.onSaveSession();
    })]),
    createElement('div', { className: 'button-row' }, [close]),
  );
  dialog.addEventListener('cancel', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}
