import { type IncomingMessage, type ServerResponse } from 'node:http';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import { WebClientFiles, type WebFile } from './web-client-files.js';

/** Paths the API answers; the client never shadows them (nor /statements/<id>/akn.xml and other deeper statement paths). */
const API_PATHS = /^\/(graphql|graphiql|health|metrics|calendar|action-items\.csv|auth)(\/|$|\?)|^\/statements\/[^/?]+\//;
/** `/statements/<reference>` (one segment): the API's JSON/text/Akoma Ntoso unless a browser asks for HTML. */
const PUBLIC_STATEMENT = /^\/statements\/[^/?]+(\?|$)/;

/**
 * Security headers of the client's responses (not GraphiQL's, which keeps its own page): scripts,
 * styles, fonts and connections only from this origin — CSP 3's 'self' covers ws(s):// to the same
 * host, which the graphql-ws link uses.
 */
export const CLIENT_SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

/** The q-value a media range gets in an Accept header (explicit entries only; `*\/*` does not count as asking for HTML). */
function quality(accept: string, type: string): number {
  for (const part of accept.split(',')) {
    const [range, ...params] = part.trim().split(';');
    if (range.trim().toLowerCase() !== type) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q ? Number(q.slice(2)) || 0 : 1;
  }
  return 0;
}

/** A browser navigating: HTML asked for explicitly and preferred to what the API would answer (JSON, text, Akoma Ntoso). */
export function wantsHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  const html = quality(accept, 'text/html');
  return html > 0 && ['application/json', 'text/plain', 'application/akn+xml'].every((t) => quality(accept, t) < html);
}

/**
 * Serves the built client next to the API: its files (hashed assets cached for a year, the rest
 * revalidated), and index.html for any other GET a browser navigates to, so client routes survive a
 * reload. Written against Node's own request/response, so it runs on Express and Fastify alike.
 */
@Injectable()
export class WebClientMiddleware implements NestMiddleware {
  constructor(private readonly files: WebClientFiles) {}

  use(req: IncomingMessage & { originalUrl?: string }, res: ServerResponse, next: () => void): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const url = req.originalUrl ?? req.url ?? '/';
    const path = url.split('?')[0];
    if (API_PATHS.test(url)) return next();
    const file = this.files.get(path);
    if (file && path !== '/index.html') return this.send(req, res, file);
    if (PUBLIC_STATEMENT.test(url) && (/[?&]format=/.test(url) || !wantsHtml(req.headers.accept))) return next();
    if (path === '/index.html' || wantsHtml(req.headers.accept)) return this.send(req, res, this.files.index);
    next();
  }

  private send(req: IncomingMessage, res: ServerResponse, file: WebFile): void {
    const gzip = file.gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    for (const [name, value] of Object.entries(CLIENT_SECURITY_HEADERS)) res.setHeader(name, value);
    res.setHeader('Content-Type', file.type);
    res.setHeader('Cache-Control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    res.setHeader('ETag', file.etag);
    res.setHeader('Vary', 'Accept, Accept-Encoding');
    if (req.headers['if-none-match'] === file.etag) {
      res.statusCode = 304;
      res.end();
      return;
    }
    const body = gzip ? file.gzip! : file.body;
    if (gzip) res.setHeader('Content-Encoding', 'gzip');
    res.setHeader('Content-Length', body.length);
    res.statusCode = 200;
    res.end(req.method === 'HEAD' ? undefined : body);
  }
}
