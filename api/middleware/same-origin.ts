/**
 * CSRF defence: a state-changing request carrying cookies must come from the
 * app's own origin, judged by the browser-set `Sec-Fetch-Site` and `Origin`.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.js';
import { forbidden } from '../http-error.js';

const UNSAFE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface OriginHeaders {
  secFetchSite: string | undefined;
  origin: string | undefined;
}

/**
 * Why a request is cross-site, or null when it may be same-origin. Absent
 * headers pass: non-browser clients send neither, and browsers always send
 * `Origin` on cross-origin POSTs. Also usable at the WebSocket upgrade.
 */
export function crossSiteReason(h: OriginHeaders, ownOrigin: string): string | null {
  // "same-site" is refused too: a sibling subdomain is not this app.
  if (h.secFetchSite !== undefined && h.secFetchSite !== 'same-origin' && h.secFetchSite !== 'none') {
    return `cross-site request refused (Sec-Fetch-Site: ${h.secFetchSite})`;
  }
  if (h.origin !== undefined && h.origin !== ownOrigin) return 'cross-origin request refused';
  return null;
}

export function sameOriginOnly(options: { publicOrigin: string | null }): MiddlewareHandler<AppEnv> {
  const { publicOrigin } = options;
  return async function sameOriginOnly(c, next) {
    // A cross-site page cannot set Authorization, and when it is present the cookie is ignored.
    if (UNSAFE_METHODS.has(c.req.method) && c.req.header('authorization') === undefined) {
      // Behind a proxy the request URL is the internal one; the configured public origin is the truth.
      const ownOrigin = publicOrigin ?? new URL(c.req.url).origin;
      const reason = crossSiteReason({ secFetchSite: c.req.header('sec-fetch-site'), origin: c.req.header('origin') }, ownOrigin);
      if (reason !== null) throw forbidden(reason);
    }
    await next();
  };
}
