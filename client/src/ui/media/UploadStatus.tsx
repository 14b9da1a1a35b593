/**
 * How a waiting media message is doing: a progress ring with a cancel button
 * while it uploads (over the pictures, or as a bar under a file or voice
 * message), "waiting for network" while offline, and the reason with retry and
 * remove once the server refused it.
 */
import { Match, Show, Switch, createMemo } from 'solid-js';
import { formatBytes } from '../../runtime/media-types.js';
import type { OutboxEntry } from '../../runtime/outbox.js';
import { useApp } from '../context.js';
import { CloseIcon } from '../icons.jsx';
import { createReadable } from '../reactive.js';
import { BinIcon, RetryIcon } from './icons.jsx';

const RING = 2 * Math.PI * 18;

export function UploadStatus(props: { entry: OutboxEntry; overlay?: boolean }) {
  const app = useApp();
  const outbox = app.messenger.outbox;
  const progress = createReadable(outbox.progress);
  const online = createReadable(app.messenger.connection);
  const mine = createMemo(() => progress().get(props.entry.item.id));
  const fraction = (): number => {
    const p = mine();
    return p && p.total > 0 ? Math.min(1, p.loaded / p.total) : 0;
  };
  const total = (): number => props.entry.item.files.reduce((sum, f) => sum + f.blob.size, 0);
  const cancel = (event: MouseEvent): void => {
    event.stopPropagation();
    void outbox.cancel(props.entry.item.id).catch((error: unknown) => console.error('could not cancel the upload', error));
  };
  const label = (): string => {
    if (props.entry.state === 'sending') return 'Sending…';
    if (props.entry.state === 'uploading') return `${formatBytes(Math.round(fraction() * total()))} of ${formatBytes(total())}`;
    return online() === 'offline' ? 'Waiting for network' : 'Waiting to upload';
  };

  return (
    <div
      class="upload-status"
      classList={{ overlay: props.overlay === true, failed: props.entry.state === 'failed' }}
      data-testid="upload-status"
      data-upload-state={props.entry.state}
      onClick={(e) => e.stopPropagation()}
    >
      <Switch>
        <Match when={props.entry.state === 'failed'}>
          <span class="upload-error" role="alert">
            {props.entry.item.failed ?? 'Not sent.'}
          </span>
          <span class="upload-actions">
            <button type="button" class="button small" data-testid="upload-retry" onClick={() => outbox.retry(props.entry.item.id)}>
              <RetryIcon /> Retry
            </button>
            <button type="button" class="button small" data-testid="upload-remove" onClick={cancel}>
              <BinIcon size={15} /> Remove
            </button>
          </span>
        </Match>
        <Match when={true}>
          <span class="upload-ring" classList={{ spinning: props.entry.state !== 'uploading' || fraction() === 0 }}>
            <svg width="44" height="44" viewBox="0 0 44 44" aria-hidden="true">
              <circle class="ring-track" cx="22" cy="22" r="18" />
              <circle
                class="ring-value"
                cx="22"
                cy="22"
                r="18"
                stroke-dasharray={`${RING}`}
                stroke-dashoffset={`${RING * (1 - (props.entry.state === 'uploading' && fraction() > 0 ? fraction() : 0.25))}`}
              />
            </svg>
            <Show when={props.entry.state !== 'sending'}>
              <button type="button" class="upload-cancel" aria-label="Cancel upload" title="Cancel" data-testid="upload-cancel" onClick={cancel}>
                <CloseIcon />
              </button>
            </Show>
          </span>
          <span class="upload-label" role="status" data-testid="upload-progress" data-progress={Math.round(fraction() * 100)}>
            {label()}
          </span>
        </Match>
      </Switch>
    </div>
  );
}
