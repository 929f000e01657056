/**
 * Why a single sign-on attempt was refused: the web client's sign-in page shows a message per
 * reason (`#error=<reason>` on /sign-in/sso), the audit trail records it.
 */
export const OidcRefusal = {
  /** Unknown, expired or reused state, or a state this browser did not start (login CSRF). */
  STATE: 'state',
  /** The provider answered with an error (the user cancelled, the provider refused). */
  PROVIDER: 'provider',
  /** The provider refused the code: replayed, expired or not issued to us. */
  CODE: 'code',
  /** The token response or ID token failed validation (issuer, audience, expiry, nonce, signature). */
  TOKEN: 'token',
  EMAIL_UNVERIFIED: 'email_unverified',
  UNKNOWN_EMAIL: 'unknown_email',
  DISABLED: 'disabled',
  /** The provider could not be reached (discovery failed). */
  UNAVAILABLE: 'unavailable',
} as const;
export type OidcRefusal = (typeof OidcRefusal)[keyof typeof OidcRefusal];

export class OidcRefused extends Error {
  constructor(
    readonly reason: OidcRefusal,
    /** For the audit trail and logs only, never shown to the browser. */
    readonly detail?: string,
  ) {
    super(`single sign-on refused: ${reason}${detail ? ` (${detail})` : ''}`);
    this.name = 'OidcRefused';
  }
}
