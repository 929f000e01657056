import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import ms from 'ms';
import { EnvironmentVariables, type NodeEnv } from './environment.js';

const DEV_JWT_SECRET = 'concordia-development-secret-not-for-production';

/** The validated, typed configuration. Built once per process by `loadConfig`. */
export class AppConfig {
  readonly nodeEnv: NodeEnv;
  readonly port: number;
  readonly databaseUrl: string;
  readonly redisUrl: string;
  /** Namespaces BullMQ keys and other Redis keys, so several deployments (or test files) share one Redis. */
  readonly queuePrefix: string;
  readonly jwt: { secret: string; expiresIn: string };
  readonly mail: { smtpUrl: string | null; from: string };
  readonly demo: { enabled: boolean; password: string };
  readonly logLevel: string;
  readonly publicUrl: string;
  readonly graphql: { maxDepth: number; maxAliases: number; maxCost: number };
  readonly login: { maxFailures: number; windowSeconds: number };
  readonly outboxPollMs: number;
  readonly meetingReminderOffsetsMs: number[];
  readonly workerLockMs: number;
  readonly actionItems: { reminderOffsetsMs: number[]; escalationAfterMs: number; digestPattern: string };

  get isProduction(): boolean {
    return this.nodeEnv === 'production';
  }

  get isDevelopment(): boolean {
    return this.nodeEnv === 'development';
  }

  constructor(values: Omit<AppConfig, 'isProduction' | 'isDevelopment'>) {
    Object.assign(this, values);
  }
}

export class ConfigError extends Error {
  constructor(readonly variable: string, reason: string, value?: unknown) {
    super(`Invalid configuration: ${variable} ${reason}${value === undefined ? '' : ` (got ${JSON.stringify(value)})`}`);
    this.name = 'ConfigError';
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
  const port = vars.PORT ?? 3000;
  const offsets = (vars.MEETING_REMINDER_OFFSETS ?? '24h,1h').split(',').map((s) => ms(s.trim() as ms.StringValue));

  return new AppConfig({
    nodeEnv,
    port,
    databaseUrl: vars.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/concordia',
    redisUrl: vars.REDIS_URL ?? 'redis://127.0.0.1:6379',
    queuePrefix: vars.QUEUE_PREFIX ?? 'concordia',
    jwt: { secret: vars.JWT_SECRET ?? DEV_JWT_SECRET, expiresIn: vars.JWT_EXPIRES_IN ?? '12h' },
    mail: { smtpUrl: vars.SMTP_URL ?? null, from: vars.MAIL_FROM ?? 'Concordia <no-reply@concordia.test>' },
    // Demo data is never loaded in production, whatever DEMO_DATA says.
    demo: { enabled: nodeEnv !== 'production' && (vars.DEMO_DATA ?? nodeEnv === 'development'), password: vars.DEMO_PASSWORD ?? 'concordia' },
    logLevel: vars.LOG_LEVEL ?? (nodeEnv === 'test' ? 'warn' : 'info'),
    publicUrl: (vars.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    graphql: {
      maxDepth: vars.GRAPHQL_MAX_DEPTH ?? 10,
      maxAliases: vars.GRAPHQL_MAX_ALIASES ?? 20,
      maxCost: vars.GRAPHQL_MAX_COST ?? 20000,
    },
    login: { maxFailures: vars.LOGIN_MAX_FAILURES ?? 10, windowSeconds: vars.LOGIN_WINDOW_SECONDS ?? 60 },
    outboxPollMs: vars.OUTBOX_POLL_MS ?? 1000,
    meetingReminderOffsetsMs: [...new Set(offsets)].sort((a, b) => b - a),
    workerLockMs: vars.WORKER_LOCK_MS ?? 30000,
    actionItems: {
      reminderOffsetsMs: durations(vars.ACTION_ITEM_REMINDER_OFFSETS ?? '7d,1d'),
      escalationAfterMs: ms((vars.ACTION_ITEM_ESCALATION_AFTER ?? '1d') as ms.StringValue),
      digestPattern: vars.ACTION_ITEM_DIGEST_PATTERN ?? '*/15 * * * *',
    },
  });
}
