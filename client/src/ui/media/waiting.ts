/**
 * Whether a message is still in the media outbox (not in the conversation
 * yet): such a row offers no reactions, replies, edits or deletion, which
 * would name a message the server does not know; its upload has a cancel.
 */
import { type Accessor, createMemo } from 'solid-js';
import { useApp } from '../context.js';
import { createReadable } from '../reactive.js';

export function createWaiting(message: () => { id: string; author: string }): Accessor<boolean> {
  const app = useApp();
  const entries = createReadable(app.messenger.outbox.entries);
  return createMemo(() => {
    const { id, author } = message();
    if (author !== app.messenger.user.id) return false;
    for (const list of entries().values()) if (list.some((e) => e.item.id === id)) return true;
    return false;
  });
}
