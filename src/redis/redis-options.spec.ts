import { loadConfig } from '../config/app-config.js';
import { describeRedis, redisConnectionOptions } from './redis.module.js';

const sentinel = { REDIS_SENTINELS: '10.0.0.1:26379,10.0.0.2:26379', REDIS_SENTINEL_NAME: 'mymaster' };

describe('redisConnectionOptions', () => {
  it('connects to the one server of REDIS_URL, with its user, password, database and TLS', () => {
    expect(redisConnectionOptions(loadConfig({ REDIS_URL: 'rediss://app:p%40ss@redis.internal:6380/3' }).redis)).toEqual({
      host: 'redis.internal',
      port: 6380,
      username: 'app',
      password: 'p@ss',
      db: 3,
      tls: {},
    });
    const plain = redisConnectionOptions(loadConfig({}).redis);
    expect(plain).toMatchObject({ host: '127.0.0.1', port: 6379, db: 0 });
    expect(plain.tls).toBeUndefined();
  });

  it("asks the sentinels for the master, with the URL's password and TLS for master, replicas and sentinels", () => {
    const options = redisConnectionOptions(
      loadConfig({ ...sentinel, REDIS_URL: 'rediss://:data-pw@mymaster/1', REDIS_SENTINEL_PASSWORD: 'sentinel-pw' }).redis,
    );
    expect(options).toMatchObject({
      sentinels: [
        { host: '10.0.0.1', port: 26379 },
        { host: '10.0.0.2', port: 26379 },
      ],
      name: 'mymaster',
      password: 'data-pw',
      sentinelPassword: 'sentinel-pw',
      db: 1,
      tls: {},
      enableTLSForSentinelMode: true,
      sentinelTLS: {},
    });
    expect(options.host).toBeUndefined();
  });

  it("leaves TLS and the sentinels' password off unless asked", () => {
    const options = redisConnectionOptions(loadConfig(sentinel).redis);
    expect(options).toMatchObject({ name: 'mymaster', sentinelPassword: undefined, password: undefined });
    expect(options.tls).toBeUndefined();
    expect(options.enableTLSForSentinelMode).toBeUndefined();
  });

  it('describes where Redis is without a password', () => {
    expect(describeRedis(loadConfig({ REDIS_URL: 'redis://:secret@r.internal:6390/2' }))).toBe('r.internal:6390/2');
    expect(describeRedis(loadConfig({ ...sentinel, REDIS_URL: 'redis://:secret@mymaster' }))).toBe(
      'master "mymaster" of Sentinel 10.0.0.1:26379,10.0.0.2:26379',
    );
  });
});
