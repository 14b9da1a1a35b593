/**
 * Write policy of `inbox:<userId>` documents: the server writes `conversations`;
 * the owner may only write plain preference entries under `prefs`.
 */
import * as Y from 'yjs';
import { InboxPrefs, InboxRoot } from '../shared/doc/schema.js';
import type { DocPolicy } from './validate-update.js';

export const inboxPolicy: DocPolicy<null> = {
  begin() {
    return {
      collect: () => null,
      check({ placement, content }) {
        if (placement.kind !== 'root' || placement.root !== InboxRoot.prefs) return 'inbox: only prefs may be written';
        if (placement.key === null || placement.key.length > 64) return 'inbox: prefs need a conversation key';
        if (content instanceof Y.ContentDeleted) return null;
        if (content instanceof Y.ContentAny && content.arr.length === 1 && InboxPrefs.safeParse(content.arr[0]).success) {
          return null;
        }
        return 'inbox: invalid prefs';
      },
      accepted: () => null,
    };
  },
};
