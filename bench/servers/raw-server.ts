import { createSecretKey } from 'node:crypto';
import { createServer } from 'node:http';
import { JwtService } from '@nestjs/jwt';
import pg from 'pg';
import { failed, serve } from '../lib/child.js';

/**
 * The baseline: plain node:http + pg serving the nested meeting read with the JSON the GraphQL API
 * answers, byte for byte (the bench checks it). It verifies the same JWT and that the user is
 * active, and reads everything in one SQL statement. No framework, no GraphQL, no ORM.
 */
const SQL = `
SELECT u.active, m.id, m.title, m.status, m.starts_at, m.ends_at, m.timezone, m.location,
  (SELECT coalesce(json_agg(json_build_object('position', a.position, 'title', a.title, 'kind', a.kind, 'outcome', a.outcome, 'code', d.code, 'name', d.name) ORDER BY a.position), '[]')
     FROM agenda_items a LEFT JOIN delegations d ON d.id = a.lead_delegation_id WHERE a.meeting_id = m.id) AS agenda,
  (SELECT coalesce(json_agg(json_build_object('rsvp', i.rsvp, 'respondedAt', i.responded_at, 'code', d.code, 'name', d.name, 'kind', d.kind) ORDER BY i.created_at), '[]')
     FROM meeting_invitations i JOIN delegations d ON d.id = i.delegation_id WHERE i.meeting_id = m.id) AS participants,
  (SELECT json_build_object('revision', r.revision, 'text', r.text, 'createdAt', r.created_at)
     FROM meeting_minutes_revisions r WHERE r.meeting_id = m.id ORDER BY r.revision DESC LIMIT 1) AS outcome
FROM users u LEFT JOIN meetings m ON m.id = $2
WHERE u.id = $1`;

const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());

interface Row {
  active: boolean;
  id: string | null;
  title: string;
  status: string;
  starts_at: Date;
  ends_at: Date;
  timezone: string;
  location: string | null;
  agenda: { position: number; title: string; kind: string; outcome: string | null; code: string | null; name: string | null }[];
  participants: { rsvp: string; respondedAt: string | null; code: string; name: string; kind: string }[];
  outcome: { revision: number; text: string; createdAt: string } | null;
}

async function main(): Promise<void> {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  // The secret as a KeyObject, as a lean implementation has it (a string makes jsonwebtoken try createPublicKey first on every verify).
  const jwt = new JwtService({ secret: createSecretKey(Buffer.from(process.env.JWT_SECRET!)), verifyOptions: { issuer: 'concordia', algorithms: ['HS256'] } });
  const send = (res: import('node:http').ServerResponse, status: number, body: string) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        let sub: string;
        try {
          sub = jwt.verify<{ sub: string }>(/^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '').sub;
        } catch {
          return send(res, 401, '{"errors":[{"message":"unauthenticated"}]}');
        }
        const { variables } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { variables: { id: string } };
        const { rows } = await pool.query<Row>(SQL, [sub, variables.id]);
        const r = rows[0];
        if (!r?.active) return send(res, 401, '{"errors":[{"message":"unauthenticated"}]}');
        const meeting = r.id
          ? {
              id: r.id,
              title: r.title,
              status: r.status,
              startsAt: iso(r.starts_at),
              endsAt: iso(r.ends_at),
              timezone: r.timezone,
              location: r.location,
              agenda: r.agenda.map((a) => ({
                position: a.position,
                title: a.title,
                kind: a.kind,
                outcome: a.outcome,
                leadDelegation: a.code === null ? null : { code: a.code, name: a.name },
              })),
              participants: r.participants.map((p) => ({
                rsvp: p.rsvp,
                respondedAt: iso(p.respondedAt),
                delegation: { code: p.code, name: p.name, kind: p.kind },
              })),
              outcomeOfProceedings: r.outcome ? { revision: r.outcome.revision, text: r.outcome.text, createdAt: iso(r.outcome.createdAt) } : null,
            }
          : null;
        send(res, 200, `${JSON.stringify({ data: { meeting } })}\n`);
      })().catch((error: Error) => send(res, 500, JSON.stringify({ errors: [{ message: error.message }] })));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  serve({ port: (server.address() as { port: number }).port }, {}, async () => {
    server.close();
    await pool.end();
  });
}

main().catch(failed);
