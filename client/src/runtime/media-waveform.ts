/**
 * The waveform of a voice message, computed on the sender's device from the
 * recording and stored in the record (≤ 128 values of 0..255), so every
 * device draws it without downloading the sound.
 */

export const MIN_BARS = 64;
export const MAX_BARS = 128;

/** More bars for longer recordings: one per quarter second, within 64..128. */
export function waveformBars(durationMs: number): number {
  return Math.min(MAX_BARS, Math.max(MIN_BARS, Math.round(durationMs / 250)));
}

/**
 * `bars` loudness values (0..255) from PCM samples: the RMS of each slice,
 * scaled so the loudest slice is 255. Silence stays 0. Several channels are
 * averaged sample by sample.
 */
export function downsampleWaveform(channels: readonly Float32Array[], bars: number): number[] {
  const count = Math.max(1, Math.min(MAX_BARS, Math.floor(bars)));
  const length = Math.min(...channels.map((c) => c.length));
  if (channels.length === 0 || !Number.isFinite(length) || length === 0) return new Array<number>(count).fill(0);
  const rms: number[] = [];
  for (let bar = 0; bar < count; bar++) {
    const start = Math.floor((bar * length) / count);
    const end = Math.max(start + 1, Math.floor(((bar + 1) * length) / count));
    let sum = 0;
    for (let i = start; i < end && i < length; i++) {
      let sample = 0;
      for (const channel of channels) sample += channel[i] ?? 0;
      sample /= channels.length;
      sum += sample * sample;
    }
    rms.push(Math.sqrt(sum / (end - start)));
  }
  const loudest = Math.max(...rms);
  if (loudest <= 1e-6) return rms.map(() => 0);
  return rms.map((value) => Math.min(255, Math.round((value / loudest) * 255)));
}

/** A stored waveform resampled to `bars` values for drawing (nearest value, or max of the values a bar covers). */
export function resampleWaveform(waveform: readonly number[], bars: number): number[] {
  if (waveform.length === 0) return new Array<number>(bars).fill(0);
  const out: number[] = [];
  for (let bar = 0; bar < bars; bar++) {
    const start = Math.floor((bar * waveform.length) / bars);
    const end = Math.max(start + 1, Math.floor(((bar + 1) * waveform.length) / bars));
    let max = 0;
    for (let i = start; i < end; i++) max = Math.max(max, waveform[i] ?? 0);
    out.push(max);
  }
  return out;
}

export interface AnalysedAudio {
  waveform: number[];
  durationMs: number;
}

/**
 * Decode a recording and measure it. Needs a browser (AudioContext); null when
 * the format cannot be decoded here, in which case the message goes out
 * without a waveform.
 */
export async function analyseAudio(blob: Blob): Promise<AnalysedAudio | null> {
  const Context = globalThis.AudioContext ?? (globalThis as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (Context === undefined) return null;
  const context = new Context();
  try {
    const buffer = await context.decodeAudioData(await blob.arrayBuffer());
    const channels: Float32Array[] = [];
    for (let c = 0; c < buffer.numberOfChannels; c++) channels.push(buffer.getChannelData(c));
    const durationMs = Math.round(buffer.duration * 1000);
    return { waveform: downsampleWaveform(channels, waveformBars(durationMs)), durationMs };
  } catch (error) {
    console.warn('could not decode the recording for its waveform', error);
    return null;
  } finally {
    void context.close().catch((error: unknown) => console.warn('closing the audio decoder failed', error));
  }
}
