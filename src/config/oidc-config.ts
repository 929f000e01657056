import { ConfigError } from './config-error.js';
import { type EnvironmentVariables } from './environment.js';

/** Single sign-on through OpenID Connect (src/auth/oidc), as OIDC_* and PUBLIC_URL configure it. */
export interface OidcConfig {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /** `${PUBLIC_URL}/auth/oidc/callback`, to be registered at the provider. */
  redirectUri: string;
  label: string;
  allowInsecureIssuer: boolean;
  /** OBSERVER: an unknown verified e-mail gets an observer account with no delegation; null: refused. */
  autoProvision: 'OBSERVER' | null;
}

export function parseOidc(vars: EnvironmentVariables, publicUrl: string): OidcConfig | null {
  if (!vars.OIDC_ISSUER) {
    const stray = (['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const).find((name) => vars[name]);
    if (stray) throw new ConfigError(stray, 'is set but OIDC_ISSUER is not (single sign-on needs both)');
    return null;
  }
  if (!vars.OIDC_CLIENT_ID) throw new ConfigError('OIDC_CLIENT_ID', 'is required when OIDC_ISSUER is set');
  if (!vars.OIDC_CLIENT_SECRET) throw new ConfigError('OIDC_CLIENT_SECRET', 'is required when OIDC_ISSUER is set');
  const issuer = new URL(vars.OIDC_ISSUER);
  const allowInsecureIssuer = vars.OIDC_ALLOW_INSECURE_ISSUER ?? false;
  // Over http the discovery document, keys and tokens could be swapped on the way.
  if (issuer.protocol !== 'https:' && !allowInsecureIssuer) {
    throw new ConfigError(
      'OIDC_ISSUER',
      'must be an https:// URL (OIDC_ALLOW_INSECURE_ISSUER=true allows http for local providers and tests)',
      vars.OIDC_ISSUER,
    );
  }
  return {
    issuer,
    clientId: vars.OIDC_CLIENT_ID,
    clientSecret: vars.OIDC_CLIENT_SECRET,
    redirectUri: `${publicUrl}/auth/oidc/callback`,
    label: vars.OIDC_LABEL ?? 'Single sign-on',
    allowInsecureIssuer,
    autoProvision: vars.OIDC_AUTO_PROVISION === 'observer' ? 'OBSERVER' : null,
  };
}
