import { Controller, Get, Req, Res } from '@nestjs/common';
import { type Request, type Response } from 'express';
import { AppError } from '../../common/errors/app-error.js';
import { AppConfig } from '../../config/app-config.js';
import { Public } from '../public.decorator.js';
import { OidcClient } from './oidc-client.js';
import { OidcRefusal } from './oidc-refusal.js';
import { OIDC_BINDING_COOKIE, OIDC_STATE_TTL_SECONDS, OidcService } from './oidc.service.js';

/** One cookie value from a Cookie header (no cookie-parser for one cookie). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The browser's way through single sign-on: to the provider and back (NOT_FOUND while it is off). */
@Controller('auth/oidc')
export class OidcController {
  constructor(
    private readonly service: OidcService,
    private readonly oidc: OidcClient,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('login')
  async login(@Req() req: Request, @Res() res: Response): Promise<void> {
    void this.oidc.settings; // NOT_FOUND when off
    let started: Awaited<ReturnType<OidcService['begin']>>;
    try {
      started = await this.service.begin(req.ip ?? 'unknown');
    } catch (error) {
      if (error instanceof AppError) throw error; // RATE_LIMITED: 429
      return res.redirect(303, `/sign-in/sso#error=${OidcRefusal.UNAVAILABLE}`);
    }
    // httpOnly: scripts never see it; Lax: sent on the provider's top-level redirect back; Path=/:
    // the one-time code's exchange (POST /graphql) checks it too.
    res.cookie(OIDC_BINDING_COOKIE, started.binding, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.publicUrl.startsWith('https:'),
      path: '/',
      maxAge: OIDC_STATE_TTL_SECONDS * 1000,
    });
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, started.redirectTo.href);
  }

  @Public()
  @Get('callback')
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    void this.oidc.settings;
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    const landing = await this.service.finish(query, cookieValue(req.headers.cookie, OIDC_BINDING_COOKIE), req.ip ?? 'unknown');
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(303, landing);
  }
}
