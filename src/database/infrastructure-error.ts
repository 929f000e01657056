/**
 * A dependency the process cannot reach. Its message is the whole story for an operator: which
 * service, where we tried, why, and how to start it. Entry points print it without a stack trace.
 */
export class InfrastructureError extends Error {
  constructor(service: 'PostgreSQL' | 'Redis', where: string, cause: unknown, variable: 'DATABASE_URL' | 'REDIS_URL') {
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
