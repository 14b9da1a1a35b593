/**
 * Small previews of pictures and videos, made on the sender's device and
 * stored in the record (a data URL ≤ 16 KB), so a message has its final size
 * and a blurred picture before the file itself loads. The sizing is pure; the
 * drawing needs a browser (createImageBitmap, canvas, <video>).
 */

/** The schema's cap on `Attachment.preview` (characters of the data URL). */
export const MAX_PREVIEW_CHARS = 16_384;

export interface Size {
  width: number;
  height: number;
}

/** Scale `size` down (never up) to fit within `box`, keeping its shape; whole pixels, at least 1. */
export function fitWithin(size: Size, box: Size): Size {
  if (size.width <= 0 || size.height <= 0) return { width: Math.max(1, Math.round(box.width)), height: Math.max(1, Math.round(box.height)) };
  const scale = Math.min(1, box.width / size.width, box.height / size.height);
  return { width: Math.max(1, Math.round(size.width * scale)), height: Math.max(1, Math.round(size.height * scale)) };
}

/**
 * How big a picture is drawn in a message: fit within the box, but not so
 * thin or small that it cannot be seen or tapped (very tall or wide pictures
 * are cropped to at most `maxRatio`:1).
 */
export function displaySize(size: Size | undefined, box: Size, options: { min?: number; maxRatio?: number } = {}): Size {
  const min = options.min ?? 96;
  const maxRatio = options.maxRatio ?? 3;
  const known = size !== undefined && size.width > 0 && size.height > 0;
  const ratio = known ? Math.min(maxRatio, Math.max(1 / maxRatio, size.width / size.height)) : 4 / 3;
  // The largest box of that shape that fits (unrounded until the end).
  const tallest = Math.min(box.width / ratio, box.height);
  const largest = { width: tallest * ratio, height: tallest };
  if (!known) return { width: Math.round(largest.width), height: Math.round(largest.height) };
  // Never drawn larger than the picture itself (cropping only shortens the long side)...
  let scale = Math.min(1, size.width / largest.width, size.height / largest.height);
  // ...unless that is smaller than a tap target.
  const shortSide = Math.min(largest.width, largest.height);
  if (shortSide * scale < min) scale = Math.min(1, min / shortSide);
  return { width: Math.max(1, Math.round(largest.width * scale)), height: Math.max(1, Math.round(largest.height * scale)) };
}

/** Preview sizes and qualities tried in order until the data URL fits the cap (a picture's file replaces its preview). */
export const PREVIEW_STEPS: ReadonlyArray<{ side: number; quality: number }> = [
  { side: 96, quality: 0.7 },
  { side: 72, quality: 0.6 },
  { side: 48, quality: 0.5 },
  { side: 32, quality: 0.4 },
];

/** A video's preview stays its thumbnail (the file only loads when played): larger, when it fits. */
export const VIDEO_PREVIEW_STEPS: ReadonlyArray<{ side: number; quality: number }> = [{ side: 240, quality: 0.6 }, { side: 160, quality: 0.55 }, ...PREVIEW_STEPS];

export interface VisualInfo extends Partial<Size> {
  preview?: string;
  durationMs?: number;
}

/** Draw `source` small and encode it, stepping down until it fits. */
function encodePreview(
  source: CanvasImageSource,
  size: Size,
  encode: (canvas: HTMLCanvasElement, quality: number) => string,
  steps: ReadonlyArray<{ side: number; quality: number }> = PREVIEW_STEPS,
): string | undefined {
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d');
  if (!context) return undefined;
  for (const step of steps) {
    const small = fitWithin(size, { width: step.side, height: step.side });
    canvas.width = small.width;
    canvas.height = small.height;
    context.drawImage(source, 0, 0, small.width, small.height);
    const url = encode(canvas, step.quality);
    if (url.length <= MAX_PREVIEW_CHARS) return url;
  }
  return undefined;
}

const toJpeg = (canvas: HTMLCanvasElement, quality: number): string => canvas.toDataURL('image/jpeg', quality);
/** Keeps transparency (PNG, GIF, WebP stickers) where JPEG would paint it black. */
const toWebp = (canvas: HTMLCanvasElement, quality: number): string => {
  const url = canvas.toDataURL('image/webp', quality);
  return url.startsWith('data:image/webp') ? url : canvas.toDataURL('image/png');
};

/** Size and preview of a picture; empty when this browser cannot decode it. */
export async function imageInfo(blob: Blob): Promise<VisualInfo> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob);
  } catch (error) {
    console.warn('could not decode the picture for its preview', error);
    return {};
  }
  try {
    const size = { width: bitmap.width, height: bitmap.height };
    const opaque = blob.type === 'image/jpeg';
    const preview = encodePreview(bitmap, size, opaque ? toJpeg : toWebp);
    return preview === undefined ? size : { ...size, preview };
  } finally {
    bitmap.close();
  }
}

/** Size, duration and a preview of the first frame of a video; empty when this browser cannot play it. */
export async function videoInfo(blob: Blob, timeoutMs = 5000): Promise<VisualInfo> {
  const url = URL.createObjectURL(blob);
  const video = document.createElement('video');
  video.muted = true;
  video.preload = 'auto';
  video.playsInline = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    let duration = NaN;
    const frame = new Promise<void>((resolve, reject) => {
      let measuring = false;
      video.addEventListener(
        'loadeddata',
        () => {
          duration = video.duration;
          if (Number.isFinite(duration)) {
            // The very first frame is often black: step a little in.
            video.currentTime = Math.min(0.1, duration / 2);
            return;
          }
          // Recorded live (MediaRecorder), the file states no duration: seeking past the end reveals it.
          measuring = true;
          video.currentTime = Number.MAX_SAFE_INTEGER;
        },
        { once: true },
      );
      video.addEventListener('seeked', () => {
        if (!measuring) return resolve();
        measuring = false;
        duration = video.duration;
        video.currentTime = Math.min(0.1, Number.isFinite(duration) ? duration / 2 : 0.1);
      });
      video.addEventListener('error', () => reject(new Error('the video could not be read')), { once: true });
      timer = setTimeout(() => reject(new Error('reading the video took too long')), timeoutMs);
    });
    video.src = url;
    await frame;
    const size = { width: video.videoWidth, height: video.videoHeight };
    const info: VisualInfo = {};
    if (Number.isFinite(duration)) info.durationMs = Math.round(duration * 1000);
    if (size.width > 0 && size.height > 0) {
      info.width = size.width;
      info.height = size.height;
      const preview = encodePreview(video, size, toJpeg, VIDEO_PREVIEW_STEPS);
      if (preview !== undefined) info.preview = preview;
    }
    return info;
  } catch (error) {
    console.warn('no preview for this video', error);
    return {};
  } finally {
    clearTimeout(timer);
    video.removeAttribute('src');
    video.load();
    URL.revokeObjectURL(url);
  }
}
