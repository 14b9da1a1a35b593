/** The reaction picker: six quick reactions and, one click further, a few dozen more. */
import { For, Show, createSignal } from 'solid-js';
import { PlusIcon } from './icons.jsx';

export const QUICK_REACTIONS = ['👍', '❤️', '😂', '😮', '😢', '🙏'] as const;

const MORE_REACTIONS = [
  '😀', '😁', '😅', '🤣', '😊', '😍', '🥰', '😘', '😎', '🤔', '🤨', '😐',
  '🙄', '😴', '🤯', '🥳', '😭', '😡', '😱', '🤗', '🤩', '😇', '🙃', '😉',
  '👏', '🙌', '👌', '✌️', '🤞', '💪', '👀', '🔥', '✨', '🎉', '💯', '✅',
  '❌', '⭐', '💔', '🤝', '👋', '👎', '☕', '🍕', '🍻', '🚀', '🌞', '🌧️',
];

export function EmojiPicker(props: { current: string | undefined; onPick: (emoji: string) => void }) {
  const [more, setMore] = createSignal(false);
  const button = (emoji: string) => (
    <button type="button" class="emoji-option" classList={{ chosen: props.current === emoji }} data-testid="emoji-option" data-emoji={emoji} aria-label={`React with ${emoji}`} aria-pressed={props.current === emoji} onClick={() => props.onPick(emoji)}>
      {emoji}
    </button>
  );
  return (
    <div class="emoji-picker" data-testid="emoji-picker">
      <div class="emoji-quick">
        <For each={QUICK_REACTIONS}>{button}</For>
        <Show when={!more()}>
          <button type="button" class="emoji-option more" data-testid="emoji-more" aria-label="More reactions" onClick={() => setMore(true)}>
            <PlusIcon />
          </button>
        </Show>
      </div>
      <Show when={more()}>
        <div class="emoji-grid">
          <For each={MORE_REACTIONS}>{button}</For>
        </div>
      </Show>
    </div>
  );
}
