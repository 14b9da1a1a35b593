/**
 * Accounts and sessions: signup, login (cookie), token (bearer, for
 * non-browser clients) and logout.
 */
import { Hono, type Context } from 'hono';
import { LoginBody, SignupBody, type TokenResponse, type UserResponse } from '../../shared/api.js';
import type { AppEnv } from '../app-env.js';
import { hashPassword, passwordProblem, verifyAgainstDummy, verifyPassword } from '../auth/password.js';
import { createSession, invalidateSession } from '../auth/session.js';
import { blankSessionCookie, sessionCookie } from '../auth/session-cookie.js';
import { clientAddress } from '../client-address.js';
import { badRequest, conflict, rateLimited, unauthenticated } from '../http-error.js';
import { newId } from '../ids.js';
import { readJson } from '../json-body.js';
import { requireAuth } from '../middleware/auth.js';
import { limitByAddress } from '../middleware/rate-limit.js';
import type { Services } from '../services.js';
import { toUser, type UserRecord } from '../storage/users.js';

export function authRoutes(s: Services): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  const secure = s.config.secureCookies;

  /** Start a session and hand its token to the browser as the cookie. */
  const startCookieSession = (c: Context<AppEnv>, userId: string): void => {
    const now = s.now();
    const { token, session } = createSession(s.db, userId, now);
    c.header('Set-Cookie', sessionCookie(token, session.expiresAt, now, secure), { append: true });
  };

  /**
   * Check a username and password with back-off. Unknown user and wrong password
   * take the same argon2 work and give the same answer.
   */
  const checkCredentials = async (c: Context<AppEnv>): Promise<UserRecord> => {
    const body = await readJson(c, LoginBody);
    const address = clientAddress(c, s.config.trustedProxies);
    const { loginPerUser, loginPerAddress } = s.limiters;
    const wait = Math.max(loginPerUser.retryAfter(body.username), loginPerAddress.retryAfter(address));
    if (wait > 0) throw rateLimited(wait);
    const credentials = s.users.getCredentials(body.username);
    const ok = credentials
      ? await verifyPassword(credentials.passwordHash, body.password)
      : await verifyAgainstDummy(body.password);
    if (!credentials || !ok) {
      loginPerUser.hit(body.username);
      loginPerAddress.hit(address);
      throw unauthenticated('invalid username or password');
    }
    loginPerUser.reset(body.username);
    return credentials.user;
  };

  r.post('/signup', limitByAddress(s.limiters.signupPerAddress, s.config.trustedProxies), async (c) => {
    const body = await readJson(c, SignupBody);
    const problem = passwordProblem(body.password, body.username);
    if (problem !== null) throw badRequest(problem);
    // Checked before hashing to spare the work; the UNIQUE constraint still settles races.
    if (s.users.getByUsername(body.username)) throw conflict('username is taken');
    const passwordHash = await hashPassword(body.password);
    const created = s.users.create({
      id: newId(),
      username: body.username,
      displayName: body.displayName,
      passwordHash,
      createdAt: s.now(),
    });
    if (!created.ok) throw conflict('username is taken');
    startCookieSession(c, created.user.id);
    return c.json({ user: toUser(created.user) } satisfies UserResponse, 201);
  });

  r.post('/login', async (c) => {
    const user = await checkCredentials(c);
    startCookieSession(c, user.id);
    return c.json({ user: toUser(user) } satisfies UserResponse, 200);
  });

  r.post('/token', async (c) => {
    const user = await checkCredentials(c);
    const { token } = createSession(s.db, user.id, s.now());
    return c.json({ token, user: toUser(user) } satisfies TokenResponse, 200);
  });

  r.post('/logout', requireAuth(s), (c) => {
    const { id } = c.var.session;
    invalidateSession(s.db, id);
    s.sync.closeSession(id);
    c.header('Set-Cookie', blankSessionCookie(secure), { append: true });
    return c.body(null, 204);
  });

  return r;
}
