/**
 * The reactions under a message: one chip per emoji with its count (mine
 * marked). A click sets or removes my reaction; who reacted shows on hover
 * (title) and, on touch or a right click, in a small popover.
 */
import { For, Show, createSignal } from 'solid-js';
import type { MessageView } from '../../../../shared/doc/conversation.js';
import { Popover } from './Popover.jsx';
import { useRowContext } from './row-context.js';

export function Reactions(props: { message: MessageView }) {
  const ctx = useRowContext();
  const [who, setWho] = createSignal<{ anchor: HTMLElement; emoji: string } | null>(null);
  const entries = () => [...props.message.reactions];
  /** "You" first, then the others by name. */
  const names = (users: readonly string[]): string[] => {
    const others = users.filter((u) => u !== ctx.me).map((u) => ctx.nameOf(u));
    others.sort((a, b) => a.localeCompare(b));
    return users.includes(ctx.me) ? ['You', ...others] : others;
  };
  const mine = (users: readonly string[]): boolean => users.includes(ctx.me);
  const toggle = (emoji: string, users: readonly string[]): void => {
    if (ctx.canWrite()) ctx.onReact(props.message, mine(users) ? null : emoji);
  };
  let pointer = 'mouse';

  return (
    <Show when={props.message.reactions.size > 0}>
      <div class="reactions" data-testid="reactions">
        <For each={entries()}>
          {([emoji, users]) => (
            <button
              type="button"
              class="reaction-chip"
              classList={{ mine: mine(users) }}
              data-testid="reaction"
              data-emoji={emoji}
              data-count={users.length}
              aria-pressed={mine(users)}
              title={`${names(users).join(', ')} reacted with ${emoji}`}
              onPointerDown={(e) => (pointer = e.pointerType)}
              onClick={(e) => {
                e.stopPropagation();
                if (pointer === 'touch') setWho({ anchor: e.currentTarget, emoji });
                else toggle(emoji, users);
              }}
              onContextMenu={(e) => {
                e.preventDefault();
                setWho({ anchor: e.currentTarget, emoji });
              }}
            >
              <span class="reaction-emoji">{emoji}</span>
              <span class="reaction-count">{users.length}</span>
            </button>
          )}
        </For>
      </div>
      <Show when={who()}>
        {(open) => {
          const users = () => props.message.reactions.get(open().emoji) ?? [];
          return (
            <Popover anchor={open().anchor} onClose={() => setWho(null)} label="Who reacted" testId="reaction-who" class="who-reacted">
              <div class="who-title">
                <span class="reaction-emoji">{open().emoji}</span> {users().length}
              </div>
              <ul>
                <For each={names(users())}>{(name) => <li>{name}</li>}</For>
              </ul>
              <Show when={ctx.canWrite()}>
                <button
                  type="button"
                  class="button small"
                  onClick={() => {
                    toggle(open().emoji, users());
                    setWho(null);
                  }}
                >
                  {mine(users()) ? 'Remove my reaction' : `React with ${open().emoji}`}
                </button>
              </Show>
            </Popover>
          );
        }}
      </Show>
    </Show>
  );
}
