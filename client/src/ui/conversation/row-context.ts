/**
 * What a message row needs from the list it sits in (the main timeline or a
 * thread panel): names, lookups, search highlights and the actions. Given
 * through a context so the row's own props stay those of one message.
 */
import { createContext, useContext } from 'solid-js';
import type { MessageView } from '../../../../shared/doc/conversation.js';
import type { ThreadSummary } from '../../runtime/message-index.js';

export interface RowContext {
  me: string;
  /** The thread panel's rows offer no "reply in thread" and show no thread summary. */
  inThread: boolean;
  /** False once the conversation refuses my writes (removed from a group). */
  canWrite(): boolean;
  nameOf(userId: string): string;
  /** The current view of any message (reactive). */
  lookup(msgId: string): MessageView | undefined;
  threadSummary(rootId: string): ThreadSummary;
  /** The search's words, normalised; empty when not searching. */
  searchTokens(): readonly string[];
  /** The search match the list stands on. */
  currentMatchId(): string | null;
  /** The message to flash (the original of a clicked quote). */
  flashId(): string | null;
  now(): number;
  onReply(message: MessageView): void;
  onOpenThread(message: MessageView): void;
  /** My one reaction: an emoji, or null to remove it. */
  onReact(message: MessageView, emoji: string | null): void;
  onQuoteClick(msgId: string): void;
  onHistory(message: MessageView): void;
}

const RowContextKey = createContext<RowContext>();

/** `<RowContextProvider value={…}>` around a list of message rows. */
export const RowContextProvider = RowContextKey.Provider;

export function useRowContext(): RowContext {
  const value = useContext(RowContextKey);
  if (!value) throw new Error('a message row outside of a message list');
  return value;
}
