import { describe, expect, it } from 'vitest';
import { normalizeAddress, resolveClientAddress } from './client-address.js';
import { ConfigError, loadConfig } from './config.js';

const proxies = new Set(['127.0.0.1', '::1', '10.0.0.2']);

describe('client address for rate limits', () => {
  it('is the TCP peer unless the peer is a trusted proxy', () => {
    expect(resolveClientAddress('203.0.113.9', '198.51.100.1', proxies)).toBe('203.0.113.9');
    expect(resolveClientAddress('::ffff:203.0.113.9', undefined, proxies)).toBe('203.0.113.9');
    expect(resolveClientAddress(undefined, '198.51.100.1', proxies)).toBe('unknown');
    expect(resolveClientAddress('127.0.0.1', undefined, proxies)).toBe('127.0.0.1');
  });

  it('behind trusted proxies, takes the nearest untrusted address from the right, so a forged left part is ignored', () => {
    expect(resolveClientAddress('127.0.0.1', '198.51.100.1', proxies)).toBe('198.51.100.1');
    // The client sent "1.2.3.4" itself; the proxy appended the address it saw.
    expect(resolveClientAddress('::ffff:127.0.0.1', '1.2.3.4, 198.51.100.1', proxies)).toBe('198.51.100.1');
    // Two proxies in a row.
    expect(resolveClientAddress('127.0.0.1', '1.2.3.4, 198.51.100.7, 10.0.0.2', proxies)).toBe('198.51.100.7');
    // Only proxies, or garbage: fall back to the peer rather than guess.
    expect(resolveClientAddress('127.0.0.1', '10.0.0.2', proxies)).toBe('127.0.0.1');
    expect(resolveClientAddress('127.0.0.1', 'not-an-ip', proxies)).toBe('127.0.0.1');
    expect(normalizeAddress(' 2001:DB8::1 ')).toBe('2001:db8::1');
  });

  it('reads TRUST_PROXY from the environment and refuses what is not an IP address', () => {
    expect([...loadConfig({}).trustedProxies]).toEqual([]);
    expect([...loadConfig({ TRUST_PROXY: '127.0.0.1, ::1' }).trustedProxies]).toEqual(['127.0.0.1', '::1']);
    expect(() => loadConfig({ TRUST_PROXY: 'localhost' })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: 'localhost' })).toThrow(/TRUST_PROXY: must be a comma-separated list of IP addresses/);
  });
});
