/**
 * A thread beside the timeline (full screen on a phone): its root, the
 * replies, and a composer that works like the main one (reply, edit, Enter
 * sends). Thread replies carry `threadOf` and never show in the timeline.
 */
import { Show, createMemo, createSignal } from 'solid-js';
import type { MessageView } from '../../../../shared/doc/conversation.js';
import { isRuleError } from '../../../../shared/doc/rules.js';
import type { ConversationDoc } from '../../runtime/conversation-doc.js';
import { Composer, type Editing, type Replying } from '../Composer.jsx';
import { CloseIcon } from '../icons.jsx';
import { type ListController, MessageList } from '../MessageList.jsx';
import { MessageRow } from '../MessageRow.jsx';
import { createFlash } from './list-state.js';
import { snippetOf } from './quote.js';
import { type RowContext, RowContextProvider } from './row-context.js';

export function ThreadPanel(props: {
  doc: ConversationDoc;
  rootId: string;
  /** The main list's context: names, lookups, reactions, "go to the original" outside this thread. */
  base: RowContext;
  /** Changes whenever any message changes (the view's signal), so lookups here stay current. */
  version: () => unknown;
  group: boolean;
  disabledReason: string | undefined;
  stateOf: (message: MessageView) => ReturnType<ConversationDoc['messageState']> | undefined;
  onDelete: (message: MessageView) => void;
  onClose: () => void;
}) {
  const index = props.doc.messages();
  const items = createMemo<readonly MessageView[]>(() => {
    props.version();
    const root = index.get(props.rootId);
    const replies = index.thread(props.rootId);
    return root ? [root, ...replies] : replies;
  });
  const replies = (): number => {
    props.version();
    return index.threadSummary(props.rootId).count;
  };
  const [editing, setEditing] = createSignal<Editing | null>(null);
  const [replyingId, setReplyingId] = createSignal<string | null>(null);
  const { flashId, flash } = createFlash();
  const [follow, setFollow] = createSignal(0);
  let list: ListController | undefined;

  const replying = (): Replying | null => {
    const id = replyingId();
    if (id === null) return null;
    const m = items().find((v) => v.id === id);
    if (!m) return null;
    return { id, authorName: m.author === props.base.me ? 'yourself' : props.base.nameOf(m.author), snippet: snippetOf(m) };
  };

  const context: RowContext = {
    ...props.base,
    inThread: true,
    flashId,
    onReply: (m) => {
      setEditing(null);
      setReplyingId(m.id);
    },
    onQuoteClick: (msgId) => {
      const at = items().findIndex((m) => m.id === msgId);
      if (at < 0) return props.base.onQuoteClick(msgId);
      list?.scrollToIndex(at, 'center');
      flash(msgId);
    },
  };

  const submit = (text: string): string | null => {
    try {
      const edit = editing();
      if (edit) {
        props.doc.edit(edit.id, text);
        setEditing(null);
      } else {
        const replyTo = replyingId() ?? undefined;
        props.doc.send(text, replyTo === undefined ? { threadOf: props.rootId } : { threadOf: props.rootId, replyTo });
        setReplyingId(null);
        setFollow((n) => n + 1);
      }
      return null;
    } catch (e) {
      if (isRuleError(e)) return e.message;
      throw e;
    }
  };

  return (
    <div class="thread" data-testid="thread-panel" data-root-id={props.rootId}>
      <header class="side-panel-header">
        <div>
          <h2>Thread</h2>
          <div class="muted side-panel-sub" data-testid="thread-reply-count">
            {replies() === 0 ? 'No replies yet' : `${replies()} ${replies() === 1 ? 'reply' : 'replies'}`}
          </div>
        </div>
        <button class="icon-button" aria-label="Close thread" data-testid="thread-close" onClick={() => props.onClose()}>
          <CloseIcon />
        </button>
      </header>
      <RowContextProvider value={context}>
        <MessageList
          testId="thread-list"
          count={items().length}
          keyOf={(i) => items()[i]?.id ?? String(i)}
          follow={follow()}
          onAtBottom={() => {}}
          onSettled={() => {}}
          controller={(c) => (list = c)}
          empty={<div class="messages-empty muted">This message is not here any more.</div>}
          row={(i) => (
            <Show when={items()[i]}>
              {(message) => (
                <div classList={{ 'thread-root': i === 0 && message().id === props.rootId }}>
                  <MessageRow
                    message={message()}
                    previous={items()[i - 1]}
                    mine={message().author === props.base.me}
                    group={props.group}
                    authorName={props.base.nameOf(message().author)}
                    state={props.stateOf(message())}
                    onEdit={(m) => {
                      setReplyingId(null);
                      setEditing({ id: m.id, text: m.text ?? '' });
                    }}
                    onDelete={(m) => {
                      if (editing()?.id === m.id) setEditing(null);
                      props.onDelete(m);
                    }}
                  />
                </div>
              )}
            </Show>
          )}
        />
      </RowContextProvider>
      <Composer
        disabled={!props.base.canWrite()}
        disabledReason={props.disabledReason}
        editing={editing()}
        onCancelEdit={() => setEditing(null)}
        replying={replying()}
        onCancelReply={() => setReplyingId(null)}
        placeholder="Reply in thread"
        onSubmit={submit}
        onTyping={(hasText) => props.doc.composing(hasText)}
      />
    </div>
  );
}
