/**
 * The composer's media state for one conversation: files picked (button,
 * drop, paste) and measured while the person writes a caption, sent together
 * as one message through the outbox; and the voice recorder. Solid signals
 * over the framework-free runtime (outbox, previews, recorder).
 */
import { type Accessor, createSignal, onCleanup } from 'solid-js';
import * as conversation from '../../../../shared/doc/conversation.js';
import type { ConversationDoc } from '../../runtime/conversation-doc.js';
import { imageInfo, type VisualInfo, videoInfo } from '../../runtime/media-preview.js';
import { type Recording, finishVoice, isRecorderError, startRecording } from '../../runtime/media-recorder.js';
import { type AttachmentDisplay, MAX_ATTACHMENTS, displayName, displayOf, formatBytes } from '../../runtime/media-types.js';
import type { Outbox, OutboxDraft } from '../../runtime/outbox.js';

export interface Draft {
  id: string;
  file: File;
  display: AttachmentDisplay;
  /** Object URL for the thumbnail; revoked when the draft goes. */
  url: string;
  /** Size, duration and preview, measured in the background. */
  info: Promise<VisualInfo>;
}

/** Where a message being written points (reply or thread), passed through to the record. */
export interface SendContext {
  replyTo?: string;
  threadOf?: string;
}

export interface MediaComposer {
  readonly drafts: Accessor<readonly Draft[]>;
  /** A problem to show (too large, too many, microphone denied); cleared by the next action. */
  readonly error: Accessor<string | null>;
  add(files: Iterable<File>): void;
  remove(id: string): void;
  clear(): void;
  /** Send the drafts with `caption` as one message. Returns a problem to show, or null. */
  send(caption: string, context?: SendContext): string | null;
  readonly recording: Accessor<Recording | null>;
  /** Busy turning a stopped recording into a message. */
  readonly finishing: Accessor<boolean>;
  startRecording(): Promise<void>;
  sendRecording(context?: SendContext): Promise<void>;
  cancelRecording(): void;
}

let counter = 0;

export function createMediaComposer(options: { conversationId: string; doc: ConversationDoc; outbox: Outbox; maxBytes: () => number }): MediaComposer {
  const [drafts, setDrafts] = createSignal<readonly Draft[]>([]);
  const [error, setError] = createSignal<string | null>(null);
  const [recording, setRecording] = createSignal<Recording | null>(null);
  const [finishing, setFinishing] = createSignal(false);

  const revoke = (list: readonly Draft[]): void => {
    for (const d of list) URL.revokeObjectURL(d.url);
  };
  onCleanup(() => {
    revoke(drafts());
    recording()?.cancel();
  });

  const highestShown = (): number => conversation.recentHlc(options.doc.doc);
  const queue = (draft: OutboxDraft): void => {
    options.outbox.add(draft).catch((e: unknown) => {
      console.error('could not keep the media message for sending', e);
      setError('This message could not be saved for sending.');
    });
  };

  const add = (files: Iterable<File>): void => {
    setError(null);
    const next = [...drafts()];
    const problems: string[] = [];
    for (const file of files) {
      if (next.length >= MAX_ATTACHMENTS) {
        problems.push(`Up to ${MAX_ATTACHMENTS} files at once.`);
        break;
      }
      if (file.size > options.maxBytes()) {
        problems.push(`${file.name} is larger than ${formatBytes(options.maxBytes())}, the most this server takes.`);
        continue;
      }
      if (file.size === 0) {
        problems.push(`${file.name} is empty.`);
        continue;
      }
      const display = displayOf(file.type);
      const info = display === 'image' ? imageInfo(file) : display === 'video' ? videoInfo(file) : Promise.resolve({});
      next.push({ id: `draft-${++counter}`, file, display, url: URL.createObjectURL(file), info });
    }
    setDrafts(next);
    if (problems.length > 0) setError(problems.join(' '));
  };

  const sendRecording = async (context: SendContext = {}): Promise<void> => {
    const current = recording();
    if (!current) return;
    setFinishing(true);
    try {
      const recorded = await current.stop();
      setRecording(null);
      if (recorded.durationMs < 500 || recorded.blob.size === 0) {
        setError('Hold on a little longer to record a voice message.');
        return;
      }
      const voice = await finishVoice(recorded);
      queue({
        conversationId: options.conversationId,
        kind: 'voice',
        ...context,
        files: [{ blob: voice.blob, mime: voice.blob.type || 'audio/webm', durationMs: voice.durationMs, ...(voice.waveform ? { waveform: voice.waveform } : {}) }],
        highestShown: highestShown(),
      });
    } catch (e) {
      setRecording(null);
      setError(isRecorderError(e) ? e.message : 'The recording failed.');
      console.error('recording failed', e);
    } finally {
      setFinishing(false);
    }
  };

  const start = async (): Promise<void> => {
    if (recording()) return;
    setError(null);
    try {
      const started = await startRecording();
      setRecording(started);
      // Stopped by itself (time limit, microphone unplugged): send what was recorded.
      void started.ended.then(() => {
        if (recording() === started) void sendRecording();
      });
    } catch (e) {
      setError(isRecorderError(e) ? e.message : 'The microphone could not be started.');
    }
  };

  return {
    drafts,
    error,
    add,
    remove(id) {
      const gone = drafts().filter((d) => d.id === id);
      revoke(gone);
      setDrafts(drafts().filter((d) => d.id !== id));
      setError(null);
    },
    clear() {
      revoke(drafts());
      setDrafts([]);
      setError(null);
    },
    send(caption, context = {}) {
      const picked = drafts();
      if (picked.length === 0) return 'Nothing to send.';
      // Taken from the tray at once; the measurements are usually done by now.
      setDrafts([]);
      setError(null);
      void Promise.all(picked.map((d) => d.info.catch((): VisualInfo => ({})))).then((infos) => {
        const files = picked.map((d, i) => {
          const name = displayName(d.file.name);
          return { blob: d.file, mime: d.file.type || 'application/octet-stream', ...(name !== undefined ? { name } : {}), ...infos[i] };
        });
        revoke(picked);
        queue({ conversationId: options.conversationId, kind: 'media', text: caption, ...context, files, highestShown: highestShown() });
      });
      return null;
    },
    recording,
    finishing,
    startRecording: start,
    sendRecording,
    cancelRecording() {
      recording()?.cancel();
      setRecording(null);
    },
  };
}
