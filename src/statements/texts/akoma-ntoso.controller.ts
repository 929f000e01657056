import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { type AuthUser } from '../../auth/auth-user.js';
import { CurrentUser } from '../../auth/current-user.decorator.js';
import { AppError } from '../../common/errors/app-error.js';
import { AkomaNtosoService } from './akoma-ntoso.service.js';

/**
 * `GET /statements/:id/akn.xml[?lang=fr]` with the bearer token: the adopted text as Akoma Ntoso
 * 3.0, under the same reading rules as GraphQL (a statement the reader may not see is 404, one
 * not adopted 409, a language without translation 404, a malformed tag 400).
 */
@Controller('statements')
export class AkomaNtosoController {
  constructor(private readonly akn: AkomaNtosoService) {}

  @Get(':id/akn.xml')
  @Header('Content-Type', 'application/akn+xml; charset=utf-8')
  @Header('Cache-Control', 'private, no-store')
  akomaNtoso(@CurrentUser() user: AuthUser, @Param('id') id: string, @Query('lang') lang?: unknown): Promise<string> {
    if (!isUUID(id)) throw AppError.notFound('Statement');
    if (lang !== undefined && typeof lang !== 'string') throw AppError.badInput('lang', 'lang must be one language tag');
    return this.akn.exportFor(user, id, lang || null);
  }
}
