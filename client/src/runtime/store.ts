/**
 * The runtime's observable values: plain `{get, subscribe}` objects with no
 * framework in them, so the UI layer is a thin adapter (ui/reactive.ts).
 */

export interface Readable<T> {
  get(): T;
  /** Called after every change with the new value; returns the unsubscribe function. */
  subscribe(listener: (value: T) => void): () => void;
}

export interface Writable<T> extends Readable<T> {
  set(value: T): void;
  update(fn: (value: T) => T): void;
}

export function makeWritable<T>(initial: T, equals: (a: T, b: T) => boolean = Object.is): Writable<T> {
  let value = initial;
  const listeners = new Set<(value: T) => void>();
  const set = (next: T): void => {
    if (equals(value, next)) return;
    value = next;
    // Copy: a listener may unsubscribe (or subscribe) while we notify.
    for (const listener of [...listeners]) listener(value);
  };
  return {
    get: () => value,
    set,
    update: (fn) => set(fn(value)),
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

/** A read-only view of a writable store. */
export function readonly<T>(store: Readable<T>): Readable<T> {
  return { get: () => store.get(), subscribe: (fn) => store.subscribe(fn) };
}

/** A value computed from other stores; recomputed when any of them changes. */
export function makeDerived<T>(sources: readonly Readable<unknown>[], compute: () => T, equals: (a: T, b: T) => boolean = Object.is): Readable<T> & { destroy(): void } {
  const out = makeWritable(compute(), equals);
  const unsubscribes = sources.map((s) => s.subscribe(() => out.set(compute())));
  return {
    get: out.get,
    subscribe: out.subscribe,
    destroy: () => {
      for (const u of unsubscribes) u();
    },
  };
}
