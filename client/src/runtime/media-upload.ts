/**
 * Uploading one file: `POST /api/media?conversationId=&name=` with the file as
 * the body. XMLHttpRequest rather than fetch because only it reports upload
 * progress. Failures are the API client's values: `ApiError` for an answer,
 * `OfflineError` for none, and an `AbortError` DOMException on cancel.
 */
import { ErrorBody, type Media, MediaResponse } from '../../../shared/api.js';
import { ApiError, OfflineError } from './api.js';

export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface UploadInput {
  conversationId: string;
  file: Blob;
  /** The file's name on this device, for display on download. */
  name?: string;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
}

/** What the upload needs of XMLHttpRequest (a stand-in in tests). */
export type XhrClass = new () => Pick<
  XMLHttpRequest,
  'open' | 'send' | 'abort' | 'setRequestHeader' | 'status' | 'responseText' | 'upload' | 'onload' | 'onerror' | 'onabort' | 'ontimeout' | 'withCredentials'
>;

export interface UploaderOptions {
  baseUrl?: string;
  XMLHttpRequest?: XhrClass;
  /** Called when the server says the session is gone. */
  onUnauthenticated?: () => void;
}

export type Upload = (input: UploadInput) => Promise<Media>;

export function makeUploader(options: UploaderOptions = {}): Upload {
  const baseUrl = options.baseUrl ?? '';
  return (input) =>
    new Promise<Media>((resolve, reject) => {
      if (input.signal?.aborted) {
        reject(abortError());
        return;
      }
      const Xhr = options.XMLHttpRequest ?? XMLHttpRequest;
      const xhr = new Xhr();
      const query = new URLSearchParams({ conversationId: input.conversationId });
      if (input.name !== undefined) query.set('name', input.name);
      xhr.open('POST', `${baseUrl}/api/media?${query.toString()}`);
      xhr.withCredentials = true;
      // An empty type means "I don't know": the server sniffs the bytes either way.
      xhr.setRequestHeader('content-type', input.file.type || 'application/octet-stream');
      xhr.setRequestHeader('accept', 'application/json');
      const onAbort = (): void => xhr.abort();
      input.signal?.addEventListener('abort', onAbort, { once: true });
      const done = (): void => input.signal?.removeEventListener('abort', onAbort);
      xhr.upload.onprogress = (event) => {
        input.onProgress?.({ loaded: event.loaded, total: event.lengthComputable ? event.total : input.file.size });
      };
      xhr.onload = () => {
        done();
        let json: unknown = undefined;
        try {
          json = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
        } catch {
          json = undefined;
        }
        if (xhr.status === 201 || xhr.status === 200) {
          const parsed = MediaResponse.safeParse(json);
          if (parsed.success) resolve(parsed.data.media);
          else reject(new ApiError(xhr.status, 'bad_response', 'unexpected answer for the upload'));
          return;
        }
        if (xhr.status === 401) options.onUnauthenticated?.();
        const body = ErrorBody.safeParse(json);
        reject(
          body.success
            ? new ApiError(xhr.status, body.data.error.code, body.data.error.message)
            : new ApiError(xhr.status, xhr.status === 413 ? 'too_large' : 'internal', `upload failed (HTTP ${xhr.status})`),
        );
      };
      xhr.onerror = () => {
        done();
        reject(new OfflineError());
      };
      xhr.ontimeout = xhr.onerror;
      xhr.onabort = () => {
        done();
        reject(abortError());
      };
      xhr.send(input.file);
    });
}

const abortError = (): DOMException => new DOMException('The upload was cancelled.', 'AbortError');

export const isAbortError = (e: unknown): boolean => e instanceof DOMException && e.name === 'AbortError';

/**
 * Whether trying the same upload again later may succeed: no answer, the
 * server busy or failing, rate limits. A refusal (too large, wrong type, not a
 * member) will not change by waiting.
 */
export function isRetryable(e: unknown): boolean {
  if (e instanceof OfflineError) return true;
  if (e instanceof ApiError) return e.status === 408 || e.status === 429 || e.status >= 500 || e.status === 0;
  return false;
}
