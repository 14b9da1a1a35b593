/**
 * What the API needs from the sync server, as an interface: main.ts wires the
 * real sync server in; API tests pass a recording fake.
 */
import type { ConversationKind } from '../shared/doc/schema.js';

export interface ConversationMetaChange {
  id: string;
  kind: ConversationKind;
  title: string;
  keepEditHistory: boolean;
}

export interface SyncPort {
  /** A conversation was created or its settings changed: write them into `meta` of `conv:<id>`. */
  writeConversationMeta(change: ConversationMetaChange): Promise<void>;
  /** The conversation's member list changed: update inboxes and close a removed member's sockets at once. */
  membersChanged(conversationId: string, removedUserIds: readonly string[]): void;
  /** Close every socket opened with this session (logout, password change). */
  closeSession(sessionId: string): void;
  /** Whether the user has a socket open right now. */
  isOnline(userId: string): boolean;
  /** Whose presence the user sees changed (contact added or removed, direct conversation started): their inbox must follow. */
  contactsChanged(userId: string): void;
  /** The media ids that messages (not deleted) of the conversation carry. */
  referencedMedia(conversationId: string): ReadonlySet<string>;
}
