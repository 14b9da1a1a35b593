/**
 * One sound at a time: when a voice message (or a video in the viewer) starts
 * playing, whatever else was playing pauses.
 */
let current: HTMLMediaElement | null = null;

/** Call from the element's `play` event. */
export function claimPlayback(element: HTMLMediaElement): void {
  if (current && current !== element && !current.paused) current.pause();
  current = element;
}

/** Call when the element goes away. */
export function releasePlayback(element: HTMLMediaElement): void {
  if (current === element) current = null;
}
