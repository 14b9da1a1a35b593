/**
 * Where a session token travels: the `session` cookie (`__Host-session` over
 * HTTPS) for browsers, `Authorization: Bearer` for other clients.
 */

export interface TokenHeaders {
  cookie?: string | null | undefined;
  authorization?: string | null | undefined;
}

export const sessionCookieName = (secureCookies: boolean): string => (secureCookies ? '__Host-session' : 'session');

/**
 * The session token of a request, or null. When an Authorization header is
 * present it alone counts (no fallback to the cookie), which is what lets
 * bearer requests skip the CSRF check: a cross-site page cannot set that header.
 */
export function readSessionToken(headers: TokenHeaders, secureCookies: boolean): string | null {
  if (headers.authorization != null) {
    const match = /^Bearer +([^\s]+)\s*$/i.exec(headers.authorization);
    return match?.[1] ?? null;
  }
  if (headers.cookie == null) return null;
  // Only the name for this deployment: over HTTPS a plain `session` cookie could be
  // planted by a sibling host, which `__Host-` rules out.
  const name = sessionCookieName(secureCookies);
  for (const part of headers.cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      return value === '' ? null : value;
    }
  }
  return null;
}

/** Set-Cookie value carrying `token` until `expiresAt`. */
export function sessionCookie(token: string, expiresAt: number, now: number, secureCookies: boolean): string {
  const maxAge = Math.max(0, Math.floor((expiresAt - now) / 1000));
  return serialize(sessionCookieName(secureCookies), token, maxAge, secureCookies);
}

/** Set-Cookie value that makes the browser forget the session cookie. */
export function blankSessionCookie(secureCookies: boolean): string {
  return serialize(sessionCookieName(secureCookies), '', 0, secureCookies);
}

function serialize(name: string, value: string, maxAge: number, secure: boolean): string {
  return `${name}=${value}; Max-Age=${maxAge}; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}
