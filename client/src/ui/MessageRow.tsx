/** One message: a bubble (mine right, others left), sender in groups, time, ticks, "edited", tombstones, day divider. */
import { Show, createSignal } from 'solid-js';
import type { MessageState, MessageView } from '../../../shared/doc/conversation.js';
import { colourFor, formatDay, formatTime, sameDay } from './format.js';
import { PencilIcon, Ticks, TrashIcon } from './icons.jsx';

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
  const [menu, setMenu] = createSignal(false);
  const newDay = (): boolean => !props.previous || !sameDay(props.previous.sentAt, props.message.sentAt);
  const firstOfRun = (): boolean =>
    newDay() ||
    props.previous === undefined ||
    props.previous.author !== props.message.author ||
    props.message.sentAt - props.previous.sentAt > GROUP_GAP_MS;
  const deleted = (): boolean => props.message.deleted !== undefined;

  return (
    <div class="message-row-wrap">
      <Show when={newDay()}>
        <div class="day-divider" role="separator">
          <span>{formatDay(props.message.sentAt)}</span>
        </div>
      </Show>
      <div
        class="message"
        classList={{ mine: props.mine, theirs: !props.mine, 'first-of-run': firstOfRun(), deleted: deleted() }}
        data-testid="message"
        data-message-id={props.message.id}
        data-state={props.mine ? props.state : undefined}
        data-deleted={deleted() ? 'true' : undefined}
        onMouseLeave={() => setMenu(false)}
      >
        <Show when={props.mine && !deleted()}>
          <div class="message-actions" classList={{ open: menu() }}>
            <button class="icon-button small" title="Edit" aria-label="Edit message" data-testid="message-edit" onClick={() => props.onEdit(props.message)}>
              <PencilIcon />
            </button>
            <button class="icon-button small" title="Delete" aria-label="Delete message" data-testid="message-delete" onClick={() => props.onDelete(props.message)}>
              <TrashIcon />
            </button>
          </div>
        </Show>
        <div class="bubble" onClick={() => props.mine && setMenu(!menu())}>
          <Show when={props.group && !props.mine && firstOfRun() && !deleted()}>
            <div class="sender" style={{ color: colourFor(props.message.author) }}>
              {props.authorName}
            </div>
          </Show>
          <Show
            when={!deleted()}
            fallback={
              <span class="text deleted-text" data-testid="message-text">
                Message deleted
              </span>
            }
          >
            <span class="text" data-testid="message-text">
              {props.message.text ?? (props.message.kind === 'voice' ? '🎤 Voice message' : '📎 Attachment')}
            </span>
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
      </div>
    </div>
  );
}
