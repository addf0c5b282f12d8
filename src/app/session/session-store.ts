// The session lives in IndexedDB (idb-keyval) and is saved automatically, debounced, after every
// change; it comes back on reload. A session file is the same object as JSON.
import { del, get, set } from 'idb-keyval';
import type { SessionState } from './session-state.ts';

const KEY = 'gapmap-session';

export async function loadStoredSession(): Promise<unknown> {
  try {
    return await get(KEY);
  } catch {
    return undefined;
  }
}

export async function clearStoredSession(): Promise<void> {
  await del(KEY);
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
