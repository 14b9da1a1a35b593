/**
 * The one error type of the HTTP API: a status, a machine-readable code from
 * the shared contract and a human message. The central onError renders it.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorBody, ErrorCode } from '../shared/api.js';

export class HttpError extends Error {
  override name = 'HttpError';

  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    /** Extra response headers, e.g. Retry-After on 429. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message } };
  }
}

export function isHttpError(value: unknown): value is HttpError {
  return value instanceof HttpError;
}

// Shorthands for the answers routes give most, so the codes stay consistent.
export const badRequest = (message: string): HttpError => new HttpError(400, 'bad_request', message);
export const unauthenticated = (message = 'not authenticated'): HttpError => new HttpError(401, 'unauthenticated', message);
export const forbidden = (message: string): HttpError => new HttpError(403, 'forbidden', message);
export const notFound = (message = 'not found'): HttpError => new HttpError(404, 'not_found', message);
export const conflict = (message: string): HttpError => new HttpError(409, 'conflict', message);

export function rateLimited(retryAfterMs: number): HttpError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new HttpError(429, 'rate_limited', `too many attempts, retry in ${seconds} s`, { 'Retry-After': String(seconds) });
}
