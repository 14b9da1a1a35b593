/**
 * Bench: cost of appending one message at 1k vs 100k history, on the client
 * doc and through the server's validation + apply, for the paged layout
 * (ours) and a flat Y.Array of records (the peer, measured in the same run).
 */
import * as Y from 'yjs';
import * as conversation from '../../shared/doc/conversation.js';
import { makeClock } from '../../shared/doc/hlc.js';
import { ConversationIndex } from '../../sync-server/conversation-index.js';
import { conversationPolicy } from '../../sync-server/conversation-policy.js';
import { validateUpdate } from '../../sync-server/validate-update.js';

export interface AppendResult {
  history: number;
  layout: 'paged' | 'flat';
  clientUsPerAppend: number;
  serverUsPerAppend: number;
}

const SAMPLE = 500;

function fill(doc: Y.Doc, layout: 'paged' | 'flat', n: number): void {
  const clock = makeClock();
  const flat = doc.getArray<conversation.MessageView>('flat');
  // One transaction per 1000 like a long-lived conversation loaded from a snapshot.
  for (let start = 0; start < n; start += 1000) {
    doc.transact(() => {
      for (let i = start; i < Math.min(n, start + 1000); i++) {
        if (layout === 'paged') conversation.sendMessage(doc, clock, { author: 'u1', text: `message number ${i}` });
        else flat.push([{ id: `m${i}`, author: 'u1', hlc: i + 1, sentAt: i + 1, kind: 'text', text: `message number ${i}`, reactions: new Map() }]);
      }
    });
  }
}

export function benchAppend(history: number, layout: 'paged' | 'flat'): AppendResult {
  const client = new Y.Doc();
  fill(client, layout, history);
  const server = new Y.Doc({ gc: true });
  Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
  const index = ConversationIndex.build(server);
  const policy = conversationPolicy(index);
  const owners = { ownerOf: (c: number) => (c === client.clientID ? 'u1' : undefined) };

  const updates: Uint8Array[] = [];
  client.on('update', (u: Uint8Array) => updates.push(u));
  const clock = makeClock();
  const flat = client.getArray<object>('flat');
  const t0 = performance.now();
  for (let i = 0; i < SAMPLE; i++) {
    if (layout === 'paged') conversation.sendMessage(client, clock, { author: 'u1', text: `new ${i}` });
    else flat.push([{ id: `n${i}`, author: 'u1', hlc: Date.now(), sentAt: Date.now(), kind: 'text', text: `new ${i}` }]);
  }
  const t1 = performance.now();
  const now = Date.now();
  for (const u of updates) {
    if (layout === 'paged') {
      const verdict = validateUpdate(server, u, 'u1', owners, policy, now);
      if (!verdict.ok) throw new Error(verdict.reason);
    }
    Y.applyUpdate(server, u);
  }
  const t2 = performance.now();
  return {
    history,
    layout,
    clientUsPerAppend: ((t1 - t0) * 1000) / SAMPLE,
    serverUsPerAppend: ((t2 - t1) * 1000) / SAMPLE,
  };
}
