/**
 * The attachments of one message: pictures and videos in a grid (the stored
 * preview first, so the row has its final size, then the file), files as cards,
 * a voice message as a player. A message still in the outbox shows its local
 * files with the upload's progress and a cancel button.
 */
import { Index, Show, createMemo, createSignal } from 'solid-js';
import type { MessageView } from '../../../../shared/doc/conversation.js';
import type { Attachment } from '../../../../shared/doc/schema.js';
import { displaySize } from '../../runtime/media-preview.js';
import { displayOf, formatDuration, mediaUrl, safePreview } from '../../runtime/media-types.js';
import type { OutboxEntry } from '../../runtime/outbox.js';
import { useApp } from '../context.js';
import { createReadable } from '../reactive.js';
import { FileCard } from './FileCard.jsx';
import { PlayIcon } from './icons.jsx';
import { createObjectUrls } from './local-urls.js';
import { MediaViewer, type ViewerItem } from './MediaViewer.jsx';
import { UploadStatus } from './UploadStatus.jsx';
import { VoicePlayer } from './VoicePlayer.jsx';
import './media.css';

/** Largest box a single picture is drawn in (px); several share a 320 px wide grid of squares (media.css). */
const SINGLE = { width: 320, height: 340 };

export function MessageAttachments(props: { message: MessageView; mine: boolean }) {
  // A row may come to show another message: start over then (players, loaded pictures, local files).
  return (
    <Show when={props.message.id} keyed>
      <Attachments message={props.message} mine={props.mine} />
    </Show>
  );
}

function Attachments(props: { message: MessageView; mine: boolean }) {
  const app = useApp();
  const outbox = app.messenger.outbox;
  const entries = createReadable(outbox.entries);
  /** The outbox entry while this message waits in it. */
  const entry = createMemo<OutboxEntry | undefined>(() => {
    if (!props.mine) return undefined;
    for (const list of entries().values()) {
      const found = list.find((e) => e.item.id === props.message.id);
      if (found) return found;
    }
    return undefined;
  });
  const localUrls = createObjectUrls(
    () => props.message.id,
    () => entry()?.item.files.map((f) => f.blob),
  );
  const attachments = (): readonly Attachment[] => props.message.attachments ?? [];
  const srcOf = (attachment: Attachment, index: number): string | undefined =>
    localUrls()?.[index] ?? (attachment.mediaId !== '' ? mediaUrl(attachment.mediaId) : undefined);

  const indexed = createMemo(() => attachments().map((attachment, index) => ({ attachment, index, display: displayOf(attachment.mime) })));
  const isVoice = (): boolean => props.message.kind === 'voice';
  // A voice message plays as sound whatever its container says (the server may call WebM sound video/webm).
  const isVisual = (a: { display: string }): boolean => !isVoice() && (a.display === 'image' || a.display === 'video');
  const visuals = createMemo(() => indexed().filter(isVisual));
  const others = createMemo(() => indexed().filter((a) => !isVisual(a)));
  const [viewing, setViewing] = createSignal<number | null>(null);
  const viewerItems = (): ViewerItem[] => visuals().map((v) => ({ attachment: v.attachment, src: srcOf(v.attachment, v.index) }));

  const single = (): boolean => visuals().length === 1;
  /** A single picture's box, in its own shape; null for the squares of a grid. */
  const tileSize = (attachment: Attachment) =>
    single() ? displaySize(attachment.width && attachment.height ? { width: attachment.width, height: attachment.height } : undefined, SINGLE) : null;

  return (
    <div class="attachments" classList={{ voice: isVoice() }} data-testid="attachments">
      <Show when={visuals().length > 0}>
        <div class="media-grid" classList={{ single: single() }}>
          {/* By position: a new view of the same message (a reaction, the record replacing the outbox item) keeps its tiles. */}
          <Index each={visuals()}>
            {(visual, position) => (
              <MediaTile
                attachment={visual().attachment}
                src={srcOf(visual().attachment, visual().index)}
                size={tileSize(visual().attachment)}
                video={visual().display === 'video'}
                onOpen={() => setViewing(position)}
              />
            )}
          </Index>
          <Show when={entry()}>{(e) => <UploadStatus entry={e()} overlay />}</Show>
        </div>
      </Show>
      <Index each={others()}>
        {(other) => (
          <Show
            when={isVoice() || other().display === 'audio'}
            fallback={<FileCard attachment={other().attachment} href={entry() ? undefined : srcOf(other().attachment, other().index)} />}
          >
            <VoicePlayer attachment={other().attachment} src={srcOf(other().attachment, other().index)} mine={props.mine} />
          </Show>
        )}
      </Index>
      <Show when={visuals().length === 0 && entry()}>{(e) => <UploadStatus entry={e()} />}</Show>
      <Show when={viewing() !== null}>
        <MediaViewer items={viewerItems()} start={viewing() ?? 0} onClose={() => setViewing(null)} />
      </Show>
    </div>
  );
}

function MediaTile(props: { attachment: Attachment; src: string | undefined; size: { width: number; height: number } | null; video: boolean; onOpen: () => void }) {
  const [loaded, setLoaded] = createSignal(false);
  const [broken, setBroken] = createSignal(false);
  const label = (): string => props.attachment.name ?? (props.video ? 'Video' : 'Photo');
  return (
    <button
      type="button"
      class="media-tile"
      classList={{ loaded: loaded(), broken: broken(), video: props.video }}
      // The box has the picture's shape before anything loads; it narrows with the bubble on small screens.
      style={props.size ? { width: `${props.size.width}px`, 'aspect-ratio': `${props.size.width} / ${props.size.height}` } : undefined}
      aria-label={`Open ${label()}`}
      data-testid="media-tile"
      onClick={(event) => {
        event.stopPropagation();
        props.onOpen();
      }}
    >
      <Show when={safePreview(props.attachment.preview)}>{(preview) => <img class="media-preview" src={preview()} alt="" aria-hidden="true" />}</Show>
      <Show
        when={props.video}
        fallback={
          <Show when={props.src}>
            {(src) => (
              <img
                class="media-full"
                src={src()}
                alt={label()}
                decoding="async"
                draggable={false}
                data-testid="media-image"
                onLoad={() => setLoaded(true)}
                onError={() => setBroken(true)}
              />
            )}
          </Show>
        }
      >
        {/* No stored preview (another client, an unreadable video): the first frame stands in. */}
        <Show when={!safePreview(props.attachment.preview) && props.src}>
          {(src) => <video class="media-full" src={`${src()}#t=0.1`} preload="metadata" muted playsinline data-testid="media-video" onLoadedData={() => setLoaded(true)} />}
        </Show>
        <span class="media-play" aria-hidden="true">
          <PlayIcon size={22} />
        </span>
        <Show when={props.attachment.durationMs !== undefined}>
          <span class="media-duration" data-testid="media-duration">{formatDuration(props.attachment.durationMs ?? 0)}</span>
        </Show>
      </Show>
    </button>
  );
}
