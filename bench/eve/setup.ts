import { type DataSource } from 'typeorm';
import { hashPassword } from '../../src/auth/users.service.js';
import { DEMO_MEETINGS, MINISTERIAL } from '../../src/demo/demo-fixtures.js';
import { loadDemoData } from '../../src/demo/load-demo-data.js';
import { Clerk } from './clerk.js';
import { type GraphqlClient } from './http.js';
import { type VirtualUser, type World } from './operations.js';

const PASSWORD = 'eve-of-the-ministerial-2012';
const ITEMS_PER_USER = 2;
const ZONES = ['Europe/Brussels', 'Europe/Copenhagen', 'America/New_York', 'Europe/Nicosia'];

const LOGIN = `mutation Login($i: LoginInput!) { login(input: $i) { accessToken } }`;
const CREATE_ITEMS = `mutation CreateItems($i: CreateActionItemsInput!) { createActionItems(input: $i) { id status assignee { id } } }`;
const RECORD_POSITION = `mutation RecordPosition($i: RecordPositionInput!) { recordPosition(input: $i) { id } }`;

export interface Eve {
  users: VirtualUser[];
  clerk: Clerk;
  world: World;
  bodyId: string;
  counts: { organizers: number; clerks: number; delegates: number; delegations: number; items: number };
}

/** Runs `fn` over `xs`, `n` at a time. */
async function inBatches<T>(xs: T[], n: number, fn: (x: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < xs.length; i += n) await Promise.all(xs.slice(i, i + n).map(fn));
}

/**
 * The eve of the Ministerial: the demo (its 31 member delegations, meetings, statement and action
 * items), then `n` users of our own with SQL — 4 % organizers (Danish Presidency), 6 % clerks
 * (Council Secretariat), the rest delegates of the member delegations, a head of delegation first —
 * each signed in through the API. Through the API too: two action items per user (owned by its
 * delegation, assigned to it), a statement of 40 paragraphs circulated to the body's delegations,
 * and the positions of two thirds of them.
 */
export async function prepareEve(ds: DataSource, client: GraphqlClient, n: number, record: ConstructorParameters<typeof Clerk>[4]): Promise<Eve> {
  await loadDemoData(ds, PASSWORD);
  const [body] = await ds.query<{ id: string }[]>(`SELECT id FROM bodies WHERE name = $1`, [MINISTERIAL]);
  const ministerial = DEMO_MEETINGS.find((m) => m.body === MINISTERIAL)!;
  const [meeting] = await ds.query<{ id: string }[]>(`SELECT id FROM meetings WHERE body_id = $1 AND title = $2`, [body.id, ministerial.title]);
  const members = await ds.query<{ id: string; code: string }[]>(
    `SELECT d.id, d.code FROM body_members bm JOIN delegations d ON d.id = bm.delegation_id WHERE bm.body_id = $1 ORDER BY d.code`,
    [body.id],
  );
  const byCode = new Map(members.map((d) => [d.code, d.id]));

  const organizers = Math.max(1, Math.round(n * 0.04));
  const clerks = Math.max(1, Math.round(n * 0.06));
  const rows = Array.from({ length: n }, (_, i) => {
    if (i < organizers) return { role: 'ORGANIZER', delegationId: byCode.get('DK')!, delegateRole: 'CLERK', what: 'organizer' };
    if (i < organizers + clerks) return { role: 'CLERK', delegationId: byCode.get('GSC')!, delegateRole: 'CLERK', what: 'clerk' };
    const k = i - organizers - clerks;
    return {
      role: 'DELEGATE',
      delegationId: members[k % members.length].id,
      delegateRole: k < members.length ? 'HEAD_OF_DELEGATION' : 'DELEGATE',
      what: 'delegate',
    };
  });
  const hash = await hashPassword(PASSWORD);
  const emails = rows.map((r, i) => `eve.${r.what}.${i}@bench.concordia`);
  const ids = await ds.query<{ id: string; email: string }[]>(
    `INSERT INTO users (email, name, password_hash, role, timezone)
     SELECT e, 'Eve ' || initcap(split_part(split_part(e, '@', 1), '.', 2)) || ' ' || split_part(split_part(e, '@', 1), '.', 3), $2, r::user_role, z
       FROM unnest($1::text[], $3::text[], $4::text[]) AS t(e, r, z) RETURNING id, email`,
    [emails, hash, rows.map((r) => r.role), rows.map((_, i) => ZONES[i % ZONES.length])],
  );
  const idOf = new Map(ids.map((u) => [u.email, u.id]));
  await ds.query(
    `INSERT INTO delegation_memberships (user_id, delegation_id, delegate_role) SELECT u, d, r::delegate_role FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS t(u, d, r)`,
    [emails.map((e) => idOf.get(e)), rows.map((r) => r.delegationId), rows.map((r) => r.delegateRole)],
  );

  // Every user signs in through the API (argon2 on the server's thread pool: a few at a time).
  const users: VirtualUser[] = rows.map((r, i) => ({ email: emails[i], token: '', delegationId: r.delegationId, items: [], turn: i }));
  await inBatches(users, 4, async (u) => {
    u.token = (await client.must(LOGIN, { i: { email: u.email, password: PASSWORD } })).login.accessToken;
  });

  // Their action items, created by an organizer in bulk, due over the next weeks.
  const organizer = users[0];
  const wanted = users.flatMap((u, i) =>
    Array.from({ length: ITEMS_PER_USER }, (_, k) => ({
      ownerDelegationId: u.delegationId,
      assigneeId: idOf.get(u.email),
      title: `Follow-up ${k + 1} of ${u.email.split('@')[0]}: send the capital's comments on the draft joint statement`,
      description: 'Collect the remarks of the ministries concerned and send them to the Presidency before the Ministerial.',
      dueAt: new Date(Date.now() + (2 + ((i + k) % 20)) * 24 * 3600 * 1000).toISOString(),
      priority: (['LOW', 'NORMAL', 'HIGH'] as const)[(i + k) % 3],
    })),
  );
  const byAssignee = new Map(users.map((u) => [idOf.get(u.email)!, u]));
  for (let i = 0; i < wanted.length; i += 100) {
    const created = (await client.must(CREATE_ITEMS, { i: { items: wanted.slice(i, i + 100) } }, organizer.token)).createActionItems as {
      id: string;
      status: 'OPEN';
      assignee: { id: string };
    }[];
    for (const item of created) byAssignee.get(item.assignee.id)!.items.push({ id: item.id, status: item.status, moves: 0 });
  }

  // The statement: drafted, circulated, answered by two thirds of the delegations.
  const world: World = { meetingId: meeting.id, statementId: '', versionId: '', circulationId: '' };
  const clerkUser = users[organizers];
  const clerk = new Clerk(client, clerkUser.token, body.id, world, record);
  if (!(await clerk.step())) throw new Error('The clerk could not draft and circulate the statement');
  const speakers = members.slice(0, Math.ceil((members.length * 2) / 3)).map((d) => users.find((u) => u.delegationId === d.id));
  await inBatches(
    speakers.filter((u) => u !== undefined),
    4,
    async (u) => {
      await client.must(
        RECORD_POSITION,
        { i: { statementId: world.statementId, versionId: world.versionId, delegationId: u.delegationId, stance: 'SUPPORT' } },
        u.token,
      );
    },
  );
  return {
    users,
    clerk,
    world,
    bodyId: body.id,
    counts: { organizers, clerks, delegates: n - organizers - clerks, delegations: members.length, items: wanted.length },
  };
}
