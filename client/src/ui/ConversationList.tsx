/** The conversation list: title, last message, time and unread count from the inbox, newest first. */
import { For, Show, createMemo } from 'solid-js';
import type { Conversation } from '../../../shared/api.js';
import type { InboxEntry } from '../../../shared/doc/schema.js';
import { conversationTitle, otherMember } from '../runtime/conversations.js';
import { type LastMessage, newestLast } from '../runtime/local-last.js';
import { Avatar } from './Avatar.jsx';
import { useApp } from './context.js';
import { formatListTime } from './format.js';
import { createNow, createReadable } from './reactive.js';

interface Row {
  conversation: Conversation;
  entry: InboxEntry | undefined;
  /** The inbox's last message, or mine if I wrote a newer one it does not have yet. */
  last: LastMessage | null;
}

const activity = (row: Row): number => row.last?.hlc ?? row.entry?.updatedAt ?? row.conversation.createdAt;

export function ConversationList(props: { selectedId: string | null }) {
  const app = useApp();
  const me = app.messenger.user.id;
  const conversations = createReadable(app.messenger.conversations);
  const entries = createReadable(app.messenger.inbox.entries);
  const mine = createReadable(app.messenger.localLast);
  const contacts = createReadable(app.messenger.contacts);
  const livePresence = createReadable(app.messenger.inbox.presence);
  const connection = createReadable(app.messenger.connection);
  const now = createNow(60_000);

  // Keyed by the conversation objects (stable between inbox changes), so rows are reused, not rebuilt.
  const sorted = createMemo<Conversation[]>(() => {
    const byId = entries();
    return conversations()
      .items.map((conversation) => {
        const entry = byId.get(conversation.id);
        return { conversation, entry, last: newestLast(entry?.lastMessage, mine().get(conversation.id)) };
      })
      .sort((a, b) => activity(b) - activity(a))
      .map((row) => row.conversation);
  });
  const online = (conversation: Conversation): boolean => {
    const other = otherMember(conversation, me);
    if (!other || connection() !== 'online') return false;
    return (livePresence().get(other.id) ?? contacts().items.find((c) => c.user.id === other.id)?.presence)?.online ?? false;
  };
  const preview = (row: Row): string => {
    const last = row.last;
    if (!last) return row.conversation.kind === 'group' ? `${row.conversation.members.length} members` : 'No messages yet';
    const body = last.kind === 'voice' ? '🎤 Voice message' : last.kind === 'media' && last.preview === '' ? '📎 Attachment' : last.preview;
    if (last.author === me) return `You: ${body}`;
    if (row.conversation.kind === 'group') {
      const name = row.conversation.members.find((m) => m.user.id === last.author)?.user.displayName;
      if (name) return `${name.split(/\s+/)[0] ?? name}: ${body}`;
    }
    return body;
  };

  return (
    <div class="conversation-list" role="list">
      <Show when={sorted().length > 0} fallback={<EmptyList loading={conversations().loading} error={conversations().error} />}>
        <For each={sorted()}>
          {(conversation) => {
            const row: Row = {
              conversation,
              get entry() {
                return entries().get(conversation.id);
              },
              get last() {
                return newestLast(entries().get(conversation.id)?.lastMessage, mine().get(conversation.id));
              },
            };
            const title = (): string => conversationTitle(row.conversation, me);
            const unread = (): number => (props.selectedId === row.conversation.id ? 0 : (row.entry?.unread ?? 0));
            return (
              <button
                class="conversation-item"
                role="listitem"
                data-testid="conversation-item"
                data-conversation-id={row.conversation.id}
                aria-current={props.selectedId === row.conversation.id ? 'true' : undefined}
                onClick={() => app.router.navigate({ name: 'conversation', id: row.conversation.id })}
              >
                <Avatar id={row.conversation.kind === 'direct' ? (otherMember(row.conversation, me)?.id ?? row.conversation.id) : row.conversation.id} name={title()} online={online(row.conversation)} />
                <div class="conversation-item-body">
                  <div class="conversation-item-top">
                    <span class="conversation-title">{title()}</span>
                    <Show when={row.last}>
                      {(last) => <span class="conversation-time">{formatListTime(last().sentAt, now())}</span>}
                    </Show>
                  </div>
                  <div class="conversation-item-bottom">
                    <span class="conversation-preview" classList={{ unread: unread() > 0 }}>
                      {preview(row)}
                    </span>
                    <Show when={unread() > 0}>
                      <span class="unread-badge" data-testid="unread-badge" aria-label={`${unread()} unread`}>
                        {unread() > 99 ? '99+' : unread()}
                      </span>
                    </Show>
                  </div>
                </div>
              </button>
            );
          }}
        </For>
      </Show>
    </div>
  );
}

function EmptyList(props: { loading: boolean; error: string | null }) {
  return (
    <div class="list-empty">
      <Show when={!props.loading} fallback={<p class="muted">Loading…</p>}>
        <p>No conversations yet.</p>
        <p class="muted">Find people under Contacts and say hello.</p>
      </Show>
      <Show when={props.error}>
        <p class="form-error">{props.error}</p>
      </Show>
    </div>
  );
}
