/** Columns that must never be copied into the audit trail. */
const SECRET_KEYS = new Set(['passwordHash', 'webhookSecret', 'calendarTokenHash', 'calendarFeedNonce']);

/** A JSON copy of an entity (or any value) for the audit trail, without secrets. */
export function toAuditJson(value: unknown): Record<string, unknown> | null {
  if (value === undefined || value === null) return null;
  const json = JSON.parse(JSON.stringify(value, (key, v: unknown) => (SECRET_KEYS.has(key) ? undefined : v))) as unknown;
  return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : { value: json };
}
