import { type Redis } from 'ioredis';
import { type AppConfig } from '../config/app-config.js';
import { AuthLocalCache } from './auth-local-cache.js';
import { type CachedAuthUser } from './auth-cache.js';

const config = {
  queuePrefix: 'unit',
  authLocalCacheSeconds: 10,
  authUserCacheSeconds: 60,
  redis: { url: 'redis://127.0.0.1:1', sentinels: [], sentinelName: null, sentinelPassword: null },
} as unknown as AppConfig;
const user = { id: 'u1' } as CachedAuthUser;
const inAnHour = () => new Date(Date.now() + 3_600_000);

/** A subscriber connection that confirms SUBSCRIBE, running `during` before the confirmation reaches us. */
function subscriber(during: () => void = () => undefined): Redis {
  return {
    status: 'ready',
    subscribe: () => {
      during();
      return Promise.resolve(1);
    },
  } as unknown as Redis;
}

describe('AuthLocalCache (the subscription state, without Redis)', () => {
  it('goes live when a revocation message arrives together with the SUBSCRIBE confirmation', async () => {
    const cache = new AuthLocalCache(config);
    await cache['subscribe'](subscriber(() => cache.invalidate('t:other')));
    expect(cache.isLive).toBe(true);
    cache.store(cache.ticket(), 'jti-1', user, inAnHour());
    expect(cache.get('jti-1')).toBe(user);
  });

  it('does not go live when the connection was lost before the confirmation', async () => {
    const cache = new AuthLocalCache(config);
    await cache['subscribe'](subscriber(() => cache['drop']()));
    expect(cache.isLive).toBe(false);
  });

  it('forgets everything on a message it does not know, and stays live', async () => {
    const cache = new AuthLocalCache(config);
    await cache['subscribe'](subscriber());
    const ticket = cache.ticket();
    cache.store(ticket, 'jti-1', user, inAnHour());
    cache.invalidate('x:from-a-newer-version');
    expect(cache.get('jti-1')).toBeUndefined();
    expect(cache.isLive).toBe(true);
    cache.store(ticket, 'jti-2', user, inAnHour()); // a ticket taken before the message stores nothing
    expect(cache.get('jti-2')).toBeUndefined();
  });
});
