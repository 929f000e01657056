import { describe, expect, it } from '@jest/globals';
import { ConfigError, DEV_JWT_SECRET, loadConfig } from './app-config.js';

const STRONG_SECRET = 'q7Vt2mX9pL4sK8wN3bR6yH1cJ5fD0gZaE-uQ_oI';

describe('loadConfig', () => {
  it('works on this machine with no environment at all', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      nodeEnv: 'development',
      port: 3000,
      databaseUrl: 'postgres://postgres:postgres@127.0.0.1:5432/concordia',
      redis: { url: 'redis://127.0.0.1:6379', sentinels: [], sentinelName: null },
      demo: { enabled: true, password: 'concordia' },
      mail: { smtpUrl: null, poolSize: 10, messagesPerConnection: 1000 },
    });
    expect(c.meetingReminderOffsetsMs).toEqual([24 * 3600_000, 3600_000]);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ JWT_EXPIRES_IN: 'forever' }, 'JWT_EXPIRES_IN'],
    [{ DEMO_DATA: 'maybe' }, 'DEMO_DATA'],
    [{ MEETING_REMINDER_OFFSETS: '24h,soon' }, 'MEETING_REMINDER_OFFSETS'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL'],
    [{ SMTP_POOL_SIZE: '0' }, 'SMTP_POOL_SIZE'],
    [{ SMTP_MESSAGES_PER_CONNECTION: '0' }, 'SMTP_MESSAGES_PER_CONNECTION'],
    [{ REDIS_SENTINELS: '10.0.0.1' }, 'REDIS_SENTINELS'],
    [{ REDIS_SENTINELS: '10.0.0.1:26379,10.0.0.2:99999', REDIS_SENTINEL_NAME: 'm' }, 'REDIS_SENTINELS'],
    [{ REDIS_SENTINELS: '10.0.0.1:26379' }, 'REDIS_SENTINEL_NAME'],
    [{ REDIS_SENTINEL_NAME: 'mymaster' }, 'REDIS_SENTINELS'],
    [{ REDIS_SENTINELS: '10.0.0.1:26379', REDIS_SENTINEL_NAME: 'my master' }, 'REDIS_SENTINEL_NAME'],
  ])('names the bad variable in one line: %o', (env, variable) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as ConfigError).message).toMatch(new RegExp(`^Invalid configuration: ${variable} `));
    expect((error as ConfigError).message).not.toContain('\n');
  });

  it("reads Sentinel settings: host:port list (IPv6 in brackets), master name, the sentinels' own password", () => {
    const c = loadConfig({
      REDIS_SENTINELS: ' 10.0.0.1:26379, sentinel-b.internal:26380,[fd00::3]:26381',
      REDIS_SENTINEL_NAME: 'mymaster',
      REDIS_SENTINEL_PASSWORD: 's3cret',
      REDIS_URL: 'rediss://:pw@mymaster/2',
    });
    expect(c.redis).toEqual({
      url: 'rediss://:pw@mymaster/2',
      sentinels: [
        { host: '10.0.0.1', port: 26379 },
        { host: 'sentinel-b.internal', port: 26380 },
        { host: 'fd00::3', port: 26381 },
      ],
      sentinelName: 'mymaster',
      sentinelPassword: 's3cret',
    });
  });

  it('requires a JWT secret in production and never loads demo data there', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow('JWT_SECRET is required when NODE_ENV=production');
    const c = loadConfig({ NODE_ENV: 'production', JWT_SECRET: STRONG_SECRET, DEMO_DATA: 'true' });
    expect(c.demo.enabled).toBe(false);
    expect(c.isProduction).toBe(true);
  });

  it('turns demo data off by default outside development', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).demo.enabled).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test', DEMO_DATA: 'yes' }).demo.enabled).toBe(true);
  });

  it('reads reminder offsets as durations, largest first, without duplicates', () => {
    expect(loadConfig({ MEETING_REMINDER_OFFSETS: '1h, 24h ,1h,90m' }).meetingReminderOffsetsMs).toEqual([86_400_000, 5_400_000, 3_600_000]);
  });

  it.each([
    ['the published development secret', DEV_JWT_SECRET],
    ['the development secret with a suffix', `${DEV_JWT_SECRET}-2`],
    ['32 spaces', ' '.repeat(32)],
    ['one repeated character', 'x'.repeat(64)],
    ['a short repeated pattern', 'abab'.repeat(10)],
  ])('refuses %s as JWT_SECRET in production, but not in development', (_what, secret) => {
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'development', JWT_SECRET: secret })).not.toThrow();
  });

  it('accepts a random production secret', () => {
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: STRONG_SECRET }).jwt.secret).toBe(STRONG_SECRET);
  });

  it('reads the webhook allow-list as CIDR ranges and names a bad one', () => {
    expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: '127.0.0.1/32, fd00::/8' }).webhookAllowedNetworks).toHaveLength(2);
    expect(() => loadConfig({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: '10.0.0.0/33' })).toThrow(/WEBHOOK_ALLOW_PRIVATE_NETWORKS/);
  });

  it('reads the webhook DNS servers and names a bad one', () => {
    expect(loadConfig({}).webhookDnsServers).toEqual([]);
    expect(loadConfig({ WEBHOOK_DNS_SERVERS: '9.9.9.9, 127.0.0.1:5353,[::1]:53' }).webhookDnsServers).toEqual(['9.9.9.9', '127.0.0.1:5353', '[::1]:53']);
    expect(() => loadConfig({ WEBHOOK_DNS_SERVERS: 'dns.example.org' })).toThrow(/WEBHOOK_DNS_SERVERS/);
  });

  it('trusts no proxy by default, and reads TRUST_PROXY as hops or proxy addresses, refusing "true"', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'none' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8, 192.0.2.7, fd00::/8' }).trustProxy).toEqual(['loopback', '10.0.0.0/8', '192.0.2.7', 'fd00::/8']);
    for (const bad of ['true', 'everyone', '10.0.0.0/33', '11']) expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(/^Invalid configuration: TRUST_PROXY /);
  });

  it('states statement notice times in the secretariat time zone, Europe/Brussels by default, and names a bad one', () => {
    expect(loadConfig({}).secretariatTimezone).toBe('Europe/Brussels');
    expect(loadConfig({ SECRETARIAT_TIMEZONE: 'America/New_York' }).secretariatTimezone).toBe('America/New_York');
    expect(() => loadConfig({ SECRETARIAT_TIMEZONE: 'Mars/Olympus' })).toThrow(/^Invalid configuration: SECRETARIAT_TIMEZONE /);
  });

  it('limits failed sign-ins per account to 20 per 15 minutes by default', () => {
    expect(loadConfig({}).login).toEqual({ maxFailures: 10, windowSeconds: 60, accountMaxFailures: 20, accountWindowSeconds: 900 });
  });

  describe('single sign-on (OIDC_*)', () => {
    const oidc = { OIDC_ISSUER: 'https://ecas.example.eu/cas/oauth2', OIDC_CLIENT_ID: 'concordia', OIDC_CLIENT_SECRET: 's3cret' };

    it('is off without OIDC_ISSUER, and refuses half a configuration', () => {
      expect(loadConfig({}).oidc).toBeNull();
      expect(() => loadConfig({ OIDC_CLIENT_ID: 'concordia' })).toThrow(/OIDC_CLIENT_ID is set but OIDC_ISSUER is not/);
      expect(() => loadConfig({ ...oidc, OIDC_CLIENT_SECRET: '' })).toThrow(/OIDC_CLIENT_SECRET is required/);
      expect(() => loadConfig({ ...oidc, OIDC_CLIENT_ID: undefined })).toThrow(/OIDC_CLIENT_ID is required/);
    });

    it('derives the redirect URI from PUBLIC_URL, labels the button "Single sign-on" and provisions no one by default', () => {
      expect(loadConfig({ ...oidc, PUBLIC_URL: 'https://concordia.example.eu/' }).oidc).toEqual({
        issuer: new URL(oidc.OIDC_ISSUER),
        clientId: 'concordia',
        clientSecret: 's3cret',
        redirectUri: 'https://concordia.example.eu/auth/oidc/callback',
        label: 'Single sign-on',
        allowInsecureIssuer: false,
        autoProvision: null,
      });
      expect(loadConfig({ ...oidc, OIDC_LABEL: 'EU Login', OIDC_AUTO_PROVISION: 'Observer' }).oidc).toMatchObject({
        label: 'EU Login',
        autoProvision: 'OBSERVER',
      });
      expect(() => loadConfig({ ...oidc, OIDC_AUTO_PROVISION: 'admin' })).toThrow(/OIDC_AUTO_PROVISION must be off or observer/);
    });

    it('wants an https issuer unless OIDC_ALLOW_INSECURE_ISSUER=true', () => {
      const local = { ...oidc, OIDC_ISSUER: 'http://127.0.0.1:4000' };
      expect(() => loadConfig(local)).toThrow(/OIDC_ISSUER must be an https:\/\/ URL/);
      expect(loadConfig({ ...local, OIDC_ALLOW_INSECURE_ISSUER: 'true' }).oidc?.allowInsecureIssuer).toBe(true);
      expect(() => loadConfig({ ...oidc, OIDC_ISSUER: 'ftp://x' })).toThrow(/OIDC_ISSUER must be an http\(s\) URL/);
    });
  });
});
