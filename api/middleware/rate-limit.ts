/**
 * Counts every request of a route against a per-address limiter and answers
 * 429 with Retry-After once the window is full (signup).
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.js';
import { clientAddress } from '../client-address.js';
import { rateLimited } from '../http-error.js';
import type { RateLimiter } from '../rate-limiter.js';

export function limitByAddress(limiter: RateLimiter, trustedProxies: ReadonlySet<string>): MiddlewareHandler<AppEnv> {
  return async function limitByAddress(c, next) {
    const key = clientAddress(c, trustedProxies);
    const wait = limiter.retryAfter(key);
    if (wait > 0) throw rateLimited(wait);
    limiter.hit(key);
    await next();
  };
}
