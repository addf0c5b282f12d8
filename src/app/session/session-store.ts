// The session lives in IndexedDB (idb-keyval) and is saved automatically, debounced, after every
// change (and at once when the page is hidden); it comes back on reload, checked by
// validateSession. A session file is the same object as JSON.
import { del, get, keys, set } from 'idb-keyval';
import { STORED_IMPORT_PREFIX } from '../../core/dataset/apply-imports.ts';
import type { SessionState } from './session-state.ts';

const KEY = 'gapmap-session';
/**
 * When the page is hidden or left, the session is also written synchronously here (localStorage):
 * an IndexedDB write started then may not finish before the page is gone. It is removed as soon as
 * IndexedDB holds the same or a newer session, so when it exists it is the newest one.
 */
const PENDING_KEY = 'gapmap-session-pending';
/** Where a stored session the app could not use is kept (the latest one), for a planner or a bug report. */
const SET_ASIDE_KEY = 'gapmap-session-set-aside';

/** The session as stored: a pending copy written as the page went away, if any, else IndexedDB's. */
export async function loadStoredSession(): Promise<unknown> {
  try {
    const pending = localStorage.getItem(PENDING_KEY);
    if (pending !== null) return JSON.parse(pending);
  } catch {
    // unreadable: IndexedDB's copy
  }
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
  removePending();
}

function removePending(): void {
  try {
    localStorage.removeItem(PENDING_KEY);
  } catch {
    // storage unavailable: nothing pending either
  }
}

/** Everything the app keeps in this browser: the session, a set-aside one, and the stored layers. */
export async function clearStoredState(): Promise<void> {
  const stored = (await keys()).filter((key) => typeof key === 'string' && (key === KEY || key === SET_ASIDE_KEY || key.startsWith(STORED_IMPORT_PREFIX)));
  await Promise.all(stored.map((key) => del(key)));
  removePending();
}

export class SessionSaver {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private latest: SessionState | null = null;
  /** Resolves after the most recent scheduled save has been written. */
  private written: Promise<void> = Promise.resolve();
  onSaved: (() => void) | null = null;
  /** Counts localStorage copies (saveNow), so a finished IndexedDB write removes only one it covers. */
  private pendingVersion = 0;
  /** Set when the stored session is being cleared: nothing is saved any more (not even as the page goes). */
  private stopped = false;

  /** Stops saving for good (a new session or a reset clears storage and reloads). */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.latest = null;
  }

  constructor(private readonly delayMs = 300) {}

  schedule(state: SessionState): void {
    if (this.stopped) return;
    this.latest = state;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  /**
   * The page is being hidden or left: the latest session goes to localStorage at once (synchronous),
   * then to IndexedDB as usual. A session too big for localStorage (large inline layers) is only
   * flushed to IndexedDB.
   */
  saveNow(state: SessionState): Promise<void> {
    if (this.stopped) return this.written;
    this.latest = state;
    this.pendingVersion++;
    try {
      localStorage.setItem(PENDING_KEY, JSON.stringify(state));
    } catch {
      // over the quota: IndexedDB only
    }
    return this.flush();
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const state = this.latest;
    this.latest = null;
    if (!state) return this.written;
    const version = this.pendingVersion;
    this.written = this.written.then(() => set(KEY, state)).then(
      () => {
        // IndexedDB now holds this session: a pending copy is no newer unless written since.
        if (version === this.pendingVersion) removePending();
        this.onSaved?.();
      },
      (error: unknown) => console.warn('session not saved', error),
    );
    return this.written;
  }
}
