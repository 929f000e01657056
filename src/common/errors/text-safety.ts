/**
 * Characters no text input may carry: C0 controls except tab, line feed and carriage return
 * (NUL reached PostgreSQL as a 500; BEL and friends reached e-mails and .ics), DEL, C1 controls,
 * and the bidirectional embedding/override/isolate controls that make text display differently
 * from what it says (U+202E "Trojan source"). Left-to-right/right-to-left marks stay allowed:
 * Arabic and Hebrew names need them.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;
/**
 * A UTF-16 surrogate without its pair (JSON's `"\ud800"`): no character at all, so it has no UTF-8
 * form. It broke validator.js (encodeURI: "URI malformed") and PostgreSQL's jsonb. In a `u` regex a
 * well-formed pair is one code point, so only lone halves match.
 */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

export interface UnsafeText {
  /** Path of the offending value relative to the argument (`paragraphs.0.text`), '' for the argument itself. */
  path: string;
  codePoint: string;
  /** Why the character is refused, for the message. */
  kind: 'control' | 'lone-surrogate';
}

const hex = (ch: string) => `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** The first string inside `value` (any depth: input objects, lists) that carries an unsafe character, or null. */
export function findUnsafeText(value: unknown, path = '', seen = new Set<object>()): UnsafeText | null {
  if (typeof value === 'string') {
    const lone = LONE_SURROGATE.exec(value);
    if (lone) return { path, codePoint: hex(lone[0]), kind: 'lone-surrogate' };
    const match = UNSAFE.exec(value);
    return match ? { path, codePoint: hex(match[0]), kind: 'control' } : null;
  }
  if (value === null || typeof value !== 'object' || value instanceof Date || seen.has(value)) return null;
  seen.add(value);
  for (const [key, child] of Object.entries(value)) {
    const found = findUnsafeText(child, path ? `${path}.${key}` : key, seen);
    if (found) return found;
  }
  return null;
}

/** The message for a refused value, naming the field. */
export function unsafeTextMessage(field: string, unsafe: UnsafeText): string {
  return unsafe.kind === 'lone-surrogate'
    ? `${field} contains a lone surrogate (${unsafe.codePoint}), which is not a character; send well-formed UTF-16/UTF-8 text`
    : `${field} contains a control or bidirectional-override character (${unsafe.codePoint})`;
}
