/**
 * A dependency the process cannot reach. Its message is the whole story for an operator: which
 * service, where we tried, why, and how to start it. Entry points print it without a stack trace.
 */
export class InfrastructureError extends Error {
  constructor(service: 'PostgreSQL' | 'Redis', where: string, cause: unknown, variable: 'DATABASE_URL' | 'REDIS_URL' | 'REDIS_SENTINELS') {
    const reason = describeCause(cause);
    super(
      `${service} is not reachable at ${where} (${reason}). Start it (e.g. \`docker compose up -d\` in the repository) ` +
        `or point ${variable} at a running server.`,
    );
    this.name = 'InfrastructureError';
  }
}

function describeCause(cause: unknown): string {
  if (cause && typeof cause === 'object') {
    const c = cause as { code?: string; message?: string; errors?: unknown[] };
    if (c.code) return c.code;
    if (Array.isArray(c.errors) && c.errors.length > 0) return describeCause(c.errors[0]);
    if (c.message) return c.message;
  }
  return String(cause);
}

/** `postgres://user:secret@host:5432/db` → `host:5432/db`, never the password. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || (u.protocol.startsWith('redis') ? '6379' : '5432')}${u.pathname.length > 1 ? u.pathname : ''}`;
  } catch {
    return '(unparseable URL)';
  }
}

/** Node's socket errors: the peer (PostgreSQL, Redis, a proxy before them) is gone or unreachable. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);

/**
 * Messages of the drivers when their server is away or switching: ioredis (offline queue off,
 * closed connection, retries used up, a demoted or loading master, no sentinel answering) and pg
 * (connection cut, pool timed out connecting).
 */
const UNAVAILABLE_MESSAGES = [
  /^Stream isn't writeable/,
  /^Connection is closed/,
  /max retries per request limit/i,
  /^(READONLY|LOADING|MASTERDOWN|NOREPLICAS|TRYAGAIN)\b/,
  /sentinels are unreachable/i,
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /^Client has encountered a connection error/,
  /^Cannot use a pool after calling end/,
];

/**
 * Whether an error means a dependency (PostgreSQL, Redis) is unavailable for a moment rather
 * than that the request or the code is wrong: a failover, a cut connection, a restart. Such
 * errors reach the client as SERVICE_UNAVAILABLE (try again), not as an internal error.
 */
export function isInfrastructureFailure(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 3) return false;
  const e = error as { code?: unknown; message?: unknown; name?: unknown; driverError?: unknown; cause?: unknown; thrownValue?: unknown };
  if (typeof e.code === 'string') {
    if (SOCKET_CODES.has(e.code)) return true;
    // SQLSTATE class 08 (connection exception), 57P01-57P03 (shut down, crashed, cannot connect now), 53300 (too many connections).
    if (/^08[0-9A-Z]{3}$/.test(e.code) || /^57P0[123]$/.test(e.code) || e.code === '53300') return true;
  }
  if (e.name === 'MaxRetriesPerRequestError') return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.some((re) => re.test(e.message as string))) return true;
  // Wrapped by TypeORM (driverError), by `{ cause }`, or by graphql-js when what was thrown is not
  // an Error of this realm (thrownValue; pg's socket errors under Jest's module sandbox).
  return [e.driverError, e.cause, e.thrownValue].some((inner) => isInfrastructureFailure(inner, depth + 1));
}
