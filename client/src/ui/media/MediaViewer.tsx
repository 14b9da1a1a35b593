/**
 * The full-screen viewer for a message's pictures and videos: the stored
 * preview at once, the file over it when loaded; arrows (buttons and keys) move
 * between them, Esc or a click beside the picture closes, focus returns to
 * where it was.
 */
import { Match, Show, Switch, createSignal, onCleanup, onMount } from 'solid-js';
import { Portal } from 'solid-js/web';
import type { Attachment } from '../../../../shared/doc/schema.js';
import { displayOf, safePreview } from '../../runtime/media-types.js';
import { CloseIcon } from '../icons.jsx';
import { ChevronLeftIcon, ChevronRightIcon, DownloadIcon } from './icons.jsx';
import { claimPlayback, releasePlayback } from './playback.js';

export interface ViewerItem {
  attachment: Attachment;
  src: string | undefined;
}

export function MediaViewer(props: { items: readonly ViewerItem[]; start: number; onClose: () => void }) {
  const [index, setIndex] = createSignal(Math.min(Math.max(0, props.start), props.items.length - 1));
  const [loaded, setLoaded] = createSignal(false);
  const item = (): ViewerItem | undefined => props.items[index()];
  const many = (): boolean => props.items.length > 1;
  let closeButton: HTMLButtonElement | undefined;
  let video: HTMLVideoElement | undefined;
  const returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;

  const go = (delta: number): void => {
    const next = (index() + delta + props.items.length) % props.items.length;
    if (next === index()) return;
    setLoaded(false);
    setIndex(next);
  };
  const onKey = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') props.onClose();
    else if (event.key === 'ArrowRight' && many()) go(1);
    else if (event.key === 'ArrowLeft' && many()) go(-1);
    else return;
    event.preventDefault();
    event.stopPropagation();
  };
  onMount(() => {
    // Capture: Esc here must not also cancel an edit in the composer.
    window.addEventListener('keydown', onKey, true);
    closeButton?.focus();
  });
  onCleanup(() => {
    window.removeEventListener('keydown', onKey, true);
    if (video) releasePlayback(video);
    returnFocus?.focus();
  });

  return (
    <Portal>
      <div
        class="viewer"
        role="dialog"
        aria-modal="true"
        aria-label="Media viewer"
        data-testid="media-viewer"
        onClick={(event) => {
          if (event.target === event.currentTarget) props.onClose();
        }}
      >
        <div class="viewer-bar">
          <span class="viewer-count">{many() ? `${index() + 1} / ${props.items.length}` : ''}</span>
          <span class="viewer-name">{item()?.attachment.name ?? ''}</span>
          <Show when={item()?.src}>
            {(src) => (
              <a class="icon-button viewer-button" href={src()} download={item()?.attachment.name ?? ''} aria-label="Download" title="Download">
                <DownloadIcon size={20} />
              </a>
            )}
          </Show>
          <button ref={closeButton} class="icon-button viewer-button" aria-label="Close" title="Close (Esc)" data-testid="viewer-close" onClick={() => props.onClose()}>
            <CloseIcon />
          </button>
        </div>
        <Show when={item()} keyed>
          {(current) => (
            <div
              class="viewer-stage"
              onClick={(event) => {
                if (event.target === event.currentTarget) props.onClose();
              }}
            >
              <Switch>
                <Match when={displayOf(current.attachment.mime) === 'video'}>
                  <video
                    ref={video}
                    class="viewer-media"
                    src={current.src}
                    poster={safePreview(current.attachment.preview)}
                    controls
                    autoplay
                    playsinline
                    data-testid="viewer-video"
                    onPlay={(e) => claimPlayback(e.currentTarget)}
                  />
                </Match>
                <Match when={true}>
                  <div class="viewer-picture" style={aspect(current.attachment)}>
                    <Show when={!loaded() && safePreview(current.attachment.preview)}>
                      {(preview) => <img class="viewer-media viewer-preview" src={preview()} alt="" aria-hidden="true" />}
                    </Show>
                    <img
                      class="viewer-media"
                      classList={{ loaded: loaded() }}
                      src={current.src}
                      alt={current.attachment.name ?? 'Photo'}
                      data-testid="viewer-image"
                      onLoad={() => setLoaded(true)}
                    />
                  </div>
                </Match>
              </Switch>
            </div>
          )}
        </Show>
        <Show when={many()}>
          <button class="viewer-nav prev" aria-label="Previous" onClick={() => go(-1)}>
            <ChevronLeftIcon />
          </button>
          <button class="viewer-nav next" aria-label="Next" onClick={() => go(1)}>
            <ChevronRightIcon />
          </button>
        </Show>
      </div>
    </Portal>
  );
}

/** The picture's shape, so the preview fills the same box as the file will. */
function aspect(attachment: Attachment): Record<string, string> {
  if (!attachment.width || !attachment.height) return {};
  return { 'aspect-ratio': `${attachment.width} / ${attachment.height}`, '--w': String(attachment.width), '--h': String(attachment.height) };
}
