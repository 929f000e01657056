/** A wrong environment variable: entry points print its message on one line and exit. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
    value?: unknown,
  ) {
    super(`Invalid configuration: ${variable} ${reason}${value === undefined ? '' : ` (got ${JSON.stringify(value)})`}`);
    this.name = 'ConfigError';
  }
}
