/** The versions of an edited message, newest first, each with when it was written (kept only while the conversation keeps edit history). */
import { For, Show, onCleanup, onMount } from 'solid-js';
import { Portal } from 'solid-js/web';
import type { MessageView } from '../../../../shared/doc/conversation.js';
import { CloseIcon } from '../icons.jsx';
import { dayLabel, timeLabel } from './time-separators.js';

export function EditHistoryDialog(props: { message: MessageView | undefined; onClose: () => void }) {
  const versions = () => {
    const m = props.message;
    if (!m?.edited) return [];
    const earlier = (m.edited.history ?? []).map((v) => ({ text: v.text, at: v.at, current: false }));
    return [...earlier, { text: m.edited.text, at: m.edited.editedAt, current: true }].reverse();
  };
  const when = (at: number): string => `${dayLabel(at)}, ${timeLabel(at)}`;
  const onKey = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') {
      e.preventDefault();
      props.onClose();
    }
  };
  onMount(() => document.addEventListener('keydown', onKey));
  onCleanup(() => document.removeEventListener('keydown', onKey));
  return (
    <Portal>
      <div class="dialog-backdrop" onClick={(e) => e.target === e.currentTarget && props.onClose()}>
        <div class="dialog history-dialog" role="dialog" aria-modal="true" aria-label="Edit history" data-testid="edit-history">
          <header class="dialog-header">
            <h2>Edit history</h2>
            <button type="button" class="icon-button" aria-label="Close" data-testid="edit-history-close" onClick={() => props.onClose()}>
              <CloseIcon />
            </button>
          </header>
          <Show when={versions().length > 0} fallback={<p class="muted">This message has no earlier versions.</p>}>
            <ol class="versions">
              <For each={versions()}>
                {(v) => (
                  <li class="version" data-testid="edit-version" data-current={v.current ? 'true' : undefined}>
                    <div class="version-meta">
                      <span>{v.current ? 'Current' : 'Earlier'}</span>
                      <time datetime={new Date(v.at).toISOString()}>{when(v.at)}</time>
                    </div>
                    <div class="version-text" data-testid="edit-version-text">
                      {v.text}
                    </div>
                  </li>
                )}
              </For>
            </ol>
          </Show>
        </div>
      </div>
    </Portal>
  );
}
