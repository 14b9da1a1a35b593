import { describe, expect, it } from 'vitest';
import { StoppedError, WaitError, accessError, waitFor } from './outbox-wait.js';
import { makeWritable } from './store.js';

/** A store that counts its subscribers. */
function counted<T>(initial: T) {
  const store = makeWritable(initial);
  let subscribers = 0;
  return {
    ...store,
    subscribers: () => subscribers,
    subscribe(listener: (value: T) => void) {
      subscribers++;
      const off = store.subscribe(listener);
      return () => {
        subscribers--;
        off();
      };
    },
  };
}

describe('outbox waiting', () => {
  it('resolves when the condition comes true and leaves no subscription behind', async () => {
    const synced = counted(false);
    const waiting = waitFor([synced], () => synced.get(), new AbortController().signal);
    expect(synced.subscribers()).toBe(1);
    synced.set(true);
    await waiting;
    expect(synced.subscribers()).toBe(0);
  });

  it('rejects with the error the check gives, and when aborted, leaving nothing behind', async () => {
    const access = counted<string>('ok');
    const failing = waitFor([access], () => (access.get() === 'ok' ? false : new WaitError('later')), new AbortController().signal);
    access.set('rate_limited');
    await expect(failing).rejects.toBeInstanceOf(WaitError);
    expect(access.subscribers()).toBe(0);

    const controller = new AbortController();
    const aborted = waitFor([access], () => false, controller.signal);
    controller.abort(new StoppedError());
    await expect(aborted).rejects.toBeInstanceOf(StoppedError);
    expect(access.subscribers()).toBe(0);
  });

  it('settles at once when the condition already holds, without subscribing', async () => {
    const store = counted(true);
    await waitFor([store], () => store.get(), new AbortController().signal);
    expect(store.subscribers()).toBe(0);
  });

  it('tells refusals (not a member) from waits (rate limit) and stops (session over)', () => {
    expect(accessError('ok')).toBeNull();
    expect(accessError('forbidden')?.name).toBe('RefusedError');
    expect(accessError('rate_limited')).toBeInstanceOf(WaitError);
    expect(accessError('unauthenticated')).toBeInstanceOf(StoppedError);
  });
});
