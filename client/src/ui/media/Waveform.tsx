/**
 * A voice message's waveform: bars from the stored values, the played part in
 * the accent colour. Clicking (or the arrow keys) seeks; it is a slider for
 * assistive technology.
 */
import { For, createMemo } from 'solid-js';
import { resampleWaveform } from '../../runtime/media-waveform.js';
import { formatDuration } from '../../runtime/media-types.js';

const BAR = 2;
const GAP = 1.5;
const HEIGHT = 28;

export function Waveform(props: {
  values: readonly number[] | undefined;
  /** 0..1 of the way through. */
  progress: number;
  durationMs: number;
  /** How many bars to draw (the stored values are resampled to it). */
  bars?: number;
  onSeek?: (fraction: number) => void;
  disabled?: boolean;
}) {
  const bars = createMemo(() => {
    const count = props.bars ?? 48;
    const values = props.values && props.values.length > 0 ? resampleWaveform(props.values, count) : new Array<number>(count).fill(40);
    return values.map((v) => Math.max(3, Math.round((v / 255) * HEIGHT)));
  });
  const width = (): number => bars().length * (BAR + GAP) - GAP;
  const seekBy = (deltaMs: number): void => {
    if (!props.onSeek || props.durationMs <= 0) return;
    props.onSeek(Math.min(1, Math.max(0, props.progress + deltaMs / props.durationMs)));
  };

  return (
    <svg
      class="waveform"
      classList={{ seekable: !!props.onSeek && !props.disabled }}
      viewBox={`0 0 ${width()} ${HEIGHT}`}
      preserveAspectRatio="none"
      role="slider"
      tabindex={props.onSeek && !props.disabled ? 0 : -1}
      aria-label="Position"
      aria-valuemin={0}
      aria-valuemax={Math.round(props.durationMs / 1000)}
      aria-valuenow={Math.round((props.progress * props.durationMs) / 1000)}
      aria-valuetext={formatDuration(props.progress * props.durationMs)}
      data-testid="voice-waveform"
      onClick={(event) => {
        if (!props.onSeek || props.disabled) return;
        const box = event.currentTarget.getBoundingClientRect();
        if (box.width <= 0) return;
        props.onSeek(Math.min(1, Math.max(0, (event.clientX - box.left) / box.width)));
      }}
      onKeyDown={(event) => {
        if (event.key === 'ArrowRight') seekBy(5000);
        else if (event.key === 'ArrowLeft') seekBy(-5000);
        else return;
        event.preventDefault();
      }}
    >
      <For each={bars()}>
        {(height, i) => (
          <rect
            x={i() * (BAR + GAP)}
            y={(HEIGHT - height) / 2}
            width={BAR}
            height={height}
            rx={1}
            class={(i() + 0.5) / bars().length <= props.progress ? 'played' : 'unplayed'}
          />
        )}
      </For>
    </svg>
  );
}
