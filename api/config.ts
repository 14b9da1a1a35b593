/**
 * Typed configuration, read once at the entry point from the environment and
 * passed down. No other module reads process.env.
 */
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

import { normalizeAddress } from './client-address.js';

const port = z.coerce.number().int().min(0).max(65535);
const bytes = z.coerce.number().int().positive();

const Env = z.object({
  PORT: port.default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  /** Public origin (e.g. https://chat.example.org) when behind a proxy; enables Secure cookies over https. */
  PUBLIC_ORIGIN: z.url().optional(),
  MEDIA_MAX_BYTES: bytes.default(25 * 1024 * 1024),
  MEDIA_QUOTA_BYTES: bytes.default(1024 * 1024 * 1024),
  /** Directory of the built client; empty string serves no client (API and sync only). */
  CLIENT_DIR: z.string().default('./dist/client'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** Comma-separated IP addresses of reverse proxies whose X-Forwarded-For is believed (rate limits). */
  TRUST_PROXY: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((a) => a.trim()).filter((a) => a !== ''))
    .refine((list) => list.every((a) => isIP(a) !== 0), { message: 'must be a comma-separated list of IP addresses, e.g. 127.0.0.1,::1' }),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseFile: string;
  mediaDir: string;
  publicOrigin: string | null;
  /** Cookies get `Secure` and the `__Host-` prefix. */
  secureCookies: boolean;
  mediaMaxBytes: number;
  mediaQuotaBytes: number;
  clientDir: string | null;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Reverse proxies whose X-Forwarded-For names the client (normalized addresses). */
  trustedProxies: ReadonlySet<string>;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const publicOrigin = e.PUBLIC_ORIGIN ? new URL(e.PUBLIC_ORIGIN).origin : null;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseFile: path.join(dataDir, 'messenger.db'),
    mediaDir: path.join(dataDir, 'media'),
    publicOrigin,
    secureCookies: publicOrigin?.startsWith('https:') ?? false,
    mediaMaxBytes: e.MEDIA_MAX_BYTES,
    mediaQuotaBytes: e.MEDIA_QUOTA_BYTES,
    clientDir: e.CLIENT_DIR === '' ? null : path.resolve(e.CLIENT_DIR),
    logLevel: e.LOG_LEVEL,
    trustedProxies: new Set(e.TRUST_PROXY.map(normalizeAddress)),
  };
}
