/**
 * One open conversation: header (title, presence or member count, typing,
 * search, details), the timeline and the composer, with a side panel for a
 * thread or the conversation's details. The document comes from the pool for
 * as long as this view lives; my receipts say "seen" while the page is
 * visible, focused and scrolled to the bottom.
 */
import { Match, Show, Switch, createComputed, createEffect, createMemo, createSignal, on, onCleanup } from 'solid-js';
import type { Conversation } from '../../../shared/api.js';
import type { MessageView } from '../../../shared/doc/conversation.js';
import { isRuleError } from '../../../shared/doc/rules.js';
import { conversationTitle, otherMember } from '../runtime/conversations.js';
import type { TypingUser } from '../runtime/conversation-doc.js';
import { Composer, type Editing, type Replying } from './Composer.jsx';
import { ConfirmDialog } from './conversation/ConfirmDialog.jsx';
import { EditHistoryDialog } from './conversation/EditHistoryDialog.jsx';
import { createFlash, createNewCount } from './conversation/list-state.js';
import { ConversationHeader } from './conversation/ConversationHeader.jsx';
import { snippetOf } from './conversation/quote.js';
import { type RowContext, RowContextProvider } from './conversation/row-context.js';
import { SearchBar, createSearchState } from './conversation/SearchBar.jsx';
import { SettingsPanel } from './conversation/SettingsPanel.jsx';
import { ThreadPanel } from './conversation/ThreadPanel.jsx';
import { useApp } from './context.js';
import { formatPresence } from './format.js';
import { type ListController, MessageList } from './MessageList.jsx';
import { MessageRow } from './MessageRow.jsx';
import { createNow, createPageAttention, createReadable } from './reactive.js';
import { withOutbox } from '../runtime/outbox-view.js';
import { createDropZone } from './media/DropZone.jsx';
import { createMediaComposer } from './media/media-composer.js';

export function ConversationView(props: { conversationId: string }) {
  const app = useApp();
  const me = app.messenger.user;
  // The id never changes for one view (the shell keys it), so acquire once.
  const id = props.conversationId;
  const doc = app.messenger.docs.acquire(id);
  onCleanup(() => {
    doc.setViewing(false);
    doc.composing(false);
    app.messenger.docs.release(id);
  });

  const conversations = createReadable(app.messenger.conversations);
  const contacts = createReadable(app.messenger.contacts);
  /** Live presence of contacts and direct partners, as the server relays it. */
  const livePresence = createReadable(app.messenger.inbox.presence);
  const connection = createReadable(app.messenger.connection);
  const loaded = createReadable(doc.loaded);
  const cachedTail = createReadable(doc.preview);
  /** The newest rows as last shown, painted while the document loads; null once it has. */
  const preview = createMemo(() => (loaded() ? null : cachedTail()));
  const synced = createReadable(doc.synced);
  const access = createReadable(doc.access);
  const typing = createReadable(doc.typingUsers);
  const serverState = createReadable(doc.serverState);
  const receipts = createReadable(doc.receiptsVersion);
  const index = doc.messages();
  /** Every message (thread replies too): changes with any change, so lookups follow. */
  const allMessages = createReadable(index.messages);
  /** The main timeline: thread replies live in their thread. */
  const timeline = createReadable(index.timeline);
  const meta = createReadable(doc.meta);
  // Media messages waiting in the outbox show as mine, "sending", where they were written.
  const outboxEntries = createReadable(app.messenger.outbox.entries);
  const messages = createMemo(() =>
    withOutbox(
      preview()?.timeline ?? timeline(),
      (outboxEntries().get(id) ?? []).map((e) => e.item).filter((item) => item.threadOf === undefined),
      (msgId) => index.recordId(msgId) !== undefined,
    ),
  );
  /** The same list, read without tracking: the virtualizer asks for every row's key on each layout pass. */
  let shownNow: readonly MessageView[] = [];
  createComputed(() => (shownNow = messages()));
  const limits = createReadable(app.messenger.limits);
  const media = createMediaComposer({ conversationId: id, doc, outbox: app.messenger.outbox, maxBytes: () => limits().mediaMaxBytes });
  const drop = createDropZone(media, () => access() === 'ok' || access() === 'rate_limited');
  const attention = createPageAttention();
  const now = createNow();

  // Once removed or gone from the list, keep showing what we knew of it.
  const conversation = createMemo<Conversation | undefined>((known) => conversations().items.find((c) => c.id === id) ?? known);
  const isGroup = (): boolean => conversation()?.kind === 'group' || meta().kind === 'group';
  const title = (): string => {
    const c = conversation();
    // The document's meta follows a rename at once; the list catches up on refresh.
    if (isGroup() && meta().title) return meta().title;
    return c ? conversationTitle(c, me.id) : 'Conversation';
  };
  const other = () => {
    const c = conversation();
    return c ? otherMember(c, me.id) : undefined;
  };
  // Presence is only as fresh as our connection: offline, say nothing rather than something stale.
  const presence = () => {
    const o = other();
    if (!o || connection() !== 'online') return undefined;
    return livePresence().get(o.id) ?? contacts().items.find((c) => c.user.id === o.id)?.presence;
  };
  const memberIds = createMemo(() => conversation()?.members.map((m) => m.user.id) ?? [me.id]);
  const nameOf = (userId: string): string => conversation()?.members.find((m) => m.user.id === userId)?.user.displayName ?? 'Someone';
  // Renamed or re-set elsewhere: the list (and its members) is stale.
  createEffect(
    on(meta, (m) => {
      const c = conversation();
      if (c && ((m.kind === 'group' && m.title !== '' && m.title !== c.title) || m.keepEditHistory !== c.keepEditHistory)) void app.messenger.conversations.refresh();
    }),
  );

  // Open the list once the cache is read; with an empty cache, give the first sync a moment, so it opens once, at the end.
  const [waited, setWaited] = createSignal(false);
  const waitTimer = setTimeout(() => setWaited(true), 1500);
  onCleanup(() => clearTimeout(waitTimer));
  const ready = (): boolean => (loaded() && (messages().length > 0 || synced() || waited() || connection() === 'offline')) || preview() !== null;

  const [atBottom, setAtBottom] = createSignal(true);
  const [settled, setSettled] = createSignal(false);
  createEffect(() => doc.setViewing(attention() && atBottom() && settled()));

  // Removed from the conversation: the list no longer holds it either.
  createEffect(() => {
    if (access() === 'forbidden') void app.messenger.conversations.refresh();
  });

  const [follow, setFollow] = createSignal(0);
  // A media message I just picked: go to the newest message, as for a text.
  let waitingCount = outboxEntries().get(id)?.length ?? 0;
  createEffect(() => {
    const count = outboxEntries().get(id)?.length ?? 0;
    if (count > waitingCount) setFollow((n) => n + 1);
    waitingCount = count;
  });
  const [editing, setEditing] = createSignal<Editing | null>(null);
  const [replyingId, setReplyingId] = createSignal<string | null>(null);
  const [panel, setPanel] = createSignal<{ kind: 'settings' } | { kind: 'thread'; rootId: string } | null>(null);
  const [historyId, setHistoryId] = createSignal<string | null>(null);
  // Escape closes the side panel, unless something inside used it (cancel an edit or a reply, close a dialog).
  const onEscape = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape' || e.defaultPrevented || panel() === null || deleting() !== null || historyId() !== null) return;
    setPanel(null);
  };
  document.addEventListener('keydown', onEscape);
  onCleanup(() => document.removeEventListener('keydown', onEscape));
  const [deleting, setDeleting] = createSignal<MessageView | null>(null);
  const { flashId, flash } = createFlash();
  const search = createSearchState(index);
  // Nothing is written before the cached document is in: a write must follow what it already holds.
  const canWrite = (): boolean => loaded() && (access() === 'ok' || access() === 'rate_limited');
  let list: ListController | undefined;

  const newCount = createNewCount({ index, timeline, atBottom, me: me.id });

  const replying = createMemo((): Replying | null => {
    const msgId = replyingId();
    if (msgId === null) return null;
    const original = rowContext.lookup(msgId);
    if (!original) return null;
    return { id: msgId, authorName: original.author === me.id ? 'yourself' : nameOf(original.author), snippet: snippetOf(original) };
  });

  /** Scroll the timeline to a message however far up it is; a thread reply opens its thread. */
  const goTo = (msgId: string, highlight: boolean): void => {
    const shown = messages();
    const at = shown === timeline() ? index.timelineIndexOf(msgId) : shown.findIndex((m) => m.id === msgId);
    if (at < 0) {
      const root = index.get(msgId)?.threadOf;
      if (root !== undefined) setPanel({ kind: 'thread', rootId: root });
      return;
    }
    list?.scrollToIndex(at, 'center');
    if (highlight) flash(msgId);
  };

  const rowContext: RowContext = {
    me: me.id,
    inThread: false,
    canWrite,
    nameOf,
    lookup: (msgId) => {
      allMessages();
      return preview()?.lookup(msgId) ?? index.get(msgId);
    },
    threadSummary: (rootId) => {
      allMessages();
      return preview()?.threadSummary(rootId) ?? index.threadSummary(rootId);
    },
    searchTokens: search.tokens,
    currentMatchId: search.currentId,
    flashId,
    now,
    onReply: (m) => {
      setEditing(null);
      setReplyingId(m.id);
    },
    onOpenThread: (m) => setPanel({ kind: 'thread', rootId: m.id }),
    onReact: (m, emoji) => doc.react(m.id, emoji),
    onQuoteClick: (msgId) => goTo(msgId, true),
    onHistory: (m) => setHistoryId(m.id),
  };

  const stateOf = (message: MessageView) => {
    if (message.author !== me.id || message.deleted) return undefined;
    const shown = preview();
    if (shown) return shown.stateOf(message.id);
    serverState();
    receipts();
    return doc.messageState(message, memberIds());
  };

  const submit = (text: string): string | null => {
    if (!loaded()) return 'Still opening this conversation. Try again in a moment.';
    try {
      const edit = editing();
      if (edit) {
        doc.edit(edit.id, text);
        setEditing(null);
      } else {
        const replyTo = replyingId();
        doc.send(text, replyTo === null ? {} : { replyTo });
        setReplyingId(null);
        setFollow((n) => n + 1);
      }
      return null;
    } catch (e) {
      if (isRuleError(e)) return e.message;
      throw e;
    }
  };
  const remove = (message: MessageView): void => {
    setDeleting(message);
  };
  const confirmRemove = (): void => {
    const message = deleting();
    setDeleting(null);
    if (!message) return;
    if (editing()?.id === message.id) setEditing(null);
    if (replyingId() === message.id) setReplyingId(null);
    doc.remove(message.id);
  };

  const accessProblem = (): string | undefined => {
    switch (access()) {
      case 'forbidden':
        return isGroup()
          ? 'You are no longer a member of this group. What you already have stays here, but you cannot send.'
          : 'You are no longer a member of this conversation.';
      case 'too_large':
        return 'A change was too large for the server; it was not sent.';
      case 'rate_limited':
        return 'Sending too fast. Trying again in a moment…';
      case 'unauthenticated':
        return 'Your session ended. Please log in again.';
      default:
        return undefined;
    }
  };

  return (
    <section class="conversation" data-testid="conversation" data-conversation-id={id} data-access={access()} data-panel={panel()?.kind} data-loaded={loaded() ? 'true' : 'false'} data-preview={preview() !== null ? 'true' : undefined} {...drop.handlers}>
      <drop.Hint />
      <div class="conversation-main" data-testid="conversation-main">
        <ConversationHeader
          title={title()}
          avatarId={other()?.id ?? id}
          online={presence()?.online}
          subtitle={isGroup() ? `${conversation()?.members.length ?? 0} members` : formatPresence(presence(), now())}
          typing={typing().length > 0 ? typingText(typing(), isGroup()) : null}
          searchOpen={search.open()}
          detailsOpen={panel()?.kind === 'settings'}
          onBack={() => app.router.navigate({ name: 'home' })}
          onSearch={() => search.setOpen(!search.open())}
          onDetails={() => setPanel(panel()?.kind === 'settings' ? null : { kind: 'settings' })}
        />
        <Show when={accessProblem() && access() !== 'rate_limited'}>
          <div class="banner" role="status" data-testid="access-banner">
            {accessProblem()}
          </div>
        </Show>
        <Show when={search.open()}>
          <SearchBar state={search} onCurrent={(msgId) => goTo(msgId, false)} />
        </Show>
        <RowContextProvider value={rowContext}>
          <Show when={ready()} fallback={<div class="messages-frame loading" aria-busy="true" />}>
            <MessageList
              count={messages().length}
              keyOf={(index) => shownNow[index]?.id ?? String(index)}
              follow={follow()}
              onAtBottom={setAtBottom}
              onSettled={() => setSettled(true)}
              controller={(c) => (list = c)}
              newCount={newCount()}
              empty={
                <div class="messages-empty">
                  <p>No messages yet.</p>
                  <p class="muted">Say hello 👋</p>
                </div>
              }
              row={(index) => (
                <Show when={messages()[index]}>
                  {(message) => (
                    <MessageRow
                      message={message()}
                      previous={messages()[index - 1]}
                      mine={message().author === me.id}
                      group={isGroup()}
                      authorName={nameOf(message().author)}
                      state={stateOf(message())}
                      onEdit={(m) => {
                        setReplyingId(null);
                        setEditing({ id: m.id, text: m.text ?? '' });
                      }}
                      onDelete={remove}
                    />
                  )}
                </Show>
              )}
            />
          </Show>
        </RowContextProvider>
        <Composer
          disabled={access() !== 'ok' && access() !== 'rate_limited'}
          disabledReason={accessProblem()}
          editing={editing()}
          onCancelEdit={() => setEditing(null)}
          replying={replying()}
          onCancelReply={() => setReplyingId(null)}
          onSubmit={submit}
          onTyping={(hasText) => doc.composing(hasText)}
          media={media}
        />
      </div>
      <Show when={panel()}>
        {(open) => (
          <aside class="side-panel" data-testid="side-panel">
            <Switch>
              <Match when={open().kind === 'settings'}>
                <SettingsPanel
                  conversation={conversation()}
                  meta={meta()}
                  canWrite={canWrite()}
                  onClose={() => setPanel(null)}
                  onLeft={() => app.router.navigate({ name: 'home' })}
                />
              </Match>
              <Match when={threadRoot(open())}>
                {(rootId) => (
                  <Show when={rootId()} keyed>
                    {(root) => (
                      <ThreadPanel
                        doc={doc}
                        rootId={root}
                        base={rowContext}
                        version={allMessages}
                        group={isGroup()}
                        disabledReason={accessProblem()}
                        stateOf={stateOf}
                        onDelete={remove}
                        onClose={() => setPanel(null)}
                      />
                    )}
                  </Show>
                )}
              </Match>
            </Switch>
          </aside>
        )}
      </Show>
      <Show when={deleting()}>
        <ConfirmDialog title="Delete this message for everyone?" confirmLabel="Delete" danger onConfirm={confirmRemove} onCancel={() => setDeleting(null)}>
          <p class="muted">It disappears from every device; “Message deleted” stays in its place.</p>
        </ConfirmDialog>
      </Show>
      <Show when={historyId()}>
        {(msgId) => <EditHistoryDialog message={rowContext.lookup(msgId())} onClose={() => setHistoryId(null)} />}
      </Show>
    </section>
  );
}

function threadRoot(panel: { kind: 'settings' } | { kind: 'thread'; rootId: string }): string | undefined {
  return panel.kind === 'thread' ? panel.rootId : undefined;
}

function typingText(users: readonly TypingUser[], group: boolean): string {
  if (!group) return 'typing…';
  const [first, second] = users;
  if (users.length === 1 && first) return `${first.name} is typing…`;
  if (users.length === 2 && first && second) return `${first.name} and ${second.name} are typing…`;
  return `${users.length} people are typing…`;
}
