// The session lives in IndexedDB (idb-keyval) and is saved automatically, debounced, after every
// change (and at once when the page is hidden); it comes back on reload, checked by
// validateSession. A session file is the same object as JSON.
import { del, get, keys, set } from 'idb-keyval';
import { STORED_IMPORT_PREFIX } from '../../core/dataset/apply-imports.ts';
import type { SessionState } from './session-state.ts';

const KEY = 'gapmap-session';
/** Where a stored session the app could not use is kept (the latest one), for a planner or a bug report. */
const SET_ASIDE_KEY = 'gapmap-session-set-aside';

export async function loadStoredSession(): Promise<unknown> {
  try {
    return await get(KEY);
  } catch {
    return undefined;
  }
}

/** Keeps an unusable stored session under another key and removes it from the session's key. */
export async function setAsideStoredSession(value: unknown): Promise<void> {
  try {
    await set(SET_ASIDE_KEY, value);
  } catch {
    // not clonable or storage full: dropping it is all that is left
  }
  await del(KEY).catch(() => undefined);
}

/** Everything the app keeps in this browser: the session, a set-aside one, and the stored layers. */
export async function clearStoredState(): Promise<void> {
  const stored = (await keys()).filter((key) => typeof key === 'string' && (key === KEY || key === SET_ASIDE_KEY || key.startsWith(STORED_IMPORT_PREFIX)));
  await Promise.all(stored.map((key) => del(key)));
}

export class SessionSaver {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private latest: SessionState | null = null;
  /** Resolves after the most recent scheduled save has been written. */
  private written: Promise<void> = Promise.resolve();
  onSaved: (() => void) | null = null;

  constructor(private readonly delayMs = 300) {}

  schedule(state: SessionState): void {
    this.latest = state;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const state = this.latest;
    this.latest = null;
    if (!state) return this.written;
    this.written = this.written.then(() => set(KEY, state)).then(
      () => this.onSaved?.(),
      (error: unknown) => console.warn('session not saved', error),
    );
    return this.written;
  }
}
