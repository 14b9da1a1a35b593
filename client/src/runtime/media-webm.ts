/**
 * Recordings from MediaRecorder in WebM are written live, so their header has
 * no Duration: players then report an infinite duration and cannot seek well.
 * This adds the Duration element to the Segment's Info once the recording is
 * done (the same fix as the fix-webm-duration package), as a pure function
 * over the bytes.
 */

const ID = {
  ebml: 0x1a45dfa3,
  segment: 0x18538067,
  info: 0x1549a966,
  timecodeScale: 0x2ad7b1,
  duration: 0x4489,
  cluster: 0x1f43b675,
} as const;

interface Vint {
  value: number;
  length: number;
  /** All value bits set: the size is unknown (live streams). */
  unknown: boolean;
}

/** An EBML variable-length integer at `at`; ids keep their marker bit (`keepMarker`). */
function readVint(bytes: Uint8Array, at: number, keepMarker: boolean): Vint | null {
  const first = bytes[at];
  if (first === undefined || first === 0) return null;
  let length = 1;
  while (length <= 8 && (first & (0x80 >> (length - 1))) === 0) length++;
  if (length > 8 || at + length > bytes.length) return null;
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    const b = bytes[at + i] ?? 0;
    value = value * 256 + b;
    if (b !== 0xff) allOnes = false;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}

/** `value` as an EBML size of exactly `length` bytes, or null when it does not fit. */
function encodeSize(value: number, length: number): Uint8Array | null {
  // All ones means "unknown"; the largest usable value is one less.
  if (length < 1 || length > 8 || value >= 2 ** (7 * length) - 1) return null;
  const out = new Uint8Array(length);
  let rest = value;
  for (let i = length - 1; i >= 0; i--) {
    out[i] = rest % 256;
    rest = Math.floor(rest / 256);
  }
  out[0] = (out[0] ?? 0) | (0x80 >> (length - 1));
  return out;
}

interface Element {
  id: number;
  /** Where the element starts (its id). */
  start: number;
  /** Where its size field starts, and how long it is. */
  sizeAt: number;
  sizeLength: number;
  /** Where its content starts and ends (end is the parent's end for unknown sizes). */
  dataStart: number;
  dataEnd: number;
  unknownSize: boolean;
}

function readElement(bytes: Uint8Array, at: number, parentEnd: number): Element | null {
  const id = readVint(bytes, at, true);
  if (!id || id.length > 4) return null;
  const size = readVint(bytes, at + id.length, false);
  if (!size) return null;
  const dataStart = at + id.length + size.length;
  const dataEnd = size.unknown ? parentEnd : dataStart + size.value;
  if (dataEnd > parentEnd) return null;
  return { id: id.value, start: at, sizeAt: at + id.length, sizeLength: size.length, dataStart, dataEnd, unknownSize: size.unknown };
}

function readUint(bytes: Uint8Array, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) value = value * 256 + (bytes[i] ?? 0);
  return value;
}

/**
 * The recording with a Duration of `durationMs` in its Info, or null when the
 * bytes are not a WebM this understands or already carry a duration.
 */
export function withWebmDuration(bytes: Uint8Array, durationMs: number): Uint8Array<ArrayBuffer> | null {
  if (!(durationMs > 0) || !Number.isFinite(durationMs)) return null;
  const header = readElement(bytes, 0, bytes.length);
  if (!header || header.id !== ID.ebml) return null;
  const segment = readElement(bytes, header.dataEnd, bytes.length);
  if (!segment || segment.id !== ID.segment) return null;

  let at = segment.dataStart;
  while (at < segment.dataEnd) {
    const child = readElement(bytes, at, segment.dataEnd);
    if (!child || child.id === ID.cluster || child.unknownSize) return null;
    if (child.id === ID.info) return addDuration(bytes, child, durationMs);
    at = child.dataEnd;
  }
  return null;
}

function addDuration(bytes: Uint8Array, info: Element, durationMs: number): Uint8Array<ArrayBuffer> | null {
  let timecodeScale = 1_000_000;
  let at = info.dataStart;
  while (at < info.dataEnd) {
    const child = readElement(bytes, at, info.dataEnd);
    if (!child) return null;
    if (child.id === ID.duration) return null;
    if (child.id === ID.timecodeScale) timecodeScale = readUint(bytes, child.dataStart, child.dataEnd) || timecodeScale;
    at = child.dataEnd;
  }
  // Duration is a float in TimecodeScale units (nanoseconds each).
  const duration = new Uint8Array(11);
  duration.set([0x44, 0x89, 0x88]);
  new DataView(duration.buffer).setFloat64(3, (durationMs * 1_000_000) / timecodeScale);

  const contentLength = info.dataEnd - info.dataStart + duration.length;
  const size = encodeSize(contentLength, info.sizeLength) ?? encodeSize(contentLength, 8);
  if (!size) return null;
  const out = new Uint8Array(bytes.length + duration.length + size.length - info.sizeLength);
  out.set(bytes.subarray(0, info.sizeAt), 0);
  out.set(size, info.sizeAt);
  let w = info.sizeAt + size.length;
  out.set(bytes.subarray(info.dataStart, info.dataEnd), w);
  w += info.dataEnd - info.dataStart;
  out.set(duration, w);
  w += duration.length;
  out.set(bytes.subarray(info.dataEnd), w);
  return out;
}

/** Reads the Duration (ms) back, for tests and checks; null when absent. */
export function webmDurationMs(bytes: Uint8Array): number | null {
  const header = readElement(bytes, 0, bytes.length);
  if (!header || header.id !== ID.ebml) return null;
  const segment = readElement(bytes, header.dataEnd, bytes.length);
  if (!segment || segment.id !== ID.segment) return null;
  let at = segment.dataStart;
  while (at < segment.dataEnd) {
    const child = readElement(bytes, at, segment.dataEnd);
    if (!child || child.id === ID.cluster) return null;
    if (child.id === ID.info) {
      let scale = 1_000_000;
      let raw: number | null = null;
      let i = child.dataStart;
      while (i < child.dataEnd) {
        const el = readElement(bytes, i, child.dataEnd);
        if (!el) return null;
        if (el.id === ID.timecodeScale) scale = readUint(bytes, el.dataStart, el.dataEnd) || scale;
        if (el.id === ID.duration) {
          const view = new DataView(bytes.buffer, bytes.byteOffset + el.dataStart, el.dataEnd - el.dataStart);
          raw = el.dataEnd - el.dataStart === 8 ? view.getFloat64(0) : view.getFloat32(0);
        }
        i = el.dataEnd;
      }
      return raw === null ? null : (raw * scale) / 1_000_000;
    }
    at = child.dataEnd;
  }
  return null;
}
