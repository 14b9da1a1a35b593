/**
 * Voice recording in the composer: the microphone button, and while recording
 * a bar over the composer with the elapsed time, a live level trace, cancel
 * and send.
 */
import { For, Show, createSignal, onCleanup } from 'solid-js';
import { formatDuration } from '../../runtime/media-types.js';
import type { Recording } from '../../runtime/media-recorder.js';
import { SendIcon } from '../icons.jsx';
import { createReadable } from '../reactive.js';
import { BinIcon, MicIcon } from './icons.jsx';
import type { MediaComposer, SendContext } from './media-composer.js';

/** How many recent levels the trace shows. */
const TRACE = 40;

export function MicButton(props: { media: MediaComposer; disabled?: boolean }) {
  return (
    <button
      type="button"
      class="send mic"
      aria-label="Record a voice message"
      title="Record a voice message"
      data-testid="composer-mic"
      disabled={props.disabled || props.media.finishing()}
      onClick={() => void props.media.startRecording()}
    >
      <MicIcon />
    </button>
  );
}

export function VoiceRecorderBar(props: { media: MediaComposer; context?: () => SendContext }) {
  return (
    <Show when={props.media.recording()} keyed>
      {(recording) => <RecorderBar recording={recording} media={props.media} context={props.context} />}
    </Show>
  );
}

function RecorderBar(props: { recording: Recording; media: MediaComposer; context: (() => SendContext) | undefined }) {
  const elapsed = createReadable(props.recording.elapsed);
  const [trace, setTrace] = createSignal<readonly number[]>(new Array<number>(TRACE).fill(0));
  // One sample every 100 ms scrolls the trace at a readable pace.
  const timer = setInterval(() => setTrace((t) => [...t.slice(1), props.recording.level.get()]), 100);
  onCleanup(() => clearInterval(timer));
  const onKey = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') props.media.cancelRecording();
  };
  window.addEventListener('keydown', onKey);
  onCleanup(() => window.removeEventListener('keydown', onKey));

  return (
    <div class="recorder" role="group" aria-label="Recording a voice message" data-testid="voice-recorder">
      <div class="recorder-inner">
      <button type="button" class="icon-button recorder-cancel" aria-label="Cancel recording" title="Cancel (Esc)" data-testid="recorder-cancel" onClick={() => props.media.cancelRecording()}>
        <BinIcon />
      </button>
      <span class="recorder-dot" aria-hidden="true" />
      <span class="recorder-time" data-testid="recorder-elapsed" data-elapsed-ms={elapsed()}>
        {formatDuration(elapsed())}
      </span>
      <span class="recorder-trace" aria-hidden="true" data-testid="recorder-level">
        <For each={trace()}>{(level) => <span style={{ height: `${Math.max(8, Math.round(level * 100))}%` }} />}</For>
      </span>
      <button
        type="button"
        class="send"
        aria-label="Send voice message"
        data-testid="recorder-send"
        disabled={props.media.finishing()}
        onClick={() => void props.media.sendRecording(props.context?.() ?? {})}
      >
        <SendIcon />
      </button>
      </div>
    </div>
  );
}
