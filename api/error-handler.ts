/**
 * The one place errors become responses: HttpError as itself, zod failures as
 * 400, anything else as a logged 500 that reveals nothing about the cause.
 */
import type { Context, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ZodError } from 'zod';
import type { ErrorBody, ErrorCode } from '../shared/api.js';
import type { AppEnv } from './app-env.js';
import { HttpError, badRequest } from './http-error.js';

export type ErrorLogger = (error: unknown, request: { method: string; path: string }) => void;

const CODE_OF_STATUS: Readonly<Record<number, ErrorCode>> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

export function errorHandler(log: ErrorLogger): ErrorHandler<AppEnv> {
  return function onError(err: Error, c: Context<AppEnv>) {
    if (err instanceof HttpError) return c.json(err.toBody(), err.status, err.headers);
    if (err instanceof ZodError) {
      const issue = err.issues[0];
      const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      return c.json(badRequest(`${where}${issue?.message ?? 'invalid input'}`).toBody(), 400);
    }
    // Hono's own helpers throw these; keep our body shape for the client errors among them.
    if (err instanceof HTTPException && err.status < 500) {
      const code = CODE_OF_STATUS[err.status] ?? 'bad_request';
      return c.json(new HttpError(err.status, code, err.message || code).toBody(), err.status);
    }
    log(err, { method: c.req.method, path: c.req.path });
    const body: ErrorBody = { error: { code: 'internal', message: 'internal error' } };
    return c.json(body, 500);
  };
}

export const consoleErrorLogger: ErrorLogger = (error, request) => {
  console.error(`${request.method} ${request.path} failed:`, error);
};
