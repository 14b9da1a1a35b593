/**
 * One open conversation: header (title, presence or member count, typing),
 * the message list and the composer. The document comes from the pool for as
 * long as this view lives; my receipts say "seen" while the page is visible,
 * focused and scrolled to the bottom.
 */
import { Show, createEffect, createMemo, createSignal, onCleanup } from 'solid-js';
import type { MessageView } from '../../../shared/doc/conversation.js';
import { isRuleError } from '../../../shared/doc/rules.js';
import { conversationTitle, otherMember } from '../runtime/conversations.js';
import type { TypingUser } from '../runtime/conversation-doc.js';
import { Avatar } from './Avatar.jsx';
import { Composer, type Editing } from './Composer.jsx';
import { useApp } from './context.js';
import { formatPresence } from './format.js';
import { BackIcon } from './icons.jsx';
import { MessageList } from './MessageList.jsx';
import { MessageRow } from './MessageRow.jsx';
import { createNow, createPageAttention, createReadable } from './reactive.js';

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
  const connection = createReadable(app.messenger.connection);
  const loaded = createReadable(doc.loaded);
  const synced = createReadable(doc.synced);
  const access = createReadable(doc.access);
  const typing = createReadable(doc.typingUsers);
  const serverState = createReadable(doc.serverState);
  const receipts = createReadable(doc.receiptsVersion);
  const messages = createReadable(doc.messages().messages);
  const attention = createPageAttention();
  const now = createNow();

  const conversation = createMemo(() => conversations().items.find((c) => c.id === id));
  const isGroup = (): boolean => conversation()?.kind === 'group';
  const title = (): string => {
    const c = conversation();
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
    return contacts().items.find((c) => c.user.id === o.id)?.presence;
  };
  const memberIds = createMemo(() => conversation()?.members.map((m) => m.user.id) ?? [me.id]);
  const nameOf = (userId: string): string => conversation()?.members.find((m) => m.user.id === userId)?.user.displayName ?? 'Someone';

  // Open the list once the cache is read; with an empty cache, give the first sync a moment, so it opens once, at the end.
  const [waited, setWaited] = createSignal(false);
  const waitTimer = setTimeout(() => setWaited(true), 1500);
  onCleanup(() => clearTimeout(waitTimer));
  const ready = (): boolean => loaded() && (messages().length > 0 || synced() || waited() || connection() === 'offline');

  const [atBottom, setAtBottom] = createSignal(true);
  const [settled, setSettled] = createSignal(false);
  createEffect(() => doc.setViewing(attention() && atBottom() && settled()));

  // Removed from the conversation: the list no longer holds it either.
  createEffect(() => {
    if (access() === 'forbidden') void app.messenger.conversations.refresh();
  });

  const [follow, setFollow] = createSignal(0);
  const [editing, setEditing] = createSignal<Editing | null>(null);

  const stateOf = (message: MessageView) => {
    if (message.author !== me.id || message.deleted) return undefined;
    serverState();
    receipts();
    return doc.messageState(message, memberIds());
  };

  const submit = (text: string): string | null => {
    try {
      const edit = editing();
      if (edit) {
        doc.edit(edit.id, text);
        setEditing(null);
      } else {
        doc.send(text);
        setFollow((n) => n + 1);
      }
      return null;
    } catch (e) {
      if (isRuleError(e)) return e.message;
      throw e;
    }
  };
  const remove = (message: MessageView): void => {
    if (!window.confirm('Delete this message for everyone?')) return;
    if (editing()?.id === message.id) setEditing(null);
    doc.remove(message.id);
  };

  const accessProblem = (): string | undefined => {
    switch (access()) {
      case 'forbidden':
        return 'You are no longer a member of this conversation.';
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
    <section class="conversation" data-testid="conversation" data-conversation-id={id} data-access={access()}>
      <header class="conversation-header">
        <button class="icon-button back" aria-label="Back to chats" data-testid="back" onClick={() => app.router.navigate({ name: 'home' })}>
          <BackIcon />
        </button>
        <Avatar id={other()?.id ?? id} name={title()} online={presence()?.online} />
        <div class="conversation-header-text">
          <h2 class="conversation-header-title" data-testid="conversation-title">
            {title()}
          </h2>
          <div class="conversation-header-sub">
            <Show
              when={typing().length > 0}
              fallback={
                <span classList={{ online: presence()?.online === true }} data-testid="conversation-subtitle">
                  {isGroup() ? `${conversation()?.members.length ?? 0} members` : formatPresence(presence(), now())}
                </span>
              }
            >
              <span class="typing" data-testid="typing-indicator">
                {typingText(typing(), isGroup())}
              </span>
            </Show>
          </div>
        </div>
      </header>
      <Show when={accessProblem() && access() !== 'rate_limited'}>
        <div class="banner" role="status" data-testid="access-banner">
          {accessProblem()}
        </div>
      </Show>
      <Show when={ready()} fallback={<div class="messages-frame loading" aria-busy="true" />}>
        <MessageList
          count={messages().length}
          keyOf={(index) => messages()[index]?.id ?? String(index)}
          follow={follow()}
          onAtBottom={setAtBottom}
          onSettled={() => setSettled(true)}
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
                  onEdit={(m) => setEditing({ id: m.id, text: m.text ?? '' })}
                  onDelete={remove}
                />
              )}
            </Show>
          )}
        />
      </Show>
      <Composer
        disabled={access() !== 'ok' && access() !== 'rate_limited'}
        disabledReason={accessProblem()}
        editing={editing()}
        onCancelEdit={() => setEditing(null)}
        onSubmit={submit}
        onTyping={(hasText) => doc.composing(hasText)}
      />
    </section>
  );
}

function typingText(users: readonly TypingUser[], group: boolean): string {
  if (!group) return 'typing…';
  const [first, second] = users;
  if (users.length === 1 && first) return `${first.name} is typing…`;
  if (users.length === 2 && first && second) return `${first.name} and ${second.name} are typing…`;
  return `${users.length} people are typing…`;
}
