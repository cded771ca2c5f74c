import { createHmac, randomBytes } from 'node:crypto';

export interface PublicRateLimiterOptions {
  /** Requests allowed per client within the window. */
  limit: number;
  windowMs: number;
  /** Most clients remembered at once; beyond it the longest-idle are forgotten first. */
  maxClients?: number;
  /**
   * Key of the keyed hash that replaces each address. Random per limiter unless a test passes one:
   * a fresh key per process means the hashes cannot be joined across restarts or with other data.
   */
  salt?: Buffer;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * A sliding-window limiter for anonymous, public routes (the self-check). It never keeps a client's
 * address: only an HMAC-SHA-256 of it under a per-process random key, and only in memory, next to the
 * times of that client's recent requests. Memory is bounded by `maxClients × limit` timestamps;
 * expired clients are pruned once per window, and when the map is full the longest-idle client is
 * dropped rather than refusing newcomers (failing open for a page that shows crisis lines).
 */
export class PublicRateLimiter {
  private readonly hits = new Map<string, number[]>();
  private readonly salt: Buffer;
  private readonly maxClients: number;
  private lastPrune = 0;

  constructor(private readonly options: PublicRateLimiterOptions) {
    this.salt = options.salt ?? randomBytes(32);
    this.maxClients = options.maxClients ?? 10_000;
  }

  /** The salted hash that stands for an address in memory. */
  clientKey(ip: string): string {
    return createHmac('sha256', this.salt).update(ip).digest('base64url');
  }

  /** Counts one request from `ip` at `now` (ms) if it is within the limit; refused requests are not counted. */
  hit(ip: string, now: number): RateDecision {
    const { limit, windowMs } = this.options;
    if (now - this.lastPrune >= windowMs) this.prune(now);
    const key = this.clientKey(ip);
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < windowMs);
    if (recent.length >= limit) {
      const oldest = recent[0] ?? now;
      this.hits.set(key, recent);
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - now) / 1000)) };
    }
    recent.push(now);
    // Re-inserting moves the client to the end of the map's order: the first entry is the longest idle.
    this.hits.delete(key);
    if (this.hits.size >= this.maxClients) this.prune(now);
    while (this.hits.size >= this.maxClients) {
      const idlest = this.hits.keys().next().value;
      if (idlest === undefined) break;
      this.hits.delete(idlest);
    }
    this.hits.set(key, recent);
    return { allowed: true };
  }

  /** Forgets every client whose requests have all left the window. */
  prune(now: number): void {
    this.lastPrune = now;
    for (const [key, times] of this.hits) {
      const last = times[times.length - 1];
      if (last === undefined || now - last >= this.options.windowMs) this.hits.delete(key);
    }
  }

  /** What the limiter holds, for tests and diagnostics: the hashed keys and their counts. */
  snapshot(): { clients: number; entries: { key: string; count: number }[] } {
    return {
      clients: this.hits.size,
      entries: [...this.hits].map(([key, times]) => ({ key, count: times.length })),
    };
  }
}
