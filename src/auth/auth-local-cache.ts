import { performance } from 'node:perf_hooks';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { AppConfig } from '../config/app-config.js';
import { createRedis } from '../redis/redis.module.js';
import { authInvalidationChannel, type CachedAuthUser } from './auth-cache.js';

/** Tokens kept per process; beyond this the least recently used one is read from Redis again. */
const MAX_TOKENS = 10_000;
/**
 * The subscriber PINGs Redis this often. A PONG proves every message published before the PING
 * reached us (one connection, in order), so entries are served only while the last proof is recent:
 * a connection that dies without closing (a partition) stops serving within HEARD_WITHIN_MS.
 */
const HEARTBEAT_MS = 1000;
const HEARD_WITHIN_MS = 5 * HEARTBEAT_MS;
/** Silent this long, the connection is taken for dead and opened again. */
const RECONNECT_AFTER_MS = 15 * HEARTBEAT_MS;
let instances = 0;

/** Taken before reading Redis or the database; a store with a stale ticket is dropped (see `store`). */
export interface AuthTicket {
  readonly epoch: number;
}

/**
 * Verified tokens kept in this API process, so a warm request costs no Redis round trip. Every
 * revocation and identity change is published on authInvalidationChannel in the same MULTI that
 * writes Redis (AuthCache); this process's own subscriber connection drops the matching entries.
 *
 * Fail closed: entries are served only while that subscription is confirmed live. When the
 * subscriber connection closes, everything is dropped and every request reads Redis again until it
 * has subscribed anew (and everything is dropped once more then: messages were missed meanwhile).
 *
 * Races: `epoch` moves on every message and every change of the subscription. A lookup takes a
 * ticket before it reads; if any message came in before it stores, it does not store, so an answer
 * read before a revocation never outlives it. A message that comes in after the store deletes the
 * entry as usual. The heartbeat covers a connection that dies without closing; the TTL is a last
 * safety net.
 */
@Injectable()
export class AuthLocalCache implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly tokens: LRUCache<string, CachedAuthUser>;
  /** Token ids per user, to drop a user's tokens on `u:` messages; kept in step by `dispose`. */
  private readonly byUser = new Map<string, Set<string>>();
  private readonly channel: string;
  /** The subscriber's name in Redis's CLIENT LIST: one per process (and per app, in tests that start two). */
  readonly connectionName = `concordia-auth-invalidations-${process.pid}-${++instances}`;
  private subscriber: Redis | null = null;
  private live = false;
  /** performance.now() when the last answered PING (or the confirmed SUBSCRIBE) was sent. */
  private heard = 0;
  private heartbeat: NodeJS.Timeout | null = null;
  private epoch = 0;
  /** Moves each time the subscription is lost, so a confirmation can tell it is still about the live connection. */
  private drops = 0;
  private closed = false;

  constructor(@Inject(AppConfig) private readonly config: AppConfig) {
    this.channel = authInvalidationChannel(config.queuePrefix);
    // Never longer than the Redis entry it mirrors, so a direct database change stays within both TTLs.
    const ttl = Math.min(config.authLocalCacheSeconds, config.authUserCacheSeconds) * 1000;
    this.tokens = new LRUCache({ max: MAX_TOKENS, ttl: Math.max(ttl, 1), dispose: (user, jti) => this.unindex(user.id, jti) });
  }

  get enabled(): boolean {
    return this.config.authLocalCacheSeconds > 0;
  }

  /** Whether entries are being served and stored: the subscription is confirmed, and was heard from lately. */
  get isLive(): boolean {
    return this.live && performance.now() - this.heard < HEARD_WITHIN_MS;
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    const sub = (this.subscriber = this.connect());
    this.heartbeat = setInterval(() => this.ping(sub), HEARTBEAT_MS).unref();
  }

  onApplicationShutdown(): void {
    this.closed = true;
    this.drop();
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.subscriber?.disconnect();
    this.subscriber = null;
  }

  /** The verified user of a token, or undefined (unknown, expired, or the subscription is not live). */
  get(jti: string): CachedAuthUser | undefined {
    return this.isLive ? this.tokens.get(jti) : undefined;
  }

  ticket(): AuthTicket {
    return { epoch: this.epoch };
  }

  /** Keeps a token verified with `ticket`, unless anything was invalidated since (or the subscription is down). */
  store(ticket: AuthTicket, jti: string, user: CachedAuthUser, tokenExpiresAt: Date): void {
    if (!this.isLive || ticket.epoch !== this.epoch) return;
    const left = tokenExpiresAt.getTime() - Date.now();
    if (left <= 0) return;
    this.tokens.set(jti, user, { ttl: Math.min(left, this.tokens.ttl) });
    let jtis = this.byUser.get(user.id);
    if (!jtis) this.byUser.set(user.id, (jtis = new Set()));
    jtis.add(jti);
  }

  /** Applies one message of authInvalidationChannel. */
  invalidate(message: string): void {
    this.epoch++;
    const id = message.slice(2);
    if (message.startsWith('t:')) this.tokens.delete(id);
    else if (message.startsWith('u:')) for (const jti of [...(this.byUser.get(id) ?? [])]) this.tokens.delete(jti);
    // Anything else comes from a newer or older version of this code: play safe, stay subscribed.
    else this.clear();
  }

  private connect(): Redis {
    // Its own connection: one in subscriber mode can send nothing else. Resubscribing is ours to do,
    // so that we know when the subscription is confirmed.
    const sub = createRedis(this.config, { connectionName: this.connectionName, autoResubscribe: false });
    sub.on('error', () => undefined);
    sub.on('message', (_channel: string, message: string) => this.invalidate(message));
    sub.on('ready', () => void this.subscribe(sub));
    // 'close' comes first on any loss of the connection; 'end' when ioredis gives up.
    sub.on('close', () => this.drop());
    sub.on('end', () => this.drop());
    return sub;
  }

  private async subscribe(sub: Redis): Promise<void> {
    const drops = this.drops;
    try {
      await sub.subscribe(this.channel);
    } catch {
      return; // the connection went away: 'close' dropped everything, 'ready' will come again
    }
    // Confirmed, on the connection that is still up, with no drop in between. Messages that came in
    // meanwhile (even in the same packet as the confirmation) were applied to an empty cache: harmless.
    if (this.closed || sub.status !== 'ready' || drops !== this.drops) return;
    this.clear();
    this.heard = performance.now();
    this.live = true;
  }

  private ping(sub: Redis): void {
    if (!this.live) return;
    const sent = performance.now();
    if (sent - this.heard > RECONNECT_AFTER_MS) {
      sub.disconnect(true); // 'close' drops everything; 'ready' subscribes again
      return;
    }
    sub.ping().then(
      () => (this.heard = Math.max(this.heard, sent)),
      () => undefined,
    );
  }

  /** Back to Redis on every request, with nothing kept: until `subscribe` confirms again. */
  private drop(): void {
    this.live = false;
    this.drops++;
    this.clear();
  }

  /** Forgets every token; any lookup in flight will not store (its ticket is stale). */
  private clear(): void {
    this.epoch++;
    this.tokens.clear();
    this.byUser.clear();
  }

  private unindex(userId: string, jti: string): void {
    const jtis = this.byUser.get(userId);
    if (jtis?.delete(jti) && jtis.size === 0) this.byUser.delete(userId);
  }
}
