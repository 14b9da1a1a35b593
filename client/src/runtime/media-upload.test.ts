import { describe, expect, it, vi } from 'vitest';
import { ApiError, OfflineError } from './api.js';
import { type XhrClass, isAbortError, isRetryable, makeUploader } from './media-upload.js';

type Behaviour = (xhr: FakeXhr) => void;

/** Records what was sent and answers as `behaviour` says, on the next tick like a real request. */
class FakeXhr {
  static behaviour: Behaviour = () => {};
  static last: FakeXhr | null = null;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown = null;
  status = 0;
  responseText = '';
  withCredentials = false;
  aborted = false;
  upload: { onprogress: ((event: { loaded: number; total: number; lengthComputable: boolean }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  ontimeout: (() => void) | null = null;
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: unknown) {
    this.body = body;
    FakeXhr.last = this;
    setTimeout(() => FakeXhr.behaviour(this), 0);
  }
  abort() {
    this.aborted = true;
    this.onabort?.();
  }
  answer(status: number, json: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(json);
    this.onload?.();
  }
}

const Xhr = FakeXhr as unknown as XhrClass;
const media = { id: 'm1', conversationId: 'c1', mime: 'image/png', size: 4, createdAt: 1 };
const png = new Blob([new Uint8Array(4)], { type: 'image/png' });

describe('media upload', () => {
  it('posts the file to the conversation with its name and type, reporting progress', async () => {
    FakeXhr.behaviour = (xhr) => {
      xhr.upload.onprogress?.({ loaded: 2, total: 4, lengthComputable: true });
      xhr.answer(201, { media });
    };
    const progress: number[] = [];
    const upload = makeUploader({ XMLHttpRequest: Xhr });
    const result = await upload({ conversationId: 'c1', file: png, name: 'a b.png', onProgress: (p) => progress.push(p.loaded / p.total) });
    expect(result).toEqual(media);
    expect(progress).toEqual([0.5]);
    const xhr = FakeXhr.last;
    expect(xhr?.method).toBe('POST');
    expect(xhr?.url).toBe('/api/media?conversationId=c1&name=a+b.png');
    expect(xhr?.headers['content-type']).toBe('image/png');
    expect(xhr?.body).toBe(png);
  });

  it('turns a refusal into an ApiError with the server\'s code, which is not worth retrying', async () => {
    FakeXhr.behaviour = (xhr) => xhr.answer(415, { error: { code: 'unsupported_media_type', message: 'declared image/png but it is text' } });
    const error = await makeUploader({ XMLHttpRequest: Xhr })({ conversationId: 'c1', file: png }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 415, code: 'unsupported_media_type' });
    expect(isRetryable(error)).toBe(false);
  });

  it('says "offline" when no answer comes, which is worth retrying', async () => {
    FakeXhr.behaviour = (xhr) => xhr.onerror?.();
    const error = await makeUploader({ XMLHttpRequest: Xhr })({ conversationId: 'c1', file: png }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OfflineError);
    expect(isRetryable(error)).toBe(true);
    expect(isRetryable(new ApiError(503, 'internal', 'busy'))).toBe(true);
    expect(isRetryable(new ApiError(429, 'rate_limited', 'slow down'))).toBe(true);
  });

  it('cancels the request when the signal aborts', async () => {
    FakeXhr.behaviour = () => {};
    const controller = new AbortController();
    const pending = makeUploader({ XMLHttpRequest: Xhr })({ conversationId: 'c1', file: png, signal: controller.signal });
    await vi.waitFor(() => expect(FakeXhr.last?.body).toBe(png));
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    expect(FakeXhr.last?.aborted).toBe(true);
  });

  it('reports a 401 as the end of the session', async () => {
    FakeXhr.behaviour = (xhr) => xhr.answer(401, { error: { code: 'unauthenticated', message: 'no session' } });
    const onUnauthenticated = vi.fn();
    await makeUploader({ XMLHttpRequest: Xhr, onUnauthenticated })({ conversationId: 'c1', file: png }).catch(() => undefined);
    expect(onUnauthenticated).toHaveBeenCalledOnce();
  });
});
