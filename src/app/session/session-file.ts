// Save the session as a JSON file and read one back.
import type { SessionState } from './session-state.ts';

export function downloadSessionFile(state: SessionState): void {
  const blob = new Blob([JSON.stringify({ app: 'gapmap', ...state }, null, 1)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `gapmap-session-${new Date().toISOString().slice(0, 10)}.json`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function readSessionFile(file: File): Promise<unknown> {
  try {
    return JSON.parse(await file.text());
  } catch {
    return null;
  }
}
