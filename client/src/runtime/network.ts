/**
 * Whether the browser believes it is online. Sockets are dropped when it goes
 * offline (a socket can linger half-open for a long time otherwise) and
 * reconnected when it comes back.
 */
import { type Readable, makeWritable } from './store.js';

export interface Network extends Readable<boolean> {
  destroy(): void;
}

export function makeNetwork(target: Pick<Window, 'addEventListener' | 'removeEventListener'> | null = typeof window === 'undefined' ? null : window): Network {
  const online = makeWritable(typeof navigator === 'undefined' ? true : navigator.onLine !== false);
  const up = (): void => online.set(true);
  const down = (): void => online.set(false);
  target?.addEventListener('online', up);
  target?.addEventListener('offline', down);
  return {
    get: online.get,
    subscribe: online.subscribe,
    destroy() {
      target?.removeEventListener('online', up);
      target?.removeEventListener('offline', down);
    },
  };
}

/** A network that is always online, or driven by hand (tests). */
export function makeFixedNetwork(initial = true): Network & { set(online: boolean): void } {
  const online = makeWritable(initial);
  return { get: online.get, subscribe: online.subscribe, set: online.set, destroy() {} };
}
