// A real OpenID Connect provider for the single sign-on tests: `oidc-provider` (OpenID Certified)
// with its development login page, on 127.0.0.1. Plain ESM run as its own process (Jest runs the
// specs as CommonJS; Playwright specs use it too). Environment: CLIENT_ID, CLIENT_SECRET,
// REDIRECT_URI. Prints `listening <issuer>` once it serves.
//
// Accounts: whatever login is typed on its page is the subject; the e-mail is the login without a
// leading `unverified:`, verified unless that prefix is there.
//
// A test hook, POST /__test/tamper?mode=audience|issuer|signature, makes the next token response's
// ID token wrong in that one respect (re-signed with the provider's key, or another key for
// `signature`): a provider answering for another client, another issuer, or a forged token.
import { Buffer } from 'node:buffer';
import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { createServer } from 'node:http';
import process from 'node:process';
import Provider from 'oidc-provider';

const { CLIENT_ID, CLIENT_SECRET, REDIRECT_URI } = process.env;
if (!CLIENT_ID || !CLIENT_SECRET || !REDIRECT_URI) throw new Error('CLIENT_ID, CLIENT_SECRET and REDIRECT_URI are required');

const newKey = () => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
const signingJwk = { ...newKey(), kid: 'test-key', use: 'sig', alg: 'RS256' };
const forgerJwk = { ...newKey(), kid: 'test-key', use: 'sig', alg: 'RS256' };

let issuer = '';
let tamperNext = null;

const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
const parse = (part) => JSON.parse(Buffer.from(part, 'base64url').toString());

function tampered(idToken, mode) {
  const [header, payload] = idToken.split('.');
  const claims = parse(payload);
  if (mode === 'audience') claims.aud = 'another-client';
  if (mode === 'issuer') claims.iss = `${issuer}/elsewhere`;
  const input = `${header}.${b64(claims)}`;
  const key = createPrivateKey({ key: mode === 'signature' ? forgerJwk : signingJwk, format: 'jwk' });
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    { client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: [REDIRECT_URI], grant_types: ['authorization_code'], response_types: ['code'] },
  ],
  jwks: { keys: [signingJwk] },
  cookies: { keys: ['oidc-test-cookie-key'] },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  features: { devInteractions: { enabled: true } },
  async findAccount(ctx, id) {
    const unverified = id.startsWith('unverified:');
    const email = unverified ? id.slice('unverified:'.length) : id;
    return { accountId: id, claims: async () => ({ sub: id, email, email_verified: !unverified, name: email.split('@')[0] }) };
  },
  // A first-party client: no consent screen, the scopes asked for are granted.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
});

provider.use(async (ctx, next) => {
  if (ctx.path === '/__test/tamper' && ctx.method === 'POST') {
    tamperNext = ctx.query.mode;
    ctx.status = 204;
    return;
  }
  await next();
  if (ctx.path === '/token' && tamperNext && ctx.body?.id_token) {
    ctx.body = { ...ctx.body, id_token: tampered(ctx.body.id_token, tamperNext) };
    tamperNext = null;
  }
});

server.on('request', provider.callback());
process.stdout.write(`listening ${issuer}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
