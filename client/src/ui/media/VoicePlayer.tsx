/**
 * A voice message: play/pause, the waveform (click to seek), the time. The
 * <audio> element loads nothing until played and asks the server for ranges,
 * so seeking does not download the whole file first. Playing one stops any
 * other (playback.ts).
 */
import { createSignal, onCleanup } from 'solid-js';
import type { Attachment } from '../../../../shared/doc/schema.js';
import { formatDuration } from '../../runtime/media-types.js';
import { PauseIcon, PlayIcon } from './icons.jsx';
import { claimPlayback, releasePlayback } from './playback.js';
import { Waveform } from './Waveform.jsx';

export function VoicePlayer(props: { attachment: Attachment; src: string | undefined; mine: boolean }) {
  let audio: HTMLAudioElement | undefined;
  const [playing, setPlaying] = createSignal(false);
  const [position, setPosition] = createSignal(0);
  const [failed, setFailed] = createSignal(false);
  const [mediaDuration, setMediaDuration] = createSignal<number | null>(null);
  let frame = 0;

  /** Seconds: the element's own figure once it knows one, else what the sender measured. */
  const duration = (): number => mediaDuration() ?? (props.attachment.durationMs ?? 0) / 1000;
  const progress = (): number => (duration() > 0 ? Math.min(1, position() / duration()) : 0);

  const follow = (): void => {
    if (audio) setPosition(audio.currentTime);
    frame = requestAnimationFrame(follow);
  };
  onCleanup(() => {
    cancelAnimationFrame(frame);
    if (audio) {
      audio.pause();
      releasePlayback(audio);
    }
  });

  const toggle = (): void => {
    if (!audio || !props.src) return;
    if (audio.paused) {
      setFailed(false);
      audio.play().catch((error: unknown) => {
        // Pausing before playback began rejects too; that is not a failure.
        if (error instanceof DOMException && error.name === 'AbortError') return;
        console.warn('voice message did not play', error);
        setFailed(true);
      });
    } else audio.pause();
  };

  const seek = (fraction: number): void => {
    if (!audio || duration() <= 0) return;
    const time = fraction * duration();
    // Before anything loaded this sets where playback will start.
    audio.currentTime = time;
    setPosition(time);
  };

  return (
    <div class="voice" classList={{ mine: props.mine, playing: playing() }} data-testid="voice-message">
      <button
        type="button"
        class="voice-play"
        aria-label={playing() ? 'Pause' : 'Play'}
        data-testid="voice-play"
        disabled={!props.src}
        onClick={(event) => {
          event.stopPropagation();
          toggle();
        }}
      >
        {playing() ? <PauseIcon /> : <PlayIcon />}
      </button>
      <div class="voice-body">
        <Waveform values={props.attachment.waveform} progress={progress()} durationMs={duration() * 1000} bars={44} onSeek={seek} disabled={!props.src} />
        <span class="voice-time" data-testid="voice-time">
          {failed() ? 'Cannot play' : formatDuration((playing() || position() > 0 ? position() : duration()) * 1000)}
        </span>
      </div>
      <audio
        ref={audio}
        src={props.src}
        preload="none"
        data-testid="voice-audio"
        onPlay={(event) => {
          claimPlayback(event.currentTarget);
          setPlaying(true);
          cancelAnimationFrame(frame);
          frame = requestAnimationFrame(follow);
        }}
        onPause={(event) => {
          setPlaying(false);
          cancelAnimationFrame(frame);
          setPosition(event.currentTarget.currentTime);
        }}
        onEnded={(event) => {
          setPlaying(false);
          cancelAnimationFrame(frame);
          event.currentTarget.currentTime = 0;
          setPosition(0);
        }}
        onDurationChange={(event) => {
          const d = event.currentTarget.duration;
          if (Number.isFinite(d) && d > 0) setMediaDuration(d);
        }}
        onError={() => {
          setPlaying(false);
          setFailed(true);
        }}
      />
    </div>
  );
}
