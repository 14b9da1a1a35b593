/**
 * The HTTP API (ARCHITECTURE §3) as one Hono app, everything under /api. The
 * entry point serves it; tests call `app.request()` in-process.
 */
import { Hono } from 'hono';
import type { AppEnv } from './app-env.js';
import { consoleErrorLogger, errorHandler, type ErrorLogger } from './error-handler.js';
import { notFound } from './http-error.js';
import { sameOriginOnly } from './middleware/same-origin.js';
import { authRoutes } from './routes/auth.js';
import { contactRoutes } from './routes/contacts.js';
import { conversationRoutes } from './routes/conversations.js';
import { mediaRoutes } from './routes/media.js';
import { memberRoutes } from './routes/members.js';
import { meRoutes, userRoutes } from './routes/users.js';
import { makeServices, type AppDeps } from './services.js';

export type { AppEnv } from './app-env.js';
export type { AppDeps, RateLimitSettings } from './services.js';

export interface CreateAppOptions extends AppDeps {
  /** Where unexpected errors go; defaults to the console unless the log level is silent. */
  logError?: ErrorLogger;
}

export function createApp(deps: CreateAppOptions): Hono<AppEnv> {
  const s = makeServices(deps);
  const silent: ErrorLogger = () => {};
  const logError = deps.logError ?? (deps.config.logLevel === 'silent' ? silent : consoleErrorLogger);

  const app = new Hono<AppEnv>();
  app.use('/api/*', async function noStore(c, next) {
    await next();
    // Answers are per-user and private: no shared or browser cache may keep them,
    // unless the route set its own policy (media downloads: private, immutable).
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });
  app.use('/api/*', sameOriginOnly({ publicOrigin: deps.config.publicOrigin }));

  app.route('/api/auth', authRoutes(s));
  app.route('/api/me', meRoutes(s));
  app.route('/api/users', userRoutes(s));
  app.route('/api/contacts', contactRoutes(s));
  app.route('/api/conversations', conversationRoutes(s));
  app.route('/api/conversations', memberRoutes(s));
  app.route('/api/media', mediaRoutes(s));
  app.all('/api/*', () => {
    throw notFound('no such route');
  });

  app.onError(errorHandler(logError));
  return app;
}
