import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { Resolver } from 'node:dns';
import ipaddr from 'ipaddr.js';
import ms from 'ms';
import { ConfigError } from './config-error.js';
import { EnvironmentVariables, type NodeEnv } from './environment.js';
import { type OidcConfig, parseOidc } from './oidc-config.js';

export { ConfigError } from './config-error.js';
export type { OidcConfig } from './oidc-config.js';

export const DEV_JWT_SECRET = 'concordia-development-secret-not-for-production';

/**
 * Bytes a request body (HTTP) or message (graphql-ws) may have: room for the longest text input
 * (minutes, 200,000 characters of up to 4 UTF-8 bytes each) and nothing like the 100 MiB default.
 */
export const MAX_REQUEST_BYTES = 1024 * 1024;

/**
 * Rough strength of a secret: Shannon entropy of its characters times its length. Catches the
 * published development value's kin, repeated characters and whitespace; not a password meter.
 */
export function estimatedSecretBits(secret: string): number {
  const counts = new Map<string, number>();
  for (const ch of secret) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const n = [...secret].length;
  let perChar = 0;
  for (const c of counts.values()) perChar -= (c / n) * Math.log2(c / n);
  return perChar * n;
}

const MIN_SECRET_BITS = 128;

function parseNetworks(list: string | undefined): [ipaddr.IPv4 | ipaddr.IPv6, number][] {
  if (!list) return [];
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((cidr) => {
      try {
        return ipaddr.parseCIDR(cidr);
      } catch {
        throw new ConfigError('WEBHOOK_ALLOW_PRIVATE_NETWORKS', 'must be a comma-separated list of CIDR ranges such as 10.1.0.0/16', cidr);
      }
    });
}

/** DNS servers (`ip` or `ip:port`, `[ipv6]:port`), as `dns.setServers` accepts them; empty: the system's resolver. */
function parseDnsServers(list: string | undefined): string[] {
  const servers = (list ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  try {
    new Resolver().setServers(servers);
  } catch {
    throw new ConfigError('WEBHOOK_DNS_SERVERS', 'must be a comma-separated list of DNS server addresses such as 9.9.9.9 or 127.0.0.1:5353', list);
  }
  return servers;
}

/** Where Redis is: one server (REDIS_URL), or the master that Sentinel names. */
export interface RedisSettings {
  /**
   * REDIS_URL. Alone: the server. Under Sentinel its host is not used (Sentinel names the master);
   * its scheme (rediss:// is TLS, to the sentinels too), user, password and database number are.
   */
  readonly url: string;
  /** REDIS_SENTINELS; empty: no Sentinel. */
  readonly sentinels: ReadonlyArray<{ host: string; port: number }>;
  /** REDIS_SENTINEL_NAME: the master group the sentinels monitor. */
  readonly sentinelName: string | null;
  /** REDIS_SENTINEL_PASSWORD: the sentinels' own password, if they require one. */
  readonly sentinelPassword: string | null;
}

function parseRedis(vars: EnvironmentVariables): RedisSettings {
  const sentinels = (vars.REDIS_SENTINELS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(entry)!;
      const port = Number(m[2]);
      if (port < 1 || port > 65535) throw new ConfigError('REDIS_SENTINELS', 'has a port outside 1-65535', entry);
      return { host: m[1], port };
    });
  if (sentinels.length > 0 && !vars.REDIS_SENTINEL_NAME)
    throw new ConfigError('REDIS_SENTINEL_NAME', 'is required with REDIS_SENTINELS (the master name the sentinels monitor)');
  if (sentinels.length === 0 && vars.REDIS_SENTINEL_NAME)
    throw new ConfigError('REDIS_SENTINELS', 'is required with REDIS_SENTINEL_NAME (the sentinels to ask, host:port,…)');
  return {
    url: vars.REDIS_URL ?? 'redis://127.0.0.1:6379',
    sentinels,
    sentinelName: sentinels.length > 0 ? vars.REDIS_SENTINEL_NAME! : null,
    sentinelPassword: vars.REDIS_SENTINEL_PASSWORD ?? null,
  };
}

/** Names Express (proxy-addr) knows for address ranges. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY → Express's `trust proxy`: false (unset: X-Forwarded-For is ignored, the client is
 * the connection's peer), a number of proxy hops, or addresses, CIDR ranges and the names
 * loopback/linklocal/uniquelocal. `true` (believe any sender's header) is refused: anyone could
 * then pick the address sign-in throttling counts.
 */
function parseTrustProxy(value: string | undefined): false | number | string[] {
  const v = value?.trim().toLowerCase();
  if (!v || v === 'false' || v === 'none') return false;
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    if (hops > 10) throw new ConfigError('TRUST_PROXY', 'must be at most 10 proxy hops', value);
    return hops === 0 ? false : hops;
  }
  const entries = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of entries) {
    if (PROXY_RANGE_NAMES.includes(entry) || ipaddr.isValid(entry)) continue;
    try {
      ipaddr.parseCIDR(entry);
    } catch {
      throw new ConfigError(
        'TRUST_PROXY',
        'must be none, a number of proxy hops, or a comma-separated list of proxy addresses, CIDR ranges, loopback, linklocal or uniquelocal',
        value,
      );
    }
  }
  return entries;
}

/** The validated, typed configuration. Built once per process by `loadConfig`. */
export class AppConfig {
  readonly nodeEnv: NodeEnv;
  readonly port: number;
  readonly databaseUrl: string;
  readonly redis: RedisSettings;
  /** Namespaces BullMQ keys and other Redis keys, so several deployments (or test files) share one Redis. */
  readonly queuePrefix: string;
  readonly jwt: { secret: string; expiresIn: string };
  /**
   * How long a user's identity stays cached in Redis (auth:user). The service's own changes drop it
   * at once; a change made directly in the database (bypassing the service) takes effect within this.
   */
  readonly authUserCacheSeconds: number;
  /**
   * How long an API process keeps a verified token in memory (AuthLocalCache), used only while its
   * invalidation subscription is live; 0 turns it off (every request reads Redis).
   */
  readonly authLocalCacheSeconds: number;
  /** `messagesPerConnection`: what one pooled SMTP connection carries before it is replaced. */
  readonly mail: { smtpUrl: string | null; from: string; poolSize: number; messagesPerConnection: number };
  readonly demo: { enabled: boolean; password: string };
  readonly logLevel: string;
  readonly publicUrl: string;
  /** The secretariat's time zone (IANA): statement notices state their times in it, and in the reader's. */
  readonly secretariatTimezone: string;
  readonly graphql: { maxDepth: number; maxAliases: number; maxCost: number; maxTokens: number; introspection: boolean };
  /** Bearer token for /metrics (null: open outside production, closed in production). */
  readonly metricsToken: string | null;
  /** CIDR ranges webhooks may reach although they are private (see webhooks/url-safety). */
  readonly webhookAllowedNetworks: [ipaddr.IPv4 | ipaddr.IPv6, number][];
  /** DNS servers that webhook host names are resolved with; empty: the system's resolver. */
  readonly webhookDnsServers: string[];
  /** Origins a browser app may call the API from (CORS); empty: none. */
  readonly corsOrigins: string[];
  /**
   * Sign-in throttling (login-throttle.service.ts): failures per account and address per window,
   * and per account from every address together per its own, longer window.
   */
  readonly login: { maxFailures: number; windowSeconds: number; accountMaxFailures: number; accountWindowSeconds: number };
  /** Express `trust proxy`: which peers' X-Forwarded-For names the client (false: none). */
  readonly trustProxy: false | number | string[];
  readonly outboxPollMs: number;
  readonly meetingReminderOffsetsMs: number[];
  readonly circulationReminderOffsetsMs: number[];
  readonly workerLockMs: number;
  readonly actionItems: { reminderOffsetsMs: number[]; escalationAfterMs: number; digestPattern: string };
  /** Single sign-on through OpenID Connect (src/auth/oidc); null when OIDC_ISSUER is unset: off, nothing of it shows. */
  readonly oidc: OidcConfig | null;

  get isProduction(): boolean {
    return this.nodeEnv === 'production';
  }

  get isDevelopment(): boolean {
    return this.nodeEnv === 'development';
  }

  /** GraphiQL at /graphql for browsers: outside production, and only where it can read the schema. */
  get graphiql(): boolean {
    return !this.isProduction && this.graphql.introspection;
  }

  constructor(values: Omit<AppConfig, 'isProduction' | 'isDevelopment' | 'graphiql'>) {
    Object.assign(this, values);
  }
}

function firstProblem(errors: ValidationError[]): ConfigError {
  const e = errors[0];
  const reason = Object.values(e.constraints ?? {})[0] ?? 'is invalid';
  // class-validator messages start with the property name; keep just the reason.
  return new ConfigError(e.property, reason.replace(new RegExp(`^${e.property}\\s*`), ''), e.value);
}

/** "7d,1d" → distinct milliseconds, longest first. */
function durations(list: string): number[] {
  return [...new Set(list.split(',').map((s) => ms(s.trim() as ms.StringValue)))].sort((a, b) => b - a);
}

/**
 * Reads and validates the environment. Throws a ConfigError naming the first bad variable;
 * entry points print its message on one line and exit.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const vars = plainToInstance(EnvironmentVariables, raw, { excludeExtraneousValues: false });
  const errors = validateSync(vars, { whitelist: false, forbidUnknownValues: false });
  if (errors.length > 0) throw firstProblem(errors);

  const nodeEnv = vars.NODE_ENV ?? 'development';
  if (nodeEnv === 'production' && !vars.JWT_SECRET) {
    throw new ConfigError('JWT_SECRET', 'is required when NODE_ENV=production');
  }
  if (nodeEnv === 'production' && vars.JWT_SECRET) {
    // The development value is published in the code: anyone could sign ADMIN tokens with it.
    if (vars.JWT_SECRET.includes(DEV_JWT_SECRET)) throw new ConfigError('JWT_SECRET', 'must not be the development secret when NODE_ENV=production');
    if (estimatedSecretBits(vars.JWT_SECRET) < MIN_SECRET_BITS) {
      throw new ConfigError('JWT_SECRET', 'is too predictable for production; use e.g. `openssl rand -base64 48`');
    }
  }
  const port = vars.PORT ?? 3000;
  const publicUrl = (vars.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
  const offsets = (vars.MEETING_REMINDER_OFFSETS ?? '24h,1h').split(',').map((s) => ms(s.trim() as ms.StringValue));
  const circulationOffsets = (vars.CIRCULATION_REMINDER_OFFSETS ?? '48h,4h').split(',').map((s) => ms(s.trim() as ms.StringValue));

  return new AppConfig({
    nodeEnv,
    port,
    databaseUrl: vars.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/concordia',
    redis: parseRedis(vars),
    queuePrefix: vars.QUEUE_PREFIX ?? 'concordia',
    jwt: { secret: vars.JWT_SECRET ?? DEV_JWT_SECRET, expiresIn: vars.JWT_EXPIRES_IN ?? '12h' },
    authUserCacheSeconds: vars.AUTH_USER_CACHE_SECONDS ?? 60,
    authLocalCacheSeconds: vars.AUTH_LOCAL_CACHE_SECONDS ?? 10,
    mail: {
      smtpUrl: vars.SMTP_URL ?? null,
      from: vars.MAIL_FROM ?? 'Concordia <no-reply@concordia.test>',
      poolSize: vars.SMTP_POOL_SIZE ?? 10,
      messagesPerConnection: vars.SMTP_MESSAGES_PER_CONNECTION ?? 1000,
    },
    // Demo data is never loaded in production, whatever DEMO_DATA says.
    demo: { enabled: nodeEnv !== 'production' && (vars.DEMO_DATA ?? nodeEnv === 'development'), password: vars.DEMO_PASSWORD ?? 'concordia' },
    logLevel: vars.LOG_LEVEL ?? (nodeEnv === 'test' ? 'warn' : 'info'),
    publicUrl,
    secretariatTimezone: vars.SECRETARIAT_TIMEZONE ?? 'Europe/Brussels',
    graphql: {
      maxDepth: vars.GRAPHQL_MAX_DEPTH ?? 10,
      maxAliases: vars.GRAPHQL_MAX_ALIASES ?? 20,
      maxCost: vars.GRAPHQL_MAX_COST ?? 20000,
      maxTokens: vars.GRAPHQL_MAX_TOKENS ?? 5000,
      introspection: vars.GRAPHQL_INTROSPECTION ?? nodeEnv !== 'production',
    },
    metricsToken: vars.METRICS_TOKEN ?? null,
    webhookAllowedNetworks: parseNetworks(vars.WEBHOOK_ALLOW_PRIVATE_NETWORKS),
    webhookDnsServers: parseDnsServers(vars.WEBHOOK_DNS_SERVERS),
    corsOrigins: (vars.CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    login: {
      maxFailures: vars.LOGIN_MAX_FAILURES ?? 10,
      windowSeconds: vars.LOGIN_WINDOW_SECONDS ?? 60,
      accountMaxFailures: vars.LOGIN_ACCOUNT_MAX_FAILURES ?? 20,
      accountWindowSeconds: vars.LOGIN_ACCOUNT_WINDOW_SECONDS ?? 900,
    },
    trustProxy: parseTrustProxy(vars.TRUST_PROXY),
    outboxPollMs: vars.OUTBOX_POLL_MS ?? 1000,
    meetingReminderOffsetsMs: [...new Set(offsets)].sort((a, b) => b - a),
    circulationReminderOffsetsMs: [...new Set(circulationOffsets)].sort((a, b) => b - a),
    workerLockMs: vars.WORKER_LOCK_MS ?? 30000,
    actionItems: {
      reminderOffsetsMs: durations(vars.ACTION_ITEM_REMINDER_OFFSETS ?? '7d,1d'),
      escalationAfterMs: ms((vars.ACTION_ITEM_ESCALATION_AFTER ?? '1d') as ms.StringValue),
      digestPattern: vars.ACTION_ITEM_DIGEST_PATTERN ?? '*/15 * * * *',
    },
    oidc: parseOidc(vars, publicUrl),
  });
}
