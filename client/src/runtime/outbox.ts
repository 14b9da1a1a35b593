/**
 * The media outbox (ARCHITECTURE §6): a media or voice message is kept in
 * IndexedDB the moment it is picked and shown at once as "sending"; while
 * there is a network its files are uploaded one after another (with progress,
 * cancellable), and once all are on the server the record is appended to the
 * conversation. Exactly once: the message id is fixed when picked, each
 * upload's media id is saved before the next step, the record is only
 * appended when the document does not hold that id yet, and the item leaves
 * the outbox only after the server has stored the record.
 */
import * as conversation from '../../../shared/doc/conversation.js';
import { RuleError, checkRecord, isRuleError } from '../../../shared/doc/rules.js';
import { isApiError } from './api.js';
import type { ConversationDoc } from './conversation-doc.js';
import { type Upload, type UploadProgress, isAbortError, isRetryable } from './media-upload.js';
import { RefusedError, StoppedError, WaitError, accessError, refusalMessage, waitFor } from './outbox-wait.js';
import type { OutboxFile, OutboxItem, OutboxStore } from './outbox-store.js';
import { nextHlc, recordOf } from './outbox-view.js';
import { type Readable, makeWritable } from './store.js';

/** What the outbox needs of an open conversation document. */
export type OutboxDoc = Pick<ConversationDoc, 'doc' | 'loaded' | 'synced' | 'access' | 'serverState' | 'isStored'>;

export type OutboxState = 'waiting' | 'uploading' | 'sending' | 'failed';

export interface OutboxEntry {
  readonly item: OutboxItem;
  readonly state: OutboxState;
}

/** A media message as picked: its files measured, not uploaded. */
export interface OutboxDraft {
  conversationId: string;
  kind: 'media' | 'voice';
  text?: string;
  replyTo?: string;
  threadOf?: string;
  files: Array<Omit<OutboxFile, 'uploaded'>>;
  /** The highest hlc the conversation shows, so the new message sorts after it. */
  highestShown: number;
}

export interface OutboxOptions {
  userId: string;
  store: OutboxStore;
  upload: Upload;
  docs: { acquire(conversationId: string): OutboxDoc; release(conversationId: string): void };
  network: Readable<boolean>;
  /** Keep an uploaded file as its served answer (the offline media cache). */
  keep?: (mediaId: string, file: Blob, mime: string) => Promise<void>;
  /** Take back a file already uploaded for an item that was cancelled (frees the quota). */
  discard?: (mediaId: string) => Promise<void>;
  /** Waits before retrying after a failure that may pass (no answer, 5xx, 429). */
  retryDelaysMs?: readonly number[];
  now?: () => number;
}

export interface Outbox {
  /** Waiting items per conversation, in display order. */
  readonly entries: Readable<ReadonlyMap<string, readonly OutboxEntry[]>>;
  /** Upload progress per item, over all its files. */
  readonly progress: Readable<ReadonlyMap<string, UploadProgress>>;
  /** Resolves once the items saved before this page loaded are in `entries`. */
  readonly ready: Promise<void>;
  add(draft: OutboxDraft): Promise<OutboxItem>;
  /** Stop and forget an item that is not in the conversation yet; false when it already is. */
  cancel(itemId: string): Promise<boolean>;
  /** Try a failed item again. */
  retry(itemId: string): void;
  destroy(): Promise<void>;
  /** Destroy and delete every waiting item (sign-out). */
  wipe(): Promise<void>;
}

const DEFAULT_RETRY_DELAYS = [2_000, 5_000, 15_000, 30_000, 60_000];

export function makeOutbox(options: OutboxOptions): Outbox {
  const { store, upload, docs, network, userId } = options;
  const now = options.now ?? Date.now;
  const retryDelays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS;
  const items = new Map<string, OutboxItem>();
  const states = new Map<string, OutboxState>();
  const entries = makeWritable<ReadonlyMap<string, readonly OutboxEntry[]>>(new Map());
  const progress = makeWritable<ReadonlyMap<string, UploadProgress>>(new Map());
  const cancelled = new Set<string>();
  /** Aborts the upload or wait of the item in progress. */
  const active = new Map<string, AbortController>();
  /** Items appended and waiting for the server's "stored". */
  const confirming = new Set<string>();
  const stopped = new AbortController();
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let destroyed = false;
  /** Store writes in order, so a cancel never races an update of the same item. */
  let writes: Promise<void> = Promise.resolve();
  const serial = (write: () => Promise<void>): Promise<void> => {
    const next = writes.then(write);
    writes = next.catch(() => undefined);
    return next;
  };

  const publish = (): void => {
    const byConversation = new Map<string, OutboxEntry[]>();
    const sorted = [...items.values()].sort(conversation.compareOrder);
    for (const item of sorted) {
      let list = byConversation.get(item.conversationId);
      if (!list) byConversation.set(item.conversationId, (list = []));
      list.push({ item, state: states.get(item.id) ?? 'waiting' });
    }
    entries.set(byConversation);
  };
  const setState = (id: string, state: OutboxState): void => {
    if (states.get(id) === state) return;
    states.set(id, state);
    publish();
  };
  const setProgress = (id: string, value: UploadProgress | null): void => {
    const next = new Map(progress.get());
    if (value === null) next.delete(id);
    else next.set(id, value);
    progress.set(next);
  };
  const forget = (id: string): void => {
    items.delete(id);
    states.delete(id);
    if (progress.get().has(id)) setProgress(id, null);
    publish();
  };

  const save = (item: OutboxItem): Promise<void> =>
    serial(async () => {
      if (!cancelled.has(item.id) && !destroyed) await store.put(item);
    });

  const ready = store
    .all()
    .then((saved) => {
      for (const item of saved) {
        if (item.author !== userId || items.has(item.id)) continue;
        items.set(item.id, item);
        states.set(item.id, item.failed === undefined ? 'waiting' : 'failed');
      }
      publish();
      kick();
    })
    .catch((error: unknown) => console.error('could not read the media outbox', error));

  const uploadFiles = async (item: OutboxItem, signal: AbortSignal): Promise<void> => {
    const total = item.files.reduce((sum, f) => sum + f.blob.size, 0);
    let done = item.files.reduce((sum, f) => sum + (f.uploaded ? f.blob.size : 0), 0);
    for (let i = 0; i < item.files.length; i++) {
      const file = item.files[i];
      if (!file || file.uploaded) continue;
      setState(item.id, 'uploading');
      setProgress(item.id, { loaded: done, total });
      const base = done;
      const media = await upload({
        conversationId: item.conversationId,
        file: file.blob,
        ...(file.name !== undefined ? { name: file.name } : {}),
        signal,
        onProgress: (p) => setProgress(item.id, { loaded: base + Math.min(p.loaded, file.blob.size), total }),
      });
      done += file.blob.size;
      const files = item.files.slice();
      files[i] = { ...file, uploaded: { mediaId: media.id, mime: media.mime, size: media.size } };
      item = { ...item, files };
      if (cancelled.has(item.id)) return;
      items.set(item.id, item);
      // Saved before anything else happens: a retry after a crash reuses this upload.
      await save(item);
      options.keep?.(media.id, file.blob, media.mime).catch((error: unknown) => console.warn('could not keep the uploaded file offline', error));
    }
    setProgress(item.id, { loaded: total, total });
  };

  /** Append the record unless the document already has it; then drop the item once the server stored it. */
  const send = async (item: OutboxItem, signal: AbortSignal): Promise<void> => {
    setState(item.id, 'sending');
    const doc = docs.acquire(item.conversationId);
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      docs.release(item.conversationId);
    };
    try {
      // Loaded and synced first, so a record that reached the server before a crash is seen and not appended twice.
      await waitFor([doc.loaded, doc.synced, doc.access], () => accessError(doc.access.get()) ?? (doc.loaded.get() && doc.synced.get()), signal);
      if (cancelled.has(item.id)) return;
      const inDocument = conversation.findRecord(doc.doc, item.id) !== null || conversation.roots(doc.doc).deleted.has(item.id);
      if (!inDocument) {
        const time = now();
        const record = recordOf(item, conversation.makeDocClock(doc.doc), time);
        if (!record) throw new RefusedError('A file of this message was not uploaded.');
        const refusal = checkRecord(userId, record, time);
        if (refusal) throw new RuleError(refusal);
        conversation.appendRecord(doc.doc, record);
      }
      confirming.add(item.id);
      setProgress(item.id, null);
      // Waiting for "stored" does not hold up the next item.
      // (Deleted for everyone meanwhile: nothing left to confirm.)
      const { deleted } = conversation.roots(doc.doc);
      void waitFor([doc.serverState], () => doc.isStored(item.id) || deleted.has(item.id), stopped.signal)
        .then(() =>
          serial(async () => {
            await store.remove(item.id);
          }),
        )
        .then(() => {
          confirming.delete(item.id);
          forget(item.id);
        })
        .catch((error: unknown) => {
          confirming.delete(item.id);
          if (!(error instanceof StoppedError)) console.error('could not confirm a sent media message', error);
        })
        .finally(release);
    } catch (error) {
      release();
      throw error;
    }
  };

  const process = async (item: OutboxItem): Promise<void> => {
    // Aborted by a cancel of this item, or when the outbox stops.
    const controller = new AbortController();
    const onStop = (): void => controller.abort(stopped.signal.reason);
    stopped.signal.addEventListener('abort', onStop);
    active.set(item.id, controller);
    try {
      await uploadFiles(item, controller.signal);
      const current = items.get(item.id);
      if (!current || cancelled.has(item.id)) return;
      await send(current, controller.signal);
    } finally {
      active.delete(item.id);
      stopped.signal.removeEventListener('abort', onStop);
    }
  };

  const fail = async (item: OutboxItem, message: string): Promise<void> => {
    const failed = { ...(items.get(item.id) ?? item), failed: message };
    items.set(item.id, failed);
    setState(item.id, 'failed');
    setProgress(item.id, null);
    await save(failed);
  };

  const nextItem = (): OutboxItem | undefined =>
    [...items.values()]
      .filter((item) => item.failed === undefined && !confirming.has(item.id) && !cancelled.has(item.id))
      .sort(conversation.compareOrder)[0];

  const run = async (): Promise<void> => {
    if (running || destroyed) return;
    running = true;
    try {
      for (let item = nextItem(); item && network.get() && !destroyed && retryTimer === undefined; item = nextItem()) {
        try {
          await process(item);
          attempt = 0;
        } catch (error) {
          if (cancelled.has(item.id)) continue;
          if (destroyed || isAbortError(error) || error instanceof StoppedError) {
            // Stopped (sign-out, session over): leave it for the next start.
            if (!destroyed) setState(item.id, 'waiting');
            break;
          }
          if (isApiError(error) && error.status === 401) {
            // The session ended; the app signs out (or, signed in again, sends it).
            setState(item.id, 'waiting');
            break;
          }
          if (isRetryable(error) || error instanceof WaitError) {
            setState(item.id, 'waiting');
            const delay = retryDelays[Math.min(attempt, retryDelays.length - 1)] ?? 30_000;
            attempt++;
            retryTimer = setTimeout(() => {
              retryTimer = undefined;
              kick();
            }, delay);
            break;
          }
          const message = error instanceof RefusedError || isRuleError(error) ? error.message : refusalMessage(error);
          await fail(item, message);
        }
      }
    } finally {
      running = false;
    }
  };
  const kick = (): void => {
    void run().catch((error: unknown) => console.error('the media outbox stopped', error));
  };

  const offNetwork = network.subscribe((online) => {
    if (!online) return;
    // Back online: try at once rather than after the backoff.
    clearTimeout(retryTimer);
    retryTimer = undefined;
    attempt = 0;
    kick();
  });

  const destroy = async (): Promise<void> => {
    if (destroyed) return;
    destroyed = true;
    offNetwork();
    clearTimeout(retryTimer);
    stopped.abort(new StoppedError());
    await writes;
    store.close();
  };

  return {
    entries: { get: entries.get, subscribe: entries.subscribe },
    progress: { get: progress.get, subscribe: progress.subscribe },
    ready,
    async add(draft) {
      await ready;
      const sentAt = now();
      const waiting = [...items.values()].filter((i) => i.conversationId === draft.conversationId);
      const item: OutboxItem = {
        id: conversation.newMessageId(sentAt),
        conversationId: draft.conversationId,
        author: userId,
        kind: draft.kind,
        sentAt,
        hlc: nextHlc(sentAt, draft.highestShown, waiting),
        files: draft.files.map((f) => ({ ...f })),
      };
      const text = draft.text?.trim();
      if (text) item.text = text;
      if (draft.replyTo !== undefined) item.replyTo = draft.replyTo;
      if (draft.threadOf !== undefined) item.threadOf = draft.threadOf;
      // Shown at once; saved before any upload starts.
      items.set(item.id, item);
      states.set(item.id, 'waiting');
      publish();
      try {
        await save(item);
      } catch (error) {
        forget(item.id);
        throw error;
      }
      kick();
      return item;
    },
    async cancel(itemId) {
      if (confirming.has(itemId)) return false;
      if (!items.has(itemId)) return true;
      cancelled.add(itemId);
      active.get(itemId)?.abort();
      for (const file of items.get(itemId)?.files ?? []) {
        const mediaId = file.uploaded?.mediaId;
        if (mediaId !== undefined) void options.discard?.(mediaId).catch((error: unknown) => console.warn(`could not take back upload ${mediaId}`, error));
      }
      forget(itemId);
      await serial(() => store.remove(itemId));
      kick();
      return true;
    },
    retry(itemId) {
      const item = items.get(itemId);
      if (!item || item.failed === undefined) return;
      const { failed: _failed, ...rest } = item;
      items.set(itemId, rest);
      setState(itemId, 'waiting');
      void save(rest).catch((error: unknown) => console.error('could not save the outbox item', error));
      kick();
    },
    destroy,
    async wipe() {
      await destroy();
      await store.wipe();
    },
  };
}
