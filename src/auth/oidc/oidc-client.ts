import { Injectable } from '@nestjs/common';
import * as client from 'openid-client';
import { AppConfig, type OidcConfig } from '../../config/app-config.js';
import { AppError } from '../../common/errors/app-error.js';

/**
 * The provider as `openid-client` knows it after discovery. Discovered on first use, not at boot, so
 * the API starts while the provider is away; a failed discovery is tried again on the next sign-in.
 * The provider's keys (JWKS) are fetched and cached by the library.
 */
@Injectable()
export class OidcClient {
  private discovered: Promise<client.Configuration> | null = null;

  constructor(private readonly config: AppConfig) {}

  /** The settings, or NOT_FOUND when single sign-on is off (its routes then do not exist). */
  get settings(): OidcConfig {
    if (!this.config.oidc) throw AppError.notFound('Single sign-on');
    return this.config.oidc;
  }

  configuration(): Promise<client.Configuration> {
    if (!this.discovered) {
      const s = this.settings;
      const discovered = client.discovery(
        s.issuer,
        s.clientId,
        { redirect_uris: [s.redirectUri], response_types: ['code'] },
        client.ClientSecretBasic(s.clientSecret),
        {
          // The ID token's signature is checked against the provider's keys too, although over TLS the
          // library may skip it (OIDC Core 3.1.3.7): it covers http issuers, TLS-intercepting proxies,
          // and the audit then rests on a token the provider demonstrably signed.
          execute: [client.enableNonRepudiationChecks, ...(s.allowInsecureIssuer ? [client.allowInsecureRequests] : [])],
          timeout: 10,
        },
      );
      this.discovered = discovered;
      discovered.catch(() => {
        if (this.discovered === discovered) this.discovered = null;
      });
    }
    return this.discovered;
  }
}
