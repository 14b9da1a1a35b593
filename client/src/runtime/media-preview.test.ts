import { describe, expect, it } from 'vitest';
import { displaySize, fitWithin } from './media-preview.js';

const box = { width: 320, height: 340 };

describe('preview sizing', () => {
  it('scales down to fit, keeping the shape, and never scales up', () => {
    expect(fitWithin({ width: 4000, height: 3000 }, { width: 96, height: 96 })).toEqual({ width: 96, height: 72 });
    expect(fitWithin({ width: 1000, height: 4000 }, { width: 96, height: 96 })).toEqual({ width: 24, height: 96 });
    expect(fitWithin({ width: 50, height: 40 }, { width: 96, height: 96 })).toEqual({ width: 50, height: 40 });
    expect(fitWithin({ width: 10_000, height: 1 }, { width: 96, height: 96 })).toEqual({ width: 96, height: 1 });
  });

  it('draws a large landscape picture as wide as the box allows', () => {
    expect(displaySize({ width: 4000, height: 3000 }, box)).toEqual({ width: 320, height: 240 });
  });

  it('draws a portrait picture as tall as the box allows', () => {
    expect(displaySize({ width: 3000, height: 4000 }, box)).toEqual({ width: 255, height: 340 });
  });

  it('crops very tall or wide pictures to at most 3:1', () => {
    expect(displaySize({ width: 100, height: 5000 }, box)).toEqual({ width: 100, height: 300 });
    const panorama = displaySize({ width: 9000, height: 1000 }, box);
    expect(panorama.width / panorama.height).toBeCloseTo(3, 1);
  });

  it('draws a small picture at its size, but not smaller than a tap target', () => {
    expect(displaySize({ width: 200, height: 150 }, box)).toEqual({ width: 200, height: 150 });
    expect(displaySize({ width: 20, height: 20 }, box)).toEqual({ width: 96, height: 96 });
  });

  it('gives a picture of unknown size a 4:3 box', () => {
    expect(displaySize(undefined, box)).toEqual({ width: 320, height: 240 });
  });
});
