/**
 * The signed-in user (`GET /api/me`), what the server allows them
 * (`GET /api/me/limits`) and finding other users to talk to (`GET /api/users?q=`).
 */
import { Hono } from 'hono';
import { type LimitsResponse, UserSearchQuery, type UserResponse, type UsersResponse } from '../../shared/api.js';
import type { AppEnv } from '../app-env.js';
import { requireAuth } from '../middleware/auth.js';
import type { Services } from '../services.js';
import { toUser } from '../storage/users.js';

const SEARCH_LIMIT = 20;

export function meRoutes(s: Services): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.get('/', requireAuth(s), (c) => c.json({ user: toUser(c.var.user) } satisfies UserResponse, 200));
  r.get('/limits', requireAuth(s), (c) =>
    c.json({ limits: { mediaMaxBytes: s.config.mediaMaxBytes, mediaQuotaBytes: s.config.mediaQuotaBytes } } satisfies LimitsResponse, 200),
  );
  return r;
}

export function userRoutes(s: Services): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.get('/', requireAuth(s), (c) => {
    const { q } = UserSearchQuery.parse({ q: c.req.query('q') });
    const users = s.users.search(q, c.var.user.id, SEARCH_LIMIT);
    return c.json({ users } satisfies UsersResponse, 200);
  });
  return r;
}
