/**
 * The one way routes read a JSON body: content type checked (415), size
 * capped while reading (413), JSON parsed (400) and the schema applied (400).
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import { HttpError, badRequest } from './http-error.js';

/** JSON bodies here are small (a title, a list of ≤ 256 ids); 64 KiB is generous. */
export const JSON_MAX_BYTES = 64 * 1024;

export function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) return false;
  const mediaType = header.split(';', 1)[0]?.trim().toLowerCase();
  return mediaType === 'application/json';
}

export async function readJson<T extends z.ZodType>(c: Context, schema: T, maxBytes: number = JSON_MAX_BYTES): Promise<z.output<T>> {
  // Requiring this type also means a cross-site HTML form (which cannot send it) never reaches a handler.
  if (!isJsonContentType(c.req.header('content-type'))) {
    throw new HttpError(415, 'unsupported_media_type', 'expected an application/json body');
  }
  const text = await readCapped(c.req.raw, maxBytes);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    if (err instanceof SyntaxError) throw badRequest('malformed JSON body');
    throw err;
  }
  return schema.parse(value);
}

const tooLarge = (maxBytes: number): HttpError => new HttpError(413, 'too_large', `body larger than ${maxBytes} bytes`);

async function readCapped(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (request.body === null) return '';
  // Count while reading: Content-Length may be absent (chunked) or wrong.
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (err) {
    if (err instanceof TypeError) throw badRequest('body is not valid UTF-8');
    throw err;
  }
}
