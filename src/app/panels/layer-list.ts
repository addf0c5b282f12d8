// Layer list: visibility and opacity of each layer group.
import { createElement } from '../dom/create-element.ts';
import { onLanguageChange, t, translated } from '../i18n/app-language.ts';
import { LAYER_GROUPS, type LayerGroupId } from '../map/map-style.ts';
import type { SessionState } from '../session/session-state.ts';

export class LayerList {
  readonly element: HTMLElement;
  private readonly list = createElement('ul', { className: 'layer-list' });
  private layers: SessionState['layers'];
  private basemapAvailable = false;

  constructor(
    layers: SessionState['layers'],
    private readonly onChange: (group: LayerGroupId, value: { visible: boolean; opacity: number }) => void,
  ) {
    this.layers = structuredClone(layers);
    this.element = createElement('section', { className: 'panel', attributes: { 'aria-labelledby': 'layers-heading' } }, [
      translated(createElement('h2', { attributes: { id: 'layers-heading' } }), 'layers.heading'),
      this.list,
    ]);
    onLanguageChange(() => this.render());
    this.render();
  }

  update(layers: SessionState['layers'], basemapAvailable: boolean): void {
    this.layers = structuredClone(layers);
    this.basemapAvailable = basemapAvailable;
    this.render();
  }

  private render(): void {
    this.list.replaceChildren(
      ...LAYER_GROUPS.filter((group) => group.id !== 'basemap' || this.basemapAvailable).map((group) => {
        const state = this.layers[group.id];
        const checkboxId = `layer-${group.id}`;
        const checkbox = createElement('input', { attributes: { type: 'checkbox', id: checkboxId, checked: state.visible } });
        const opacity = createElement('input', {
          attributes: { type: 'range', min: 0, max: 1, step: 0.05, value: state.opacity, 'aria-label': t('layers.opacity-of', { layer: t(`layer.${group.id}`) }) },
        });
        checkbox.addEventListener('change', () => {
          state.visible = checkbox.checked;
          this.onChange(group.id, { ...state });
        });
        opacity.addEventListener('input', () => {
          state.opacity = Number(opacity.value);
          this.onChange(group.id, { ...state });
        });
        return createElement('li', { className: 'layer-row', dataset: { group: group.id } }, [
          createElement('label', { attributes: { for: checkboxId } }, [checkbox, createElement('span', { text: t(`layer.${group.id}`) })]),
          opacity,
        ]);
      }),
    );
  }
}
