/**
 * Session authentication for a route: reads the token from the bearer header
 * or the cookie, puts `user` and `session` on the context, 401 otherwise.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.js';
import { readSessionToken, validateSessionToken } from '../auth/session.js';
import { sessionCookie } from '../auth/session-cookie.js';
import { unauthenticated } from '../http-error.js';
import type { Services } from '../services.js';

export function requireAuth(s: Pick<Services, 'db' | 'config' | 'now'>): MiddlewareHandler<AppEnv> {
  const secure = s.config.secureCookies;
  return async function requireAuth(c, next) {
    const authorization = c.req.header('authorization') ?? null;
    const token = readSessionToken({ cookie: c.req.header('cookie') ?? null, authorization }, secure);
    if (token === null) throw unauthenticated();
    const now = s.now();
    const found = validateSessionToken(s.db, token, now);
    if (found === null) throw unauthenticated('session expired or invalid');
    // The browser's cookie must follow the sliding expiry, or it would drop a live session.
    if (found.extended && authorization === null) {
      c.header('Set-Cookie', sessionCookie(token, found.session.expiresAt, now, secure), { append: true });
    }
    c.set('user', found.user);
    c.set('session', found.session);
    await next();
  };
}
