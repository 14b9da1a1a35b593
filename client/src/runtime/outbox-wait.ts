/**
 * What the outbox waits on and how it reads what went wrong: waiting for
 * stores (a document loaded, synced, stored) with cancellation, and the
 * errors that decide whether an item is retried, failed or left alone.
 */
import { unexpectedCase } from '../../../shared/unexpected.js';
import { type ApiError, errorMessage, isApiError } from './api.js';
import type { Access } from './socket.js';
import type { Readable } from './store.js';

/** The outbox stopped (sign-out, page closing) while an item was in progress: leave it for next time. */
export class StoppedError extends Error {
  constructor() {
    super('the outbox stopped');
    this.name = 'StoppedError';
  }
}

/** The server or the rules refuse the message; waiting will not help. */
export class RefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefusedError';
  }
}

/** Not now (the conversation could not take it yet); try again later. */
export class WaitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WaitError';
  }
}

/**
 * Resolves once `check` says true, re-checking whenever one of `sources`
 * changes; rejects with the error `check` returns, or when `signal` aborts.
 * Leaves no subscription or listener behind either way.
 */
export function waitFor(sources: readonly Readable<unknown>[], check: () => boolean | Error, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const offs: Array<() => void> = [];
    let settled = false;
    const settle = (error: Error | null): void => {
      if (settled) return;
      settled = true;
      for (const off of offs) off();
      signal.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve();
    };
    const evaluate = (): void => {
      const result = check();
      if (result !== false) settle(result === true ? null : result);
    };
    const onAbort = (): void => settle(signal.reason instanceof Error ? signal.reason : new StoppedError());
    if (signal.aborted) return onAbort();
    evaluate();
    if (settled) return;
    signal.addEventListener('abort', onAbort, { once: true });
    for (const source of sources) offs.push(source.subscribe(evaluate));
  });
}

/** Why a document will not take the record now, as the error that decides what happens to the item. */
export function accessError(access: Access): Error | null {
  switch (access) {
    case 'ok':
      return null;
    case 'forbidden':
      return new RefusedError('You are no longer a member of this conversation.');
    case 'too_large':
      return new RefusedError('This message is too large for the server.');
    case 'rate_limited':
      return new WaitError('sending too fast');
    case 'unauthenticated':
      return new StoppedError();
    default:
      return unexpectedCase(access);
  }
}

/** What to tell the person about a refusal. */
export function refusalMessage(error: unknown): string {
  if (isApiError(error)) return describeApiError(error);
  return errorMessage(error);
}

function describeApiError(error: ApiError): string {
  switch (error.code) {
    case 'too_large':
      return error.message.includes('quota') ? error.message : 'This file is too large to send.';
    case 'unsupported_media_type':
      return 'This file\u2019s type does not match its contents.';
    case 'not_found':
    case 'forbidden':
      return 'You can no longer send to this conversation.';
    default:
      return error.message;
  }
}
