/**
 * Streams a byte range of a stored file as a web ReadableStream, pulled in
 * 64 KiB reads as the client takes them, so a download is never held in
 * memory whole.
 */
import { open } from 'node:fs/promises';
import path from 'node:path';

const CHUNK_BYTES = 64 * 1024;

/**
 * Opens the file before the response is built, so a missing file is an
 * error the route can answer (ENOENT) instead of a broken 200 stream.
 * `end` is inclusive. The descriptor is closed when the range has been read,
 * on a read error, and when the client goes away (cancel).
 */
export async function openFileRange(dir: string, fileName: string, start: number, end: number): Promise<ReadableStream<Uint8Array>> {
  const handle = await open(path.join(dir, fileName), 'r');
  if (end < start) {
    await handle.close();
    return new ReadableStream<Uint8Array>({ start: (controller) => controller.close() });
  }
  let position = start;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const wanted = Math.min(CHUNK_BYTES, end + 1 - position);
          const buffer = new Uint8Array(wanted);
          const { bytesRead } = await handle.read(buffer, 0, wanted, position);
          if (bytesRead === 0) throw new Error(`media file ${fileName} ended at byte ${position}, before the recorded size`);
          position += bytesRead;
          controller.enqueue(buffer.subarray(0, bytesRead));
          if (position > end) {
            await handle.close();
            controller.close();
          }
        } catch (err) {
          await handle.close();
          controller.error(err);
        }
      },
      async cancel() {
        await handle.close();
      },
    },
    // Read only when the consumer asks: the socket's pace sets the disk's.
    { highWaterMark: 0 },
  );
}

export function isMissingFile(err: unknown): boolean {
  return err instanceof Error && 'code' in err && err.code === 'ENOENT';
}
