import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PublicRateLimiter } from './publicRateLimiter.js';

const WINDOW = 10 * 60_000;
const IPS = ['203.0.113.7', '2001:db8::42', '198.51.100.23'];

/** Everything the limiter object holds, as text: its fields, its map's keys and values. */
const everythingIn = (limiter: PublicRateLimiter): string =>
  `${inspect(limiter, { depth: 10, showHidden: true, maxArrayLength: null })}\n${JSON.stringify(limiter.snapshot())}`;

describe('PublicRateLimiter', () => {
  it('keeps no address, only salted hashes', () => {
    const limiter = new PublicRateLimiter({ limit: 5, windowMs: WINDOW });
    for (const ip of IPS) limiter.hit(ip, 1_000);
    const held = everythingIn(limiter);
    for (const ip of IPS) {
      expect(held).not.toContain(ip);
      // Nor any recognisable part of it.
      expect(held).not.toContain(ip.split(/[.:]/).filter(Boolean).slice(0, 2).join('.'));
    }
    expect(limiter.snapshot().entries.map((e) => e.key)).toEqual(IPS.map((ip) => limiter.clientKey(ip)));
  });

  it('salts per limiter: the same address hashes differently in another process', () => {
    const a = new PublicRateLimiter({ limit: 5, windowMs: WINDOW });
    const b = new PublicRateLimiter({ limit: 5, windowMs: WINDOW });
    expect(a.clientKey(IPS[0] ?? '')).not.toBe(b.clientKey(IPS[0] ?? ''));
    const salt = Buffer.alloc(32, 7);
    const c = new PublicRateLimiter({ limit: 5, windowMs: WINDOW, salt });
    const d = new PublicRateLimiter({ limit: 5, windowMs: WINDOW, salt });
    expect(c.clientKey('203.0.113.7')).toBe(d.clientKey('203.0.113.7'));
    expect(c.clientKey('203.0.113.7')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('allows `limit` requests per sliding window, then says when to retry', () => {
    const limiter = new PublicRateLimiter({ limit: 3, windowMs: WINDOW });
    expect(limiter.hit('203.0.113.7', 0)).toEqual({ allowed: true });
    expect(limiter.hit('203.0.113.7', 60_000)).toEqual({ allowed: true });
    expect(limiter.hit('203.0.113.7', 120_000)).toEqual({ allowed: true });
    expect(limiter.hit('203.0.113.7', 180_000)).toEqual({ allowed: false, retryAfterSeconds: 420 });
    // Another address has its own allowance.
    expect(limiter.hit('198.51.100.23', 180_000)).toEqual({ allowed: true });
    // Refusals are not counted: the first request leaves the window at 10 minutes and one more fits.
    expect(limiter.hit('203.0.113.7', WINDOW - 1)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.hit('203.0.113.7', WINDOW)).toEqual({ allowed: true });
    expect(limiter.hit('203.0.113.7', WINDOW + 1)).toEqual({ allowed: false, retryAfterSeconds: 60 });
  });

  it('prunes clients whose requests have left the window', () => {
    const limiter = new PublicRateLimiter({ limit: 3, windowMs: WINDOW });
    for (const ip of IPS) limiter.hit(ip, 0);
    expect(limiter.snapshot().clients).toBe(3);
    limiter.hit('192.0.2.1', WINDOW);
    expect(limiter.snapshot().clients).toBe(1);
  });

  it('stays bounded: a full map forgets the longest-idle client instead of refusing newcomers', () => {
    const limiter = new PublicRateLimiter({ limit: 2, windowMs: WINDOW, maxClients: 100 });
    for (let i = 0; i < 1_000; i += 1) {
      expect(limiter.hit(`10.0.${Math.floor(i / 256)}.${i % 256}`, i).allowed).toBe(true);
      expect(limiter.snapshot().clients).toBeLessThanOrEqual(100);
    }
    const keys = new Set(limiter.snapshot().entries.map((e) => e.key));
    expect(keys.has(limiter.clientKey('10.0.3.231'))).toBe(true);
    expect(keys.has(limiter.clientKey('10.0.0.0'))).toBe(false);
    for (const { count } of limiter.snapshot().entries) expect(count).toBeLessThanOrEqual(2);
  });
});
