/** Object URLs for files on this device (picked, recorded, waiting in the outbox), revoked with their owner. */
import { type Accessor, createMemo, onCleanup } from 'solid-js';

/**
 * URLs for the blobs of message `key()`, made again only when other blobs
 * come, revoked then and on cleanup. When the blobs go (the message left the
 * outbox for the conversation) the URLs stay while the key does: the same
 * bytes stay on screen without a reload or a flash.
 */
export function createObjectUrls(key: Accessor<string>, blobs: Accessor<readonly Blob[] | undefined>): Accessor<readonly string[] | undefined> {
  let made: string[] = [];
  let source: readonly Blob[] | undefined;
  let owner: string | undefined;
  const revoke = (): void => {
    for (const url of made) URL.revokeObjectURL(url);
    made = [];
  };
  onCleanup(revoke);
  return createMemo<readonly string[] | undefined>((previous) => {
    const next = blobs();
    if (key() !== owner) {
      owner = key();
      source = undefined;
      revoke();
      previous = undefined;
    }
    if (next === undefined) return previous;
    if (source !== undefined && next.length === source.length && next.every((b, i) => b === source?.[i])) return previous;
    source = next;
    revoke();
    made = next.map((blob) => URL.createObjectURL(blob));
    return made;
  });
}
