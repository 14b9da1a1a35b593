/** The files picked for the next message, above the composer: thumbnails or file chips, each removable; and what went wrong picking them. */
import { For, Match, Show, Switch } from 'solid-js';
import { formatBytes } from '../../runtime/media-types.js';
import { CloseIcon } from '../icons.jsx';
import { FileIcon } from './icons.jsx';
import type { MediaComposer } from './media-composer.js';
import './media.css';

export function DraftTray(props: { media: MediaComposer }) {
  return (
    <>
    <Show when={props.media.error()}>
      {(message) => (
        <p class="composer-error" role="alert" data-testid="media-error">
          {message()}
        </p>
      )}
    </Show>
    <Show when={props.media.drafts().length > 0}>
      <div class="draft-tray" data-testid="draft-tray" aria-label="Attachments to send">
        <For each={props.media.drafts()}>
          {(draft) => (
            <div class="draft" classList={{ visual: draft.display === 'image' || draft.display === 'video' }} data-testid="draft">
              <Switch
                fallback={
                  <span class="draft-file">
                    <FileIcon size={18} />
                    <span class="draft-file-text">
                      <span class="draft-name">{draft.file.name || 'File'}</span>
                      <span class="draft-size">{formatBytes(draft.file.size)}</span>
                    </span>
                  </span>
                }
              >
                <Match when={draft.display === 'image'}>
                  <img src={draft.url} alt={draft.file.name} />
                </Match>
                <Match when={draft.display === 'video'}>
                  <video src={`${draft.url}#t=0.1`} muted preload="metadata" />
                </Match>
              </Switch>
              <button type="button" class="draft-remove" aria-label={`Remove ${draft.file.name}`} data-testid="draft-remove" onClick={() => props.media.remove(draft.id)}>
                <CloseIcon />
              </button>
            </div>
          )}
        </For>
      </div>
    </Show>
    </>
  );
}
