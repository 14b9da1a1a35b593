/** Small parts of a message row: the separator above it, the quote of a reply, highlighted text, the thread summary. */
import { For, Show, createMemo } from 'solid-js';
import type { MessageView } from '../../../../shared/doc/conversation.js';
import { highlightRanges, splitHighlights } from '../../../../shared/text/search.js';
import { colourFor } from '../format.js';
import { ThreadIcon } from './icons.jsx';
import { snippetOf } from './quote.js';
import { useRowContext } from './row-context.js';
import { dayLabel, daysBetween, separatorBefore, timeLabel } from './time-separators.js';

/** The day divider or the time label above a message, if any. */
export function Separator(props: { previous: MessageView | undefined; message: MessageView }) {
  const ctx = useRowContext();
  const separator = createMemo(() => separatorBefore(props.previous?.sentAt, props.message.sentAt, ctx.now()));
  return (
    <Show when={separator()}>
      {(s) => (
        <Show
          when={s().kind === 'day'}
          fallback={
            <div class="time-gap" data-testid="time-gap">
              <span>{s().label}</span>
            </div>
          }
        >
          <div class="day-divider" role="separator" data-testid="day-divider">
            <span>{s().label}</span>
          </div>
        </Show>
      )}
    </Show>
  );
}

/** The compact quote of what a reply answers; a click goes to the original. */
export function ReplyQuote(props: { msgId: string }) {
  const ctx = useRowContext();
  const original = () => ctx.lookup(props.msgId);
  const snippet = () => snippetOf(original(), 120);
  const author = () => {
    const o = original();
    if (!o) return undefined;
    return o.author === ctx.me ? 'You' : ctx.nameOf(o.author);
  };
  return (
    <button
      type="button"
      class="quote"
      data-testid="reply-quote"
      data-reply-to={props.msgId}
      style={{ '--quote-colour': original() ? colourFor(original()?.author ?? '') : 'var(--faint)' }}
      onClick={(e) => {
        e.stopPropagation();
        ctx.onQuoteClick(props.msgId);
      }}
    >
      <Show when={author()}>
        <span class="quote-author">{author()}</span>
      </Show>
      <span class="quote-text" classList={{ label: snippet().kind === 'label' }} data-testid="reply-quote-text">
        {snippet().text}
      </span>
    </button>
  );
}

/** Text with the search's words marked. */
export function HighlightedText(props: { text: string; tokens: readonly string[] }) {
  const parts = createMemo(() => (props.tokens.length === 0 ? null : splitHighlights(props.text, highlightRanges(props.text, props.tokens))));
  return (
    <Show when={parts()} fallback={props.text}>
      {(list) => <For each={list()}>{(part) => (part.hit ? <mark data-testid="search-hit">{part.text}</mark> : part.text)}</For>}
    </Show>
  );
}

/** "3 replies · 14:05" under a thread's root; opens the thread. */
export function ThreadSummaryButton(props: { message: MessageView }) {
  const ctx = useRowContext();
  const summary = () => ctx.threadSummary(props.message.id);
  const when = (): string => {
    const at = summary().lastAt;
    return daysBetween(at, ctx.now()) === 0 ? timeLabel(at) : dayLabel(at, ctx.now());
  };
  return (
    <Show when={!ctx.inThread && summary().count > 0}>
      <button
        type="button"
        class="thread-summary"
        data-testid="thread-summary"
        onClick={(e) => {
          e.stopPropagation();
          ctx.onOpenThread(props.message);
        }}
      >
        <ThreadIcon />
        <span class="thread-count">
          {summary().count} {summary().count === 1 ? 'reply' : 'replies'}
        </span>
        <span class="thread-last">· {when()}</span>
      </button>
    </Show>
  );
}
