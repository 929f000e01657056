import { createHash } from 'node:crypto';
import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { type Request, type Response } from 'express';
import { Public } from '../../auth/public.decorator.js';
import { AppError } from '../../common/errors/app-error.js';
import { PublicStatementsService, renderPublicText } from './public-statements.service.js';

const FORMATS = { json: 'application/json; charset=utf-8', txt: 'text/plain; charset=utf-8', akn: 'application/akn+xml; charset=utf-8' } as const;
type Format = keyof typeof FORMATS;

/** `?format=` wins; otherwise the Accept header, JSON unless text/plain is preferred. */
function formatOf(req: Request, format: unknown): Format {
  if (format !== undefined) {
    if (format === 'json') return 'json';
    if (format === 'txt' || format === 'text') return 'txt';
    if (format === 'akn') return 'akn';
    throw AppError.badInput('format', 'format must be json, txt or akn');
  }
  const preferred = req.accepts(['application/json', 'text/plain', 'application/akn+xml']);
  return preferred === 'text/plain' ? 'txt' : preferred === 'application/akn+xml' ? 'akn' : 'json';
}

/** If-None-Match names this ETag (or `*`): the client's copy is current. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}

/**
 * `GET /statements/:reference` — a published statement for anyone, without a token. The reference
 * contains a slash and spaces: send it URL-encoded (`/statements/JHA%202012%2F004`); the press
 * reference works too (`/statements/12-784`). JSON (the GraphQL `PublicStatement`) by default, plain
 * text with `Accept: text/plain` or `?format=txt`, the Akoma Ntoso document with
 * `Accept: application/akn+xml` or `?format=akn`; `?lang=` picks a language version. Cached publicly
 * for five minutes, then revalidated by ETag (a strong hash of the representation): endorsements and
 * language versions still change a published statement's page.
 */
@Controller('statements')
export class PublicStatementsController {
  constructor(private readonly statements: PublicStatementsService) {}

  @Public()
  @Get(':reference')
  async read(
    @Param('reference') reference: string,
    @Query('format') format: unknown,
    @Query('lang') lang: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    if (reference.length > 100) throw AppError.notFound('Published statement');
    if (lang !== undefined && (typeof lang !== 'string' || !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(lang)))
      throw AppError.badInput('lang', 'lang must be a language tag such as en or fr');
    const as = formatOf(req, format);
    const { body, language } = await this.represent(reference, as, lang);
    const etag = `"${createHash('sha256').update(body).digest('base64url')}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'public, max-age=300, must-revalidate');
    res.setHeader('Vary', 'Accept');
    res.setHeader('Content-Language', language);
    if (matches(req.headers['if-none-match'], etag)) {
      res.status(304).end();
      return;
    }
    res.status(200).type(FORMATS[as]).send(body);
  }

  private async represent(reference: string, as: Format, lang: string | undefined): Promise<{ body: string; language: string }> {
    if (as === 'akn') {
      const { document, language } = await this.statements.akomaNtoso(reference, lang);
      return { body: document, language };
    }
    const statement = await this.statements.read(reference, lang);
    return { body: as === 'json' ? JSON.stringify(statement) : renderPublicText(statement), language: statement.language };
  }
}
