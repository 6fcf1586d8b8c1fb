import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';

export interface Bucket {
  /** e.g. `sms`, `sms:+14155550100` */
  key: string;
  /** tokens the bucket holds when full (the burst) */
  capacity: number;
  /** tokens added per second */
  refillPerSecond: number;
}

// One atomic take from a token bucket kept in a Redis hash: refill by elapsed time, then take one if there is one.
// Answers 0 when taken, else the ms until a token is there. Time comes from Redis, so every process agrees.
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2]) / 1000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + (now - at) * rate)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) / rate) end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / rate) + 1000)
return wait`;

/**
 * Per-channel (and per-phone) token buckets, so an alert storm cannot flood a phone or get the SMTP account
 * blocked. In Redis when REDIS_URL is set (shared by every worker), else in this process.
 */
@Injectable()
export class RateLimiter implements OnModuleDestroy {
  private readonly redis?: Redis;
  private readonly local = new Map<string, { tokens: number; at: number }>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    if (config.redisUrl) {
      this.redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 3, lazyConnect: true });
      this.redis.on('error', () => undefined);
    }
  }

  /** Takes one token from every bucket, or none: answers 0, or the ms to wait before trying again. */
  async take(buckets: Bucket[]): Promise<number> {
    let wait = 0;
    for (const bucket of buckets) {
      wait = Math.max(wait, await this.takeOne(bucket));
      if (wait > 0) return wait;
    }
    return 0;
  }

  private async takeOne(b: Bucket): Promise<number> {
    if (this.redis) {
      const key = `${this.config.redisPrefix}:notifications:rate:${b.key}`;
      return Number(await this.redis.eval(TAKE, 1, key, b.capacity, b.refillPerSecond));
    }
    const now = Date.now();
    const state = this.local.get(b.key) ?? { tokens: b.capacity, at: now };
    const tokens = Math.min(b.capacity, state.tokens + ((now - state.at) / 1000) * b.refillPerSecond);
    if (tokens >= 1) {
      this.local.set(b.key, { tokens: tokens - 1, at: now });
      return 0;
    }
    this.local.set(b.key, { tokens, at: now });
    return Math.ceil(((1 - tokens) / b.refillPerSecond) * 1000);
  }

  async onModuleDestroy(): Promise<void> {
    await this.redis?.quit().catch(() => undefined);
  }
}
