import { describe, expect, it } from 'vitest';
import { MAX_BARS, MIN_BARS, downsampleWaveform, resampleWaveform, waveformBars } from './media-waveform.js';

const tone = (length: number, amplitude: (i: number) => number): Float32Array => {
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = amplitude(i) * Math.sin(i / 5);
  return out;
};

describe('waveform', () => {
  it('uses 64 to 128 bars, more for longer recordings', () => {
    expect(waveformBars(2_000)).toBe(MIN_BARS);
    expect(waveformBars(24_000)).toBe(96);
    expect(waveformBars(10 * 60_000)).toBe(MAX_BARS);
  });

  it('scales the loudest slice to 255 and leaves silence at 0', () => {
    // Silent first half, loud second half.
    const samples = tone(64_000, (i) => (i < 32_000 ? 0 : 0.5));
    const bars = downsampleWaveform([samples], 64);
    expect(bars).toHaveLength(64);
    expect(bars.slice(0, 32).every((v) => v === 0)).toBe(true);
    expect(Math.max(...bars)).toBe(255);
    expect(bars.slice(32).every((v) => v > 200)).toBe(true);
    expect(bars.every((v) => Number.isInteger(v) && v >= 0 && v <= 255)).toBe(true);
  });

  it('follows the loudness: a louder slice gets a taller bar', () => {
    const samples = tone(12_800, (i) => (i < 6_400 ? 0.1 : 0.4));
    const bars = downsampleWaveform([samples], 64);
    expect(bars[10]).toBeLessThan(bars[50] ?? 0);
    expect(bars[10]).toBeGreaterThan(40);
  });

  it('gives zeros for silence or no samples, and never more than 128 values', () => {
    expect(downsampleWaveform([new Float32Array(1000)], 64)).toEqual(new Array(64).fill(0));
    expect(downsampleWaveform([], 64)).toEqual(new Array(64).fill(0));
    expect(downsampleWaveform([tone(100, () => 1)], 500)).toHaveLength(128);
  });

  it('averages the channels of a stereo recording', () => {
    const left = tone(6_400, () => 0.5);
    const right = tone(6_400, () => -0.5);
    // Opposite channels cancel out: silence.
    expect(downsampleWaveform([left, right], 64).every((v) => v === 0)).toBe(true);
  });

  it('resamples a stored waveform for drawing, keeping peaks', () => {
    expect(resampleWaveform([0, 255, 0, 0], 2)).toEqual([255, 0]);
    expect(resampleWaveform([10, 20], 4)).toEqual([10, 10, 20, 20]);
    expect(resampleWaveform([], 3)).toEqual([0, 0, 0]);
  });
});
