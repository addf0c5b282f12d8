// The last line of defence: if the app cannot start at all, the page still says so in both
// languages and offers to clear what this browser stored (the session and imported layers), the
// one thing that can make a start fail again after a reload.
import { translate } from '../core/i18n/translate.ts';
import { clearStoredState } from './session/session-store.ts';

export function showStartFailure(error: unknown): void {
  console.error(error);
  const message = error instanceof Error ? error.message : String(error);
  const banner = document.getElementById('status-banner') ?? document.body.appendChild(document.createElement('div'));
  banner.hidden = false;
  banner.className = 'status-banner error';
  const text = document.createElement('span');
  text.textContent = `${translate('zh', 'session.start-failed', { message })} / ${translate('en', 'session.start-failed', { message })}`;
  const reset = document.createElement('button');
  reset.type = 'button';
  reset.className = 'button small';
  reset.id = 'start-failure-reset';
  reset.textContent = `${translate('zh', 'session.reset')} / ${translate('en', 'session.reset')}`;
  reset.addEventListener('click', () => void clearStoredState().finally(() => location.reload()));
  banner.replaceChildren(text, reset);
  document.documentElement.dataset.startFailed = '1';
}
