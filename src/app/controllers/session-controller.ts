// The session: saved to IndexedDB after every change (debounced, and at once when the page is
// hidden or left), saved to and opened from a file, started afresh; the language, the layer
// choices and the basemap setting live in it too.
import { currentLanguage, setLanguage, t } from '../i18n/app-language.ts';
import type { LayerGroupId } from '../map/map-style.ts';
import { confirmDialog, settingsDialog } from '../panels/dialogs.ts';
import { downloadSessionFile, readSessionFile } from '../session/session-file.ts';
import { SESSION_VERSION, type SessionState } from '../session/session-state.ts';
import { clearStoredState, SessionSaver } from '../session/session-store.ts';
import { validateSession } from '../session/validate-session.ts';
import type { AppContext } from './app-context.ts';
import type { DatasetController } from './dataset-controller.ts';

export class SessionController {
  readonly saver = new SessionSaver();
  /** Told after the language changed (everything with text repaints). */
  onLanguage: () => void = () => undefined;

  constructor(
    private readonly context: AppContext,
    private readonly dataset: DatasetController,
    private readonly fallback: SessionState,
  ) {
    this.saver.onSaved = () => context.ready.sessionSaved();
    // A change made just before the tab is hidden or closed is written at once, not after the debounce.
    const saveNow = () => void this.saver.saveNow(structuredClone(context.state.session));
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') saveNow();
    });
    window.addEventListener('pagehide', saveNow);
  }

  save(): void {
    this.saver.schedule(structuredClone(this.context.state.session));
  }

  toggleLanguage(): void {
    const session = this.context.state.session;
    session.language = currentLanguage() === 'zh' ? 'en' : 'zh';
    setLanguage(session.language);
    this.dataset.showName();
    this.onLanguage();
    this.save();
  }

  setLayer(group: LayerGroupId, value: { visible: boolean; opacity: number }): void {
    const { state, views } = this.context;
    state.session.layers[group] = value;
    views.map.setGroupVisibility(group, value.visible);
    views.map.setGroupOpacity(group, value.opacity);
    if (group === 'population' && value.visible) void this.dataset.paintPopulation();
    this.save();
  }

  openSettings(): void {
    const { state, views } = this.context;
    settingsDialog(state.session.basemapUrl, (url) => {
      const session = state.session;
      session.basemapUrl = url;
      session.layers.basemap = { visible: url !== '', opacity: session.layers.basemap.opacity };
      views.map.setBasemap(url || null);
      views.layerList.update(session.layers, url !== '');
      this.save();
    });
  }

  async newSession(): Promise<void> {
    const confirmed = await confirmDialog('new-session-dialog', t('header.new-session'), t('session.new-confirm'), t('session.new-confirm-button'));
    if (!confirmed) return;
    this.saver.stop();
    await clearStoredState();
    location.reload();
  }

  /** A project of the planner's own layers only: nothing of the demo is loaded, then the import dialog opens on their files. */
  async newEmptyProject(): Promise<void> {
    const confirmed = await confirmDialog('new-empty-project-dialog', t('header.new-empty-project'), t('session.new-empty-confirm'), t('session.new-confirm-button'));
    if (!confirmed) return;
    await clearStoredState();
    this.context.state.session = { ...structuredClone(this.fallback), project: 'empty', language: currentLanguage() };
    this.save();
    await this.saver.flush();
    location.reload();
  }

  /** The session as a file: stored (large) layers are read back from IndexedDB and put inline. */
  async saveFile(): Promise<void> {
    const session = this.context.state.session;
    const imports = await Promise.all(
      session.imports.map(async (accepted) => {
        if (accepted.layer || !accepted.storeKey) return accepted;
        const key = accepted.storeKey;
        const layer = await this.context.background.call((api) => api.readStoredLayer(key));
        return { ...accepted, storeKey: undefined, layer };
      }),
    );
    downloadSessionFile({ ...session, imports });
  }

  /**
   * A session file: checked completely first; the current session stays until the planner
   * confirms, and only then is the file's session stored and the page reloaded with it.
   */
  async openFile(file: File): Promise<void> {
    const { banner } = this.context.views;
    const check = validateSession(await readSessionFile(file), this.fallback, 'file');
    if (!check.ok) {
      if (check.reason === 'newer-version') banner.show('error', t('session.file-newer', { version: check.version ?? '?', supported: SESSION_VERSION }));
      else if (check.reason === 'invalid') banner.show('error', t('session.file-problems', { problems: check.problems.slice(0, 3).map((problem) => problem.message[currentLanguage()]).join('；') }));
      else banner.show('error', t('session.file-invalid'));
      return;
    }
    const note = check.basemapNotEnabled ? ` ${t('session.basemap-not-enabled', { url: check.basemapNotEnabled })}` : '';
    const confirmed = await confirmDialog('open-session-dialog', t('session.open-title'), t('session.open-confirm', { name: file.name }) + note, t('session.open-confirm-button'));
    if (!confirmed) return;
    this.context.state.session = check.value;
    this.save();
    await this.saver.flush();
    location.reload();
  }

  /** Clears everything stored in this browser and starts again (the reset path, also when the stored session was unusable). */
  async reset(): Promise<void> {
    this.saver.stop();
    await clearStoredState();
    location.reload();
  }
}
