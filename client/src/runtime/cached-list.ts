/**
 * A list fetched from the API and cached in localStorage: shown at once from
 * the cache (also offline), refreshed from the server when asked.
 */
import { z } from 'zod';
import { errorMessage, isOfflineError } from './api.js';
import { type KeyValueStorage, readJson, writeJson } from './storage.js';
import { type Readable, makeWritable } from './store.js';

export interface ListState<T> {
  items: readonly T[];
  /** Whether the items came from the server in this session (not only from the cache). */
  fresh: boolean;
  loading: boolean;
  /** Last refresh error, fit to show; null when fine or merely offline. */
  error: string | null;
}

export interface CachedList<T> extends Readable<ListState<T>> {
  refresh(): Promise<void>;
  /** Replace the items (after a local change the server confirmed). */
  set(items: readonly T[]): void;
}

export function makeCachedList<S extends z.ZodType>(options: {
  storage: KeyValueStorage;
  key: string;
  item: S;
  fetch: () => Promise<z.infer<S>[]>;
}): CachedList<z.infer<S>> {
  type T = z.infer<S>;
  const cached = readJson(options.storage, options.key, z.array(options.item));
  const state = makeWritable<ListState<T>>({ items: cached ?? [], fresh: false, loading: false, error: null });
  let inFlight: Promise<void> | null = null;

  const set = (items: readonly T[]): void => {
    writeJson(options.storage, options.key, items);
    state.set({ items, fresh: true, loading: false, error: null });
  };

  const refresh = (): Promise<void> => {
    // Coalesce: several triggers at once make one request.
    if (inFlight) return inFlight;
    state.update((s) => ({ ...s, loading: true }));
    inFlight = options
      .fetch()
      .then(set, (error: unknown) => {
        state.update((s) => ({ ...s, loading: false, error: isOfflineError(error) ? null : errorMessage(error) }));
      })
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  };

  return { get: state.get, subscribe: state.subscribe, refresh, set };
}
