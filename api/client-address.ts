/**
 * The address rate limits are keyed by: the TCP peer, unless the peer is one
 * of the reverse proxies named in TRUST_PROXY. Then it is the nearest address
 * in X-Forwarded-For that is not a trusted proxy (read from the right: each
 * proxy appends the address it saw, and anything further left may be forged
 * by the client). Without TRUST_PROXY forwarded headers are ignored, since
 * anyone can send them.
 */
import { isIP } from 'node:net';
import type { Context } from 'hono';
import type { AppEnv } from './app-env.js';

/** `::ffff:10.0.0.1` and `10.0.0.1` are one peer. */
export function normalizeAddress(address: string): string {
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return (mapped?.[1] ?? trimmed).toLowerCase();
}

/** The client's address given the TCP peer, the X-Forwarded-For header and the trusted proxies. */
export function resolveClientAddress(peer: string | undefined, forwardedFor: string | undefined, trusted: ReadonlySet<string>): string {
  if (peer === undefined) return 'unknown';
  const direct = normalizeAddress(peer);
  if (!trusted.has(direct) || !forwardedFor) return direct;
  const hops = forwardedFor.split(',').map(normalizeAddress);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (isIP(hop) === 0) return direct; // garbage in the chain: do not guess
    if (!trusted.has(hop)) return hop;
  }
  return direct;
}

export function clientAddress(c: Context<AppEnv>, trusted: ReadonlySet<string>): string {
  // `env` is absent when the app is called in-process (tests), despite its type.
  const env: AppEnv['Bindings'] | undefined = c.env;
  return resolveClientAddress(env?.incoming?.socket.remoteAddress, c.req.header('x-forwarded-for'), trusted);
}
