// Small modal dialogs: a confirmation, and the settings (optional online basemap).
import { validateBasemapUrl } from '../map/validate-basemap-url.ts';
import { createElement } from '../dom/create-element.ts';
import { t } from '../i18n/app-language.ts';

function modal(id: string, content: (close: () => void) => HTMLElement[]): HTMLDialogElement {
  document.getElementById(id)?.remove();
  const dialog = createElement('dialog', { className: 'dialog', attributes: { id, 'aria-labelledby': `${id}-heading` } });
  const close = () => {
    dialog.close();
    dialog.remove();
  };
  dialog.append(...content(close));
  dialog.addEventListener('cancel', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}

export function confirmDialog(id: string, heading: string, message: string, confirmLabel: string): Promise<boolean> {
  return new Promise((resolve) => {
    const dialog = modal(id, (close) => {
      const ok = createElement('button', { className: 'button danger', text: confirmLabel, attributes: { type: 'button', id: `${id}-confirm` } });
      const cancel = createElement('button', { className: 'button subtle', text: t('dialog.cancel'), attributes: { type: 'button' } });
      ok.addEventListener('click', () => {
        close();
        resolve(true);
      });
      cancel.addEventListener('click', () => {
        close();
        resolve(false);
      });
      return [
        createElement('h2', { attributes: { id: `${id}-heading` }, text: heading }),
        createElement('p', { text: message }),
        createElement('div', { className: 'button-row' }, [ok, cancel]),
      ];
    });
    dialog.addEventListener('cancel', () => resolve(false));
  });
}

export function settingsDialog(basemapUrl: string, onSave: (basemapUrl: string) => void): void {
  modal('settings-dialog', (close) => {
    const enabled = createElement('input', { attributes: { type: 'checkbox', id: 'basemap-enabled', checked: basemapUrl !== '' } });
    const url = createElement('input', {
      attributes: { type: 'url', id: 'basemap-url', value: basemapUrl, placeholder: 'https://t0.tianditu.gov.cn/vec_w/wmts?…&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=…', spellcheck: 'false' },
    });
    const error = createElement('p', { className: 'form-errors', attributes: { role: 'alert' } });
    const save = createElement('button', { className: 'button primary', text: t('dialog.save'), attributes: { type: 'submit', id: 'settings-save' } });
    const cancel = createElement('button', { className: 'button subtle', text: t('dialog.cancel'), attributes: { type: 'button' } });
    const form = createElement('form', {}, [
      createElement('h2', { attributes: { id: 'settings-dialog-heading' }, text: t('settings.heading') }),
      createElement('label', { className: 'checkbox' }, [enabled, createElement('span', { text: t('settings.basemap-enabled') })]),
      createElement('div', { className: 'field' }, [createElement('label', { text: t('settings.basemap-url'), attributes: { for: 'basemap-url' } }), url]),
      createElement('p', { className: 'hint', text: t('settings.basemap-hint') }),
      error,
      createElement('div', { className: 'button-row' }, [save, cancel]),
    ]);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const checked = validateBasemapUrl(url.value);
      if (enabled.checked && !checked.ok) {
        error.textContent = t('settings.basemap-invalid');
        return;
      }
      close();
      onSave(enabled.checked && checked.ok ? checked.url : '');
    });
    cancel.addEventListener('click', close);
    return [form];
  });
}
