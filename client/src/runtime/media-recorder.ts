/**
 * Recording a voice message: the microphone through MediaRecorder (Opus in
 * WebM where the browser can, MP4/AAC otherwise), with the elapsed time and a
 * live input level as stores for the UI. A finished recording gets its waveform
 * and, for WebM, its duration written into the header, so players can seek.
 */
import { analyseAudio } from './media-waveform.js';
import { withWebmDuration } from './media-webm.js';
import { type Readable, makeWritable } from './store.js';

/** Formats in order of preference. */
const FORMATS = ['audio/webm;codecs=opus', 'audio/webm', 'audio/mp4;codecs=mp4a.40.2', 'audio/mp4', 'audio/ogg;codecs=opus'];

/** Longest voice message (ms); recording stops by itself there. */
export const MAX_RECORDING_MS = 15 * 60 * 1000;

export function recordingFormat(isTypeSupported: (mime: string) => boolean = (m) => MediaRecorder.isTypeSupported(m)): string | undefined {
  return FORMATS.find((format) => isTypeSupported(format));
}

export interface Recorded {
  blob: Blob;
  durationMs: number;
}

export interface Recording {
  /** ms since recording started. */
  readonly elapsed: Readable<number>;
  /** Input loudness, 0..1, updated every frame. */
  readonly level: Readable<number>;
  /** Stop and return the recording (also what an automatic stop at the limit resolves). */
  stop(): Promise<Recorded>;
  /** Stop and throw the recording away. */
  cancel(): void;
  /** Resolves when the recording stopped by itself (limit reached, microphone gone). */
  readonly ended: Promise<void>;
}

export class RecorderError extends Error {
  constructor(
    readonly code: 'unsupported' | 'denied' | 'no_microphone' | 'failed',
    message: string,
  ) {
    super(message);
    this.name = 'RecorderError';
  }
}

export const isRecorderError = (e: unknown): e is RecorderError => e instanceof RecorderError;

export async function startRecording(): Promise<Recording> {
  if (typeof MediaRecorder === 'undefined' || !navigator.mediaDevices?.getUserMedia) {
    throw new RecorderError('unsupported', 'This browser cannot record sound.');
  }
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true } });
  } catch (error) {
    const name = error instanceof DOMException ? error.name : '';
    if (name === 'NotAllowedError' || name === 'SecurityError') throw new RecorderError('denied', 'Microphone access was denied.');
    if (name === 'NotFoundError' || name === 'OverconstrainedError') throw new RecorderError('no_microphone', 'No microphone was found.');
    throw new RecorderError('failed', 'The microphone could not be started.');
  }
  const mimeType = recordingFormat();
  const recorder = new MediaRecorder(stream, { ...(mimeType ? { mimeType } : {}), audioBitsPerSecond: 32_000 });
  const chunks: Blob[] = [];
  recorder.ondataavailable = (event) => {
    if (event.data.size > 0) chunks.push(event.data);
  };

  const elapsed = makeWritable(0);
  const level = makeWritable(0);
  const audio = new AudioContext();
  const analyser = audio.createAnalyser();
  analyser.fftSize = 1024;
  const source = audio.createMediaStreamSource(stream);
  source.connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  const startedAt = performance.now();
  let frame = 0;
  const measure = (): void => {
    analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const s of samples) sum += s * s;
    // Speech RMS sits around 0.02..0.2: stretch it so the meter moves visibly.
    level.set(Math.min(1, Math.sqrt(Math.sqrt(sum / samples.length)) * 1.6));
    elapsed.set(Math.round(performance.now() - startedAt));
    if (elapsed.get() >= MAX_RECORDING_MS) endByItself();
    frame = requestAnimationFrame(measure);
  };
  frame = requestAnimationFrame(measure);
  // Frames do not run in a background tab; keep the clock going there too.
  const clock = setInterval(() => elapsed.set(Math.round(performance.now() - startedAt)), 250);

  let finished = false;
  const release = (): void => {
    cancelAnimationFrame(frame);
    clearInterval(clock);
    source.disconnect();
    for (const track of stream.getTracks()) track.stop();
    void audio.close().catch((error: unknown) => console.warn('closing the level meter failed', error));
  };

  const stopped = new Promise<Blob>((resolve, reject) => {
    recorder.onstop = () => resolve(new Blob(chunks, { type: recorder.mimeType || mimeType || 'audio/webm' }));
    recorder.onerror = () => reject(new RecorderError('failed', 'Recording failed.'));
  });
  let endedResolve: () => void = () => {};
  const ended = new Promise<void>((resolve) => (endedResolve = resolve));
  const endByItself = (): void => {
    if (finished) return;
    endedResolve();
  };
  for (const track of stream.getAudioTracks()) track.addEventListener('ended', endByItself);

  // Chunks every second keep memory steady and leave something if the tab dies.
  recorder.start(1000);

  let result: Promise<Recorded> | null = null;
  return {
    elapsed,
    level,
    ended,
    stop() {
      result ??= (async () => {
        finished = true;
        const durationMs = Math.round(performance.now() - startedAt);
        if (recorder.state !== 'inactive') recorder.stop();
        release();
        return { blob: await stopped, durationMs };
      })();
      return result;
    },
    cancel() {
      if (finished) return;
      finished = true;
      if (recorder.state !== 'inactive') recorder.stop();
      release();
      endedResolve();
    },
  };
}

export interface VoiceNote {
  blob: Blob;
  durationMs: number;
  waveform?: number[];
}

/**
 * A finished recording as it is sent: measured (waveform and exact duration
 * from the decoded sound) and, for WebM, with that duration in its header.
 */
export async function finishVoice(recorded: Recorded): Promise<VoiceNote> {
  const analysed = await analyseAudio(recorded.blob);
  const durationMs = analysed?.durationMs || recorded.durationMs;
  let blob = recorded.blob;
  if (blob.type.startsWith('audio/webm')) {
    const patched = withWebmDuration(new Uint8Array(await blob.arrayBuffer()), durationMs);
    if (patched) blob = new Blob([patched], { type: blob.type });
  }
  return analysed ? { blob, durationMs, waveform: analysed.waveform } : { blob, durationMs };
}
