import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, IsTimeZone, Matches, Max, MinLength, Min } from 'class-validator';

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

const toBoolean = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off', ''].includes(v)) return false;
  return value; // left as a string so @IsBoolean reports it
};

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value);

/** Duration as understood by `ms`, e.g. "12h", "90m", "7d". */
export const DURATION_PATTERN = /^\d+(\.\d+)?\s*(ms|s|m|h|d|w)$/;
const DURATION_LIST_PATTERN = /^\s*\d+(\.\d+)?\s*(ms|s|m|h|d|w)\s*(,\s*\d+(\.\d+)?\s*(ms|s|m|h|d|w)\s*)*$/;

/**
 * The process environment as the service reads it. Every variable is optional here; defaults for
 * local development are applied in `loadConfig`, and rules that depend on NODE_ENV live there too.
 */
export class EnvironmentVariables {
  @IsOptional() @IsIn(NODE_ENVS) NODE_ENV?: NodeEnv;

  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(65535) PORT?: number;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/[^\s]+$/, { message: 'must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @Matches(/^rediss?:\/\/[^\s]+$/, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  /** Sentinels (`host:port,host:port,…`) that name the Redis master; unset: REDIS_URL is the one server. */
  @IsOptional()
  @Matches(/^\s*(\[[0-9a-fA-F:.]+\]|[^\s,:[\]]+):\d{1,5}\s*(,\s*(\[[0-9a-fA-F:.]+\]|[^\s,:[\]]+):\d{1,5}\s*)*$/, {
    message: 'must be a comma-separated list of host:port, e.g. 10.0.0.1:26379,10.0.0.2:26379',
  })
  REDIS_SENTINELS?: string;

  /** The master group name the sentinels monitor (`sentinel monitor <name> …`). */
  @IsOptional()
  @Matches(/^[a-zA-Z0-9._-]{1,100}$/, { message: 'must be the master name the sentinels monitor, e.g. mymaster' })
  REDIS_SENTINEL_NAME?: string;

  /** The sentinels' own password (their `requirepass`), when they have one; the master's comes from REDIS_URL. */
  @IsOptional()
  @IsString()
  REDIS_SENTINEL_PASSWORD?: string;

  @IsOptional()
  @Matches(/^[a-zA-Z0-9_-]{1,40}$/, { message: 'must be 1-40 letters, digits, "-" or "_"' })
  QUEUE_PREFIX?: string;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsOptional()
  @Matches(DURATION_PATTERN, { message: 'must be a duration such as 12h or 30m' })
  JWT_EXPIRES_IN?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(600) AUTH_USER_CACHE_SECONDS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(60) AUTH_LOCAL_CACHE_SECONDS?: number;

  @IsOptional()
  @Matches(/^smtps?:\/\/[^\s]+$/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  /** SMTP connections each worker keeps open (the relay's per-client limit bounds it). */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(50) SMTP_POOL_SIZE?: number;

  /** Messages an SMTP connection carries before the pool replaces it (a relay that closes sooner needs it lower). */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(100_000) SMTP_MESSAGES_PER_CONNECTION?: number;

  @IsOptional()
  @IsEmail({ allow_display_name: true }, { message: 'must be an e-mail address' })
  MAIL_FROM?: string;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'must be true or false' })
  DEMO_DATA?: boolean;

  @IsOptional()
  @IsString()
  @MinLength(8, { message: 'must be at least 8 characters' })
  DEMO_PASSWORD?: string;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be an http(s) URL' })
  PUBLIC_URL?: string;

  /** The secretariat's time zone: statement notices give their times in it (and in the reader's). */
  @IsOptional()
  @IsTimeZone({ message: 'must be an IANA time zone such as Europe/Brussels' })
  SECRETARIAT_TIMEZONE?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(2) @Max(50) GRAPHQL_MAX_DEPTH?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(500) GRAPHQL_MAX_ALIASES?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(10) @Max(1_000_000) GRAPHQL_MAX_COST?: number;
  /** Schema introspection (GraphiQL's docs, codegen); on by default outside production. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'must be true or false' })
  GRAPHQL_INTROSPECTION?: boolean;

  /** Browser origins allowed to call the API, comma-separated (none by default). */
  @IsOptional()
  @Matches(/^\s*https?:\/\/[^\s,/]+\s*(,\s*https?:\/\/[^\s,/]+\s*)*$/, { message: 'must be a comma-separated list of origins such as https://app.example.org' })
  CORS_ORIGINS?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(1000) LOGIN_MAX_FAILURES?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(86400) LOGIN_WINDOW_SECONDS?: number;
  /** Failed sign-ins one account may have from all addresses together, per LOGIN_ACCOUNT_WINDOW_SECONDS. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(10000) LOGIN_ACCOUNT_MAX_FAILURES?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(86400) LOGIN_ACCOUNT_WINDOW_SECONDS?: number;

  /** Which proxies' X-Forwarded-For to believe: a hop count or addresses/CIDRs (checked in app-config); none by default. */
  @IsOptional()
  @IsString()
  TRUST_PROXY?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(10) @Max(60000) OUTBOX_POLL_MS?: number;

  @IsOptional()
  @Matches(DURATION_LIST_PATTERN, { message: 'must be a comma-separated list of durations, e.g. 24h,1h' })
  MEETING_REMINDER_OFFSETS?: string;

  /** How long before a circulation's deadline the delegations that have not answered are reminded. */
  @IsOptional()
  @Matches(DURATION_LIST_PATTERN, { message: 'must be a comma-separated list of durations, e.g. 48h,4h' })
  CIRCULATION_REMINDER_OFFSETS?: string;
  /** Bearer token that /metrics requires; without it /metrics answers 404 in production. */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'must be at least 16 characters' })
  METRICS_TOKEN?: string;

  /** Private networks webhooks may reach anyway (CIDR list), e.g. for on-premises receivers and tests. */
  @IsOptional()
  @IsString()
  WEBHOOK_ALLOW_PRIVATE_NETWORKS?: string;
  /** DNS servers webhook host names are resolved with (comma-separated), instead of the system's resolver. */
  @IsOptional()
  @IsString()
  WEBHOOK_DNS_SERVERS?: string;

  /** Largest GraphQL document, in lexical tokens, that is parsed at all. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(100) @Max(100_000) GRAPHQL_MAX_TOKENS?: number;

  @IsOptional()
  @Matches(DURATION_LIST_PATTERN, { message: 'must be a comma-separated list of durations, e.g. 7d,1d' })
  ACTION_ITEM_REMINDER_OFFSETS?: string;

  @IsOptional()
  @Matches(DURATION_PATTERN, { message: 'must be a duration such as 1d or 12h' })
  ACTION_ITEM_ESCALATION_AFTER?: string;

  /** Cron pattern (UTC, seconds optional) of the digest scheduler; each firing serves the users whose Monday 08:00 has come. */
  @IsOptional()
  @Matches(/^\S+( \S+){4,5}$/, { message: 'must be a cron pattern such as */15 * * * *' })
  ACTION_ITEM_DIGEST_PATTERN?: string;

  /** How long a worker holds a job before BullMQ considers it stalled and hands it to another. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1000) @Max(600000) WORKER_LOCK_MS?: number;

  /** Single sign-on (OpenID Connect): the provider's issuer URL (discovery at /.well-known/openid-configuration); unset: off. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be an http(s) URL' })
  OIDC_ISSUER?: string;
  @IsOptional() @IsString() @MinLength(1) OIDC_CLIENT_ID?: string;
  @IsOptional() @IsString() @MinLength(1) OIDC_CLIENT_SECRET?: string;
  /** The sign-in page's button text. */
  @IsOptional() @IsString() @MinLength(1) OIDC_LABEL?: string;
  /** Allows an http:// issuer (a provider on 127.0.0.1 in development and tests). */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'must be true or false' })
  OIDC_ALLOW_INSECURE_ISSUER?: boolean;
  /** `observer`: an unknown (verified) e-mail gets an OBSERVER account with no delegation; `off` (default): refused. */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsIn(['off', 'observer'], { message: 'must be off or observer' })
  OIDC_AUTO_PROVISION?: 'off' | 'observer';
}
