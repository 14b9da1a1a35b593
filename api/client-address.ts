/**
 * The address rate limits are keyed by: the TCP peer. Forwarded-for headers
 * are ignored because anyone can send them; behind a proxy all clients share one key.
 */
import type { Context } from 'hono';
import type { AppEnv } from './app-env.js';

export function clientAddress(c: Context<AppEnv>): string {
  // `env` is absent when the app is called in-process (tests), despite its type.
  const env: AppEnv['Bindings'] | undefined = c.env;
  return env?.incoming?.socket.remoteAddress ?? 'unknown';
}
