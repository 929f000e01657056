/**
 * Characters no text input may carry: C0 controls except tab, line feed and carriage return
 * (NUL reached PostgreSQL as a 500; BEL and friends reached e-mails and .ics), DEL, C1 controls,
 * and the bidirectional embedding/override/isolate controls that make text display differently
 * from what it says (U+202E "Trojan source"). Left-to-right/right-to-left marks stay allowed:
 * Arabic and Hebrew names need them.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

export interface UnsafeText {
  /** Path of the offending value relative to the argument (`paragraphs.0.text`), '' for the argument itself. */
  path: string;
  codePoint: string;
}

/** The first string inside `value` (any depth) that carries an unsafe character, or null. */
export function findUnsafeText(value: unknown, path = '', seen = new Set<object>()): UnsafeText | null {
  if (typeof value === 'string') {
    const match = UNSAFE.exec(value);
    return match ? { path, codePoint: `U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` } : null;
  }
  if (value === null || typeof value !== 'object' || value instanceof Date || seen.has(value)) return null;
  seen.add(value);
  for (const [key, child] of Object.entries(value)) {
    const found = findUnsafeText(child, path ? `${path}.${key}` : key, seen);
    if (found) return found;
  }
  return null;
}
