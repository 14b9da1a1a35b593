/**
 * One message: a bubble (mine right, others left), sender name and avatar in
 * groups (once per run), the quote of a reply, time, ticks, "edited",
 * tombstones, reactions, the thread summary, the actions, and the separator
 * (day or time gap) above it.
 */
import { Show, createSignal } from 'solid-js';
import type { MessageState, MessageView } from '../../../shared/doc/conversation.js';
import { Avatar } from './Avatar.jsx';
import { Reactions } from './conversation/Reactions.jsx';
import { RowActions } from './conversation/RowActions.jsx';
import { HighlightedText, ReplyQuote, Separator, ThreadSummaryButton } from './conversation/RowParts.jsx';
import { useRowContext } from './conversation/row-context.js';
import { colourFor, formatTime, sameDay } from './format.js';
import { MessageAttachments } from './media/MessageAttachments.jsx';
import { createWaiting } from './media/waiting.js';
import { Ticks } from './icons.jsx';

const GROUP_GAP_MS = 5 * 60 * 1000;

export function MessageRow(props: {
  message: MessageView;
  previous: MessageView | undefined;
  mine: boolean;
  group: boolean;
  authorName: string;
  state: MessageState | undefined;
  onEdit: (message: MessageView) => void;
  onDelete: (message: MessageView) => void;
}) {
  const ctx = useRowContext();
  const [menu, setMenu] = createSignal(false);
  // The actions exist only while wanted: hovered, tapped open, or holding an open picker. Rows scrolled past stay light.
  const [hovered, setHovered] = createSignal(false);
  const [pinned, setPinned] = createSignal(false);
  const newDay = (): boolean => !props.previous || !sameDay(props.previous.sentAt, props.message.sentAt);
  const firstOfRun = (): boolean =>
    newDay() ||
    props.previous === undefined ||
    props.previous.author !== props.message.author ||
    props.previous.deleted !== undefined ||
    props.message.sentAt - props.previous.sentAt > GROUP_GAP_MS;
  const deleted = (): boolean => props.message.deleted !== undefined;
  const withAvatar = (): boolean => props.group && !props.mine;
  const flashing = (): boolean => ctx.flashId() === props.message.id;
  const waiting = createWaiting(() => props.message);

  return (
    <div class="message-row-wrap">
      <Separator previous={props.previous} message={props.message} />
      <div
        class="message"
        classList={{
          mine: props.mine,
          theirs: !props.mine,
          'first-of-run': firstOfRun(),
          deleted: deleted(),
          'with-avatar': withAvatar(),
          flash: flashing(),
          'search-current': ctx.currentMatchId() === props.message.id,
        }}
        data-testid="message"
        data-message-id={props.message.id}
        data-author={props.message.author}
        data-state={props.mine ? props.state : undefined}
        data-deleted={deleted() ? 'true' : undefined}
        data-highlighted={flashing() ? 'true' : undefined}
        onMouseEnter={() => setHovered(true)}
        onMouseLeave={() => {
          setHovered(false);
          setMenu(false);
        }}
      >
        <Show when={withAvatar()}>
          <div class="sender-avatar">
            <Show when={firstOfRun() && !deleted()}>
              <span data-testid="sender-avatar">
                <Avatar id={props.message.author} name={props.authorName} size="small" />
              </span>
            </Show>
          </div>
        </Show>
        <div class="message-body">
          <div class="bubble" onClick={() => setMenu(!menu())}>
            <Show when={props.group && !props.mine && firstOfRun() && !deleted()}>
              <div class="sender" data-testid="message-sender" style={{ color: colourFor(props.message.author) }}>
                {props.authorName}
              </div>
            </Show>
            <Show when={!deleted() && props.message.replyTo}>{(replyTo) => <ReplyQuote msgId={replyTo()} />}</Show>
            <Show when={!deleted() && props.message.attachments?.length}>
              <MessageAttachments message={props.message} mine={props.mine} />
            </Show>
            <Show
              when={!deleted()}
              fallback={
                <span class="text deleted-text" data-testid="message-text">
                  Message deleted
                </span>
              }
            >
              <Show when={props.message.text !== undefined || !props.message.attachments?.length}>
                <span class="text" data-testid="message-text">
                  <HighlightedText text={props.message.text ?? (props.message.kind === 'voice' ? '🎤 Voice message' : '📎 Attachment')} tokens={ctx.searchTokens()} />
                </span>
              </Show>
            </Show>
            <span class="meta">
              <Show when={props.message.edited && !deleted()}>
                <span class="edited" data-testid="message-edited">
                  edited
                </span>
              </Show>
              <time datetime={new Date(props.message.sentAt).toISOString()}>{formatTime(props.message.sentAt)}</time>
              <Show when={props.mine && !deleted() && props.state}>{(state) => <Ticks state={state()} />}</Show>
            </span>
          </div>
          <Show when={!deleted()}>
            <Reactions message={props.message} />
          </Show>
          <ThreadSummaryButton message={props.message} />
          <Show when={!waiting()}>
            <Show when={hovered() || menu() || pinned()}>
              <RowActions message={props.message} mine={props.mine} open={menu()} onPinned={setPinned} onEdit={props.onEdit} onDelete={props.onDelete} />
            </Show>
          </Show>
        </div>
      </div>
    </div>
  );
}
