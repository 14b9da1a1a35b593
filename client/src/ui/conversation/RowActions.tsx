/**
 * The actions beside a message (shown on hover, or on tap on a phone):
 * react, reply, reply in thread, and for my own messages edit and delete;
 * "edit history" when earlier versions were kept.
 */
import { Show, createSignal, onCleanup } from 'solid-js';
import type { MessageView } from '../../../../shared/doc/conversation.js';
import { PencilIcon, TrashIcon } from '../icons.jsx';
import { EmojiPicker } from './EmojiPicker.jsx';
import { HistoryIcon, ReplyIcon, SmileIcon, ThreadIcon } from './icons.jsx';
import { Popover } from './Popover.jsx';
import { useRowContext } from './row-context.js';

export function RowActions(props: {
  message: MessageView;
  mine: boolean;
  open: boolean;
  /** Told while the emoji picker is open, so the row keeps these actions while the pointer is away in the picker. */
  onPinned: (pinned: boolean) => void;
  onEdit: (m: MessageView) => void;
  onDelete: (m: MessageView) => void;
}) {
  const ctx = useRowContext();
  const [picker, setPickerSignal] = createSignal<HTMLElement | null>(null);
  const setPicker = (anchor: HTMLElement | null): void => {
    setPickerSignal(anchor);
    props.onPinned(anchor !== null);
  };
  onCleanup(() => props.onPinned(false));
  const myReaction = (): string | undefined => {
    for (const [emoji, users] of props.message.reactions) if (users.includes(ctx.me)) return emoji;
    return undefined;
  };
  const hasHistory = (): boolean => (props.message.edited?.history?.length ?? 0) > 0;

  return (
    <Show when={!props.message.deleted && (ctx.canWrite() || hasHistory())}>
      <div class="message-actions" classList={{ open: props.open || picker() !== null }} onClick={(e) => e.stopPropagation()}>
        <Show when={ctx.canWrite()}>
          <button class="icon-button small" title="React" aria-label="React" data-testid="message-react" onClick={(e) => setPicker(picker() ? null : e.currentTarget)}>
            <SmileIcon />
          </button>
          <button class="icon-button small" title="Reply" aria-label="Reply" data-testid="message-reply" onClick={() => ctx.onReply(props.message)}>
            <ReplyIcon />
          </button>
          <Show when={!ctx.inThread}>
            <button class="icon-button small" title="Reply in thread" aria-label="Reply in thread" data-testid="message-thread" onClick={() => ctx.onOpenThread(props.message)}>
              <ThreadIcon />
            </button>
          </Show>
          <Show when={props.mine && props.message.text !== undefined}>
            <button class="icon-button small" title="Edit" aria-label="Edit message" data-testid="message-edit" onClick={() => props.onEdit(props.message)}>
              <PencilIcon />
            </button>
          </Show>
          <Show when={props.mine}>
            <button class="icon-button small" title="Delete" aria-label="Delete message" data-testid="message-delete" onClick={() => props.onDelete(props.message)}>
              <TrashIcon />
            </button>
          </Show>
        </Show>
        <Show when={hasHistory()}>
          <button class="icon-button small" title="Edit history" aria-label="Edit history" data-testid="message-history" onClick={() => ctx.onHistory(props.message)}>
            <HistoryIcon />
          </button>
        </Show>
      </div>
      <Show when={picker()}>
        {(anchor) => (
          <Popover anchor={anchor()} onClose={() => setPicker(null)} label="Reactions" class="emoji-popover">
            <EmojiPicker
              current={myReaction()}
              onPick={(emoji) => {
                ctx.onReact(props.message, myReaction() === emoji ? null : emoji);
                setPicker(null);
              }}
            />
          </Popover>
        )}
      </Show>
    </Show>
  );
}
