/**
 * The Solid side of the runtime's stores: a signal that follows a
 * `{get, subscribe}` store and unsubscribes when its owner is cleaned up.
 */
import { type Accessor, createSignal, onCleanup } from 'solid-js';
import type { Readable } from '../runtime/store.js';

export function createReadable<T>(store: Readable<T>): Accessor<T> {
  const [value, setValue] = createSignal<T>(store.get(), { equals: false });
  const unsubscribe = store.subscribe((next) => setValue(() => next));
  onCleanup(unsubscribe);
  return value;
}

/** A signal that is true while the page is visible and focused. */
export function createPageAttention(): Accessor<boolean> {
  const read = (): boolean => document.visibilityState === 'visible' && document.hasFocus();
  const [attention, setAttention] = createSignal(read());
  const update = (): void => void setAttention(read());
  document.addEventListener('visibilitychange', update);
  window.addEventListener('focus', update);
  window.addEventListener('blur', update);
  onCleanup(() => {
    document.removeEventListener('visibilitychange', update);
    window.removeEventListener('focus', update);
    window.removeEventListener('blur', update);
  });
  return attention;
}

/** A clock that ticks every `ms` (for "5 min ago" labels). */
export function createNow(ms = 30_000): Accessor<number> {
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), ms);
  onCleanup(() => clearInterval(timer));
  return now;
}
