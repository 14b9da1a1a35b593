/**
 * Search in the open conversation: the state (query, matches, which match is
 * current) over the runtime's lazy search, and the bar under the header with
 * "k of n", previous/next, Enter / Shift+Enter. Match 1 is the newest; "next"
 * goes further back in time.
 */
import { type Accessor, Show, createEffect, createMemo, createSignal, on, onCleanup, onMount } from 'solid-js';
import type { MessageView } from '../../../../shared/doc/conversation.js';
import type { MessageIndex } from '../../runtime/message-index.js';
import { type MessageSearch, makeMessageSearch } from '../../runtime/message-search.js';
import { CloseIcon } from '../icons.jsx';
import { ChevronDownSmallIcon, ChevronUpIcon, SearchIcon } from './icons.jsx';

/** Typing settles this long before a search runs (ms). */
const QUERY_DELAY_MS = 120;

export interface SearchState {
  open: Accessor<boolean>;
  setOpen(open: boolean): void;
  query: Accessor<string>;
  setQuery(query: string): void;
  tokens: Accessor<readonly string[]>;
  matches: Accessor<readonly MessageView[]>;
  /** 1 = the newest match; 0 when there is none. */
  position: Accessor<number>;
  currentId: Accessor<string | null>;
  /** Older match (wraps around). */
  next(): void;
  /** Newer match (wraps around). */
  previous(): void;
}

export function createSearchState(index: MessageIndex): SearchState {
  const [open, setOpenSignal] = createSignal(false);
  const [query, setQuerySignal] = createSignal('');
  const [tokens, setTokens] = createSignal<readonly string[]>([]);
  const [matches, setMatches] = createSignal<readonly MessageView[]>([]);
  const [currentId, setCurrentId] = createSignal<string | null>(null);
  let search: MessageSearch | null = null;
  let offs: Array<() => void> = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  const stop = (): void => {
    clearTimeout(timer);
    for (const off of offs) off();
    offs = [];
    search?.destroy();
    search = null;
    setTokens([]);
    setMatches([]);
    setCurrentId(null);
  };
  const start = (): MessageSearch => {
    if (search) return search;
    const s = makeMessageSearch(index);
    offs = [
      s.tokens.subscribe((t) => setTokens(t)),
      s.matches.subscribe((list) => {
        setMatches(list);
        // Stay on the current match while new messages come; otherwise stand on the newest.
        const id = currentId();
        if (id === null || !list.some((m) => m.id === id)) setCurrentId(list.at(-1)?.id ?? null);
      }),
    ];
    search = s;
    return s;
  };

  const position = createMemo(() => {
    const id = currentId();
    const list = matches();
    if (id === null) return 0;
    const at = list.findIndex((m) => m.id === id);
    return at < 0 ? 0 : list.length - at;
  });
  const step = (delta: number): void => {
    const list = matches();
    if (list.length === 0) return;
    const at = list.findIndex((m) => m.id === currentId());
    const from = at < 0 ? list.length - 1 : at;
    const next = (from + delta + list.length) % list.length;
    setCurrentId(list[next]?.id ?? null);
  };
  onCleanup(stop);

  return {
    open,
    setOpen(next) {
      setOpenSignal(next);
      if (!next) {
        setQuerySignal('');
        stop();
      }
    },
    query,
    setQuery(q) {
      setQuerySignal(q);
      clearTimeout(timer);
      timer = setTimeout(() => {
        const s = start();
        // A new query starts again from the newest match.
        setCurrentId(null);
        s.setQuery(q);
        if (s.tokens.get().length === 0) setMatches([]);
        setCurrentId(s.matches.get().at(-1)?.id ?? null);
      }, QUERY_DELAY_MS);
    },
    tokens,
    matches,
    position,
    currentId,
    next: () => step(-1),
    previous: () => step(1),
  };
}

export function SearchBar(props: { state: SearchState; onCurrent: (id: string) => void }) {
  let input: HTMLInputElement | undefined;
  const s = props.state;
  onMount(() => input?.focus());
  createEffect(
    on(s.currentId, (id) => {
      if (id !== null) props.onCurrent(id);
    }),
  );
  const count = (): string => {
    if (s.query().trim() === '' || s.tokens().length === 0) return '';
    const n = s.matches().length;
    return n === 0 ? 'No results' : `${s.position()} of ${n}`;
  };
  return (
    <div class="search-bar" role="search" data-testid="search-bar">
      <label class="search-field">
        <SearchIcon />
        <input
          ref={input}
          type="search"
          placeholder="Search in this conversation"
          aria-label="Search in this conversation"
          data-testid="search-input"
          value={s.query()}
          onInput={(e) => s.setQuery(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              if (e.shiftKey) s.previous();
              else s.next();
            } else if (e.key === 'Escape') {
              e.preventDefault();
              s.setOpen(false);
            }
          }}
        />
      </label>
      <span class="search-count" data-testid="search-count" aria-live="polite">
        {count()}
      </span>
      <Show when={s.matches().length > 0}>
        <button class="icon-button small" title="Older match (Enter)" aria-label="Older match" data-testid="search-next" onClick={() => s.next()}>
          <ChevronUpIcon />
        </button>
        <button class="icon-button small" title="Newer match (Shift+Enter)" aria-label="Newer match" data-testid="search-prev" onClick={() => s.previous()}>
          <ChevronDownSmallIcon />
        </button>
      </Show>
      <button class="icon-button small" title="Close search" aria-label="Close search" data-testid="search-close" onClick={() => s.setOpen(false)}>
        <CloseIcon />
      </button>
    </div>
  );
}
