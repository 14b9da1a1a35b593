/**
 * Search in one conversation: the timeline and the threads (a match in a
 * thread opens it). Nothing is computed until the first
 * query: then each message's text is normalised once (cached per view, so an
 * edited message is normalised again and nothing else is), and while a query
 * stands the matches follow the index's changes instead of rescanning.
 */
import type { MessageView } from '../../../shared/doc/conversation.js';
import { matchesTokens, normalizeForSearch, searchTokens } from '../../../shared/text/search.js';
import type { MessageIndex } from './message-index.js';
import { insertOrdered, removeOrdered } from './ordered.js';
import { type Readable, makeWritable } from './store.js';

export interface MessageSearch {
  /** The query's words, normalised (what the rows highlight). */
  readonly tokens: Readable<readonly string[]>;
  /** Messages (thread replies too) that hold every word, in display order. */
  readonly matches: Readable<readonly MessageView[]>;
  setQuery(query: string): void;
  destroy(): void;
}

export function makeMessageSearch(
  index: Pick<MessageIndex, 'messages' | 'get' | 'onChange'>,
  normalize: (text: string) => string = normalizeForSearch,
): MessageSearch {
  const normalized = new WeakMap<MessageView, string>();
  const tokens = makeWritable<readonly string[]>([], sameWords);
  const matches = makeWritable<readonly MessageView[]>([]);
  let current: MessageView[] = [];

  const textOf = (view: MessageView): string => {
    let text = normalized.get(view);
    if (text === undefined) normalized.set(view, (text = view.text === undefined ? '' : normalize(view.text)));
    return text;
  };
  const hit = (view: MessageView, words: readonly string[]): boolean => !view.deleted && view.text !== undefined && matchesTokens(textOf(view), words);

  const scan = (): void => {
    const words = tokens.get();
    current = words.length === 0 ? [] : index.messages.get().filter((view) => hit(view, words));
    matches.set(current.slice());
  };

  const off = index.onChange((change) => {
    const words = tokens.get();
    if (words.length === 0) return;
    if (change.rebuilt) return scan();
    let changed = false;
    for (const view of change.removed) if (removeOrdered(current, view)) changed = true;
    for (const view of change.added) {
      // Only what is still current.
      if (index.get(view.id) !== view || !hit(view, words)) continue;
      insertOrdered(current, view);
      changed = true;
    }
    if (changed) matches.set(current.slice());
  });

  return {
    tokens,
    matches,
    setQuery(query) {
      const before = tokens.get();
      tokens.set(searchTokens(query));
      if (tokens.get() !== before) scan();
    },
    destroy: off,
  };
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((w, i) => w === b[i]);
}
