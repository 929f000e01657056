import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/auth/role.enum.js';
import { DelegateRole, DelegationKind } from '../src/delegations/delegation-kind.enum.js';
import { createBody } from './support/meetings.js';
import { adoptByConsensus, circulate, draft, POSITION, REVISE } from './support/statements.js';
import { TestApp, type TestUser } from './support/test-app.js';

const PUBLISH = 'mutation($i: PublishStatementInput!) { publishStatement(input: $i) { id status pressReference publishedAt adoptedAt } }';
const ENDORSE = 'mutation($i: EndorseStatementInput!) { endorseStatement(input: $i) { id endorsedAt delegation { code } endorsedBy { id } statement { id } } }';
const PUBLIC_FIELDS = `reference label title pressReference publishedAt adoptedAt language contentHash paragraphs { key kind text }
  signatories { delegation { code name kind } kind since } endorsements { delegation { code } endorsedAt }`;
const PUBLIC = `query($r: String!, $l: String) { publicStatement(reference: $r, language: $l) { ${PUBLIC_FIELDS} } }`;
const READ = `query($id: ID!) { statement(id: $id) { id status classification pressReference publishedAt
  versions { id number } currentVersion { id number } circulations { id } amendments { id } positions { id } consensus { holds }
  endorsements { id delegation { code } endorsedAt endorsedBy { id } } signatories { delegation { code } kind since } } }`;

/**
 * Publication and endorsements through the real app and worker: only an adopted statement is
 * published, its press reference names one statement, the adopted text of a LIMITE statement
 * becomes public (GraphQL without a token, GET /statements/:reference in JSON and text) while its
 * drafting record stays restricted, and delegations join it once each.
 */
describe('statement publication, the public read and endorsements', () => {
  let app: TestApp;
  let clerk: TestUser;
  let organizer: TestUser;
  let observer: TestUser;
  const codes = ['DK', 'FR'];
  const heads: Record<string, TestUser> = {};
  const ids: Record<string, string> = {};
  let usDelegate: TestUser;
  let bodyId: string;
  const voters = () => codes.map((c) => ({ user: heads[c], delegationId: ids[c] }));

  beforeAll(async () => {
    app = await TestApp.start({ env: { OUTBOX_POLL_MS: '100' } });
    organizer = await app.as(Role.ORGANIZER);
    clerk = await app.as(Role.CLERK);
    for (const code of [...codes, 'US', 'CA']) {
      if (code === 'US' || code === 'CA') await app.delegation(code, { kind: DelegationKind.THIRD_COUNTRY, name: code === 'US' ? 'United States' : 'Canada' });
      heads[code] = await app.as(Role.DELEGATE, code, DelegateRole.HEAD_OF_DELEGATION);
      ids[code] = (await app.delegation(code)).id;
    }
    usDelegate = await app.as(Role.DELEGATE, 'US', DelegateRole.DELEGATE);
    // An observer attached to a member delegation: LIMITE texts stay closed to observers.
    observer = await app.as(Role.OBSERVER, 'DK');
    bodyId = (await createBody(organizer, app, { name: 'JHA Council', members: codes, kind: 'MINISTERIAL', jha: true })).id;
  });
  afterAll(() => app?.close());

  /** Drafted LIMITE, revised once (so there is an earlier version), version 2 adopted by consensus. */
  async function adoptedStatement(title = 'Global Alliance against Child Sexual Abuse Online'): Promise<Record<string, any>> {
    const s = await draft(clerk, { bodyId, title, classification: 'LIMITE' });
    const { reviseStatement: revised } = await clerk.client.data(REVISE, {
      i: {
        statementId: s.id,
        baseVersionId: s.currentVersion.id,
        paragraphs: [
          ...s.currentVersion.paragraphs.slice(0, 5),
          { key: 'op1', kind: 'OPERATIVE', text: 'We invite partners worldwide to join this Global Alliance & its goals.' },
        ],
      },
    });
    const adopted = await adoptByConsensus(clerk, revised, voters());
    return { ...revised, firstVersionId: s.currentVersion.id, adoptedAt: adopted.adoptedAt };
  }

  it('publishes only an adopted statement, with a well-formed press reference used once, after its adoption', async () => {
    const s = await draft(clerk, { bodyId });
    const drafting = await clerk.client.error(PUBLISH, { i: { statementId: s.id, pressReference: '12-700' } }, 'CONFLICT');
    expect(drafting.message).toContain('DRAFTING');
    await circulate(clerk, s, { delegationIds: codes.map((c) => ids[c]) });
    await clerk.client.error(PUBLISH, { i: { statementId: s.id, pressReference: '12-700' } }, 'CONFLICT');
    expect(await app.count('statements', `id = $1 AND status = 'CIRCULATED' AND press_reference IS NULL AND published_at IS NULL`, [s.id])).toBe(1);

    const a = await adoptedStatement('Statement A');
    const b = await adoptedStatement('Statement B');
    for (const bad of ['', '   ', 'x'.repeat(41), '12-784!', '-12', '12/']) {
      await clerk.client.error(PUBLISH, { i: { statementId: a.id, pressReference: bad } }, 'BAD_USER_INPUT', 'pressReference');
    }
    const early = new Date(new Date(a.adoptedAt).getTime() - 60_000).toISOString();
    await clerk.client.error(PUBLISH, { i: { statementId: a.id, pressReference: '12-701', publishedAt: early } }, 'BAD_USER_INPUT', 'publishedAt');
    await clerk.client.error(
      PUBLISH,
      { i: { statementId: a.id, pressReference: '12-701', publishedAt: new Date(Date.now() + 3_600_000).toISOString() } },
      'BAD_USER_INPUT',
      'publishedAt',
    );
    await heads.DK.client.error(PUBLISH, { i: { statementId: a.id, pressReference: '12-701' } }, 'FORBIDDEN');
    await organizer.client.error(PUBLISH, { i: { statementId: a.id, pressReference: '12-701' } }, 'FORBIDDEN');

    const { publishStatement } = await clerk.client.data(PUBLISH, { i: { statementId: a.id, pressReference: '  12-701 ' } });
    expect(publishStatement).toMatchObject({ status: 'PUBLISHED', pressReference: '12-701' });
    const [row] = await app.dataSource.query('SELECT status, press_reference, published_at, adopted_at FROM statements WHERE id = $1', [a.id]);
    expect(row).toMatchObject({ status: 'PUBLISHED', press_reference: '12-701' });
    expect(row.published_at.getTime()).toBeGreaterThanOrEqual(row.adopted_at.getTime());
    expect(await app.count('audit_events', `entity_id = $1 AND action = 'statement.published' AND actor_id = $2`, [a.id, clerk.user.id])).toBe(1);

    // The same press reference (whatever the case) names one statement only; a published one is final.
    const dup = await clerk.client.error(PUBLISH, { i: { statementId: b.id, pressReference: '12-701' } }, 'BAD_USER_INPUT', 'pressReference');
    expect(dup.message).toContain(a.reference);
    expect(await app.count('statements', `id = $1 AND status = 'ADOPTED' AND press_reference IS NULL`, [b.id])).toBe(1);
    await clerk.client.error(PUBLISH, { i: { statementId: a.id, pressReference: '12-702' } }, 'CONFLICT');
    expect(await app.count('audit_events', `action = 'statement.published'`)).toBe(1);

    // Everyone concerned is told, once each.
    await app.drain();
    const members = await app.count('delegation_memberships', 'delegation_id = ANY($1)', [codes.map((c) => ids[c])]);
    expect(await app.count('notifications', `kind = 'STATEMENT_PUBLISHED' AND entity_id = $1`, [a.id])).toBe(members);
    const [notice] = await app.dataSource.query(`SELECT subject, body FROM notifications WHERE kind = 'STATEMENT_PUBLISHED' AND user_id = $1`, [
      heads.FR.user.id,
    ]);
    expect(notice.subject).toBe(`Published: ${a.reference} Statement A`);
    expect(notice.body).toContain('12-701');
    expect(notice.body).toContain(`/statements/${encodeURIComponent(a.reference)}`);
  });

  it('makes the adopted text of a LIMITE statement public — GraphQL without a token, GET /statements/:reference — and nothing else of it', async () => {
    const s = await adoptedStatement();
    // Before publication: not public, not readable by the observer or a non-member delegation.
    await app.anonymous.error(PUBLIC, { r: s.reference }, 'NOT_FOUND');
    await observer.client.error(READ, { id: s.id }, 'NOT_FOUND');
    await usDelegate.client.error(READ, { id: s.id }, 'NOT_FOUND');
    expect((await app.anonymous.get(`/statements/${encodeURIComponent(s.reference)}`)).status).toBe(404);

    await clerk.client.data(PUBLISH, { i: { statementId: s.id, pressReference: '12-784' } });
    const adoptedVersion = s.currentVersion;

    // Anyone, without signing in: the adopted version only, by reference or press reference.
    const { publicStatement } = await app.anonymous.data(PUBLIC, { r: s.reference });
    expect(publicStatement).toMatchObject({
      reference: s.reference,
      label: `${s.reference} REV 1`,
      title: 'Global Alliance against Child Sexual Abuse Online',
      pressReference: '12-784',
      language: 'en',
      contentHash: adoptedVersion.contentHash,
      paragraphs: adoptedVersion.paragraphs,
      endorsements: [],
    });
    expect(publicStatement.paragraphs.at(-1).text).toContain('& its goals');
    expect(publicStatement.adoptedAt).toBe(s.adoptedAt);
    expect(publicStatement.signatories.map((g: any) => [g.delegation.code, g.kind, g.since])).toEqual([
      ['DK', 'ADOPTED', s.adoptedAt],
      ['FR', 'ADOPTED', s.adoptedAt],
    ]);
    expect((await app.anonymous.data(PUBLIC, { r: '12-784' })).publicStatement).toEqual(publicStatement);
    expect((await app.anonymous.data(PUBLIC, { r: s.reference, l: 'EN' })).publicStatement).toEqual(publicStatement);
    await app.anonymous.error(PUBLIC, { r: s.reference, l: 'fr' }, 'NOT_FOUND');
    await app.anonymous.error(PUBLIC, { r: s.reference, l: 'not a tag' }, 'BAD_USER_INPUT', 'language');
    await app.anonymous.error(READ, { id: s.id }, 'UNAUTHENTICATED');

    // GET /statements/:reference: JSON by default, the same object; text on request; cached by ETag.
    const path = `/statements/${encodeURIComponent(s.reference)}`;
    const json = await app.anonymous.get(path);
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    expect(json.headers.get('cache-control')).toBe('public, max-age=300, must-revalidate');
    expect(json.headers.get('vary')).toContain('Accept');
    const etag = json.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(await json.json()).toEqual(publicStatement);
    const byPress = await app.anonymous.get('/statements/12-784');
    expect(byPress.headers.get('etag')).toBe(etag);
    const again = await fetch(`${app.url}${path}`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');

    const text = await fetch(`${app.url}${path}`, { headers: { accept: 'text/plain' } });
    expect(text.status).toBe(200);
    expect(text.headers.get('content-type')).toMatch(/^text\/plain; charset=utf-8/);
    expect(text.headers.get('etag')).not.toBe(etag);
    const body = await text.text();
    expect(body.split('\n')[0]).toBe('Global Alliance against Child Sexual Abuse Online');
    expect(body).toContain(`${s.reference} REV 1 · Press reference 12-784`);
    expect(body).toContain(`1. ${adoptedVersion.paragraphs[1].text}`);
    expect(body).toContain(`4. ${adoptedVersion.paragraphs[4].text}`);
    expect(body).toContain('& its goals');
    expect(body).toContain(`- Delegation DK (DK), adopted ${s.adoptedAt.slice(0, 10)}`);
    expect(await (await app.anonymous.get(`${path}?format=txt`)).text()).toBe(body);
    expect((await app.anonymous.get(`${path}?format=xml`)).status).toBe(400);
    expect((await app.anonymous.get(`${path}?lang=fr`)).status).toBe(404);
    expect((await app.anonymous.get(`/statements/${encodeURIComponent('JHA 1999/999')}`)).status).toBe(404);

    // Signed in without access to its drafting record: the statement, its adopted version, nothing more.
    for (const reader of [observer, usDelegate]) {
      const { statement } = await reader.client.data(READ, { id: s.id });
      expect(statement).toMatchObject({
        status: 'PUBLISHED',
        classification: 'LIMITE',
        pressReference: '12-784',
        versions: [{ id: adoptedVersion.id, number: 2 }],
        currentVersion: { id: adoptedVersion.id },
        circulations: [],
        amendments: [],
        positions: [],
        consensus: null,
      });
      // (On currentVersion: a diff on every one of `versions` costs more than the limit allows.)
      const diff = `query($id: ID!, $against: ID!) { statement(id: $id) { currentVersion { diff(against: $against) { key } } } }`;
      await reader.client.error(diff, { id: s.id, against: s.firstVersionId }, 'BAD_USER_INPUT', 'against');
      const listed = await reader.client.data('{ statements(first: 50, filter: { status: PUBLISHED }) { edges { node { id } } } }');
      expect(listed.statements.edges.map((e: any) => e.node.id)).toContain(s.id);
    }
    // A member delegation still sees the whole record.
    const { statement: full } = await heads.DK.client.data(READ, { id: s.id });
    expect(full.versions.map((v: any) => v.number)).toEqual([1, 2]);
    expect(full.positions.length).toBe(2);
    expect(full.circulations.length).toBe(1);
  });

  it('records endorsements once per delegation, by its head or the presidency, only once published; signatories are adopters then endorsers', async () => {
    const s = await adoptedStatement('Statement to endorse');
    const endorse = (user: TestUser, code: string, extra: Record<string, unknown> = {}) =>
      user.client.request(ENDORSE, { i: { statementId: s.id, delegationId: ids[code], ...extra } });

    // Adopted, not yet published: CONFLICT for whoever may endorse; hidden from those who cannot read it.
    const unpublished = await heads.US.client.error(ENDORSE, { i: { statementId: s.id, delegationId: ids.US } }, 'NOT_FOUND');
    expect(unpublished.message).toContain('Statement');
    const early = await organizer.client.error(ENDORSE, { i: { statementId: s.id, delegationId: ids.US } }, 'CONFLICT');
    expect(early.message).toContain('ADOPTED');
    expect(await app.count('endorsements', 'statement_id = $1', [s.id])).toBe(0);

    const { publishStatement } = await clerk.client.data(PUBLISH, { i: { statementId: s.id, pressReference: '12-900' } });

    // Not the head of the delegation, another delegation's head, a clerk, an observer: FORBIDDEN.
    for (const [user, code] of [
      [usDelegate, 'US'],
      [heads.CA, 'US'],
      [clerk, 'US'],
      [observer, 'DK'],
    ] as const) {
      const res = await endorse(user, code);
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    // An adopting delegation is a signatory already.
    const adopter = await heads.DK.client.error(ENDORSE, { i: { statementId: s.id, delegationId: ids.DK } }, 'CONFLICT');
    expect(adopter.message).toContain('adopted');
    await heads.US.client.error(
      ENDORSE,
      { i: { statementId: s.id, delegationId: ids.US, endorsedAt: new Date(Date.now() + 3_600_000).toISOString() } },
      'BAD_USER_INPUT',
      'endorsedAt',
    );
    expect(await app.count('endorsements', 'statement_id = $1', [s.id])).toBe(0);

    const first = (await endorse(heads.US, 'US')).data!.endorseStatement as any;
    expect(first).toMatchObject({ delegation: { code: 'US' }, endorsedBy: { id: heads.US.user.id }, statement: { id: s.id } });
    const second = (await endorse(heads.US, 'US')).data!.endorseStatement as any;
    expect(second).toEqual(first);
    // On its behalf, the presidency finds the same endorsement: still one row, one audit event.
    expect(((await endorse(organizer, 'US')).data!.endorseStatement as any).id).toBe(first.id);
    expect(await app.count('endorsements', 'statement_id = $1 AND delegation_id = $2', [s.id, ids.US])).toBe(1);
    expect(await app.count('audit_events', `action = 'statement.endorsed' AND entity_id = $1`, [first.id])).toBe(1);

    // The presidency records Canada's endorsement on its behalf.
    const canada = (await endorse(organizer, 'CA')).data!.endorseStatement as any;
    expect(canada).toMatchObject({ delegation: { code: 'CA' }, endorsedBy: { id: organizer.user.id } });
    const rows = await app.dataSource.query(
      'SELECT d.code, e.endorsed_at, e.endorsed_by_id FROM endorsements e JOIN delegations d ON d.id = e.delegation_id WHERE statement_id = $1 ORDER BY e.endorsed_at',
      [s.id],
    );
    expect(rows.map((r: any) => [r.code, r.endorsed_by_id])).toEqual([
      ['US', heads.US.user.id],
      ['CA', organizer.user.id],
    ]);
    expect(rows[0].endorsed_at.getTime()).toBeGreaterThanOrEqual(new Date(publishStatement.publishedAt).getTime());

    // Concurrent endorsements for one delegation queue on the statement's row: one row, one id for all.
    const norway = (await app.delegation('NO', { kind: DelegationKind.THIRD_COUNTRY, name: 'Norway' })).id;
    const racing = await Promise.all(Array.from({ length: 5 }, () => organizer.client.data(ENDORSE, { i: { statementId: s.id, delegationId: norway } })));
    expect(new Set(racing.map((r) => r.endorseStatement.id)).size).toBe(1);
    expect(await app.count('endorsements', 'statement_id = $1 AND delegation_id = $2', [s.id, norway])).toBe(1);
    expect(await app.count('audit_events', `action = 'statement.endorsed' AND entity_id = $1`, [racing[0].endorseStatement.id])).toBe(1);
    await app.dataSource.query('DELETE FROM endorsements WHERE delegation_id = $1', [norway]);

    // Signatories: the adopters since the adoption, then the endorsers since their endorsement.
    const { statement } = await usDelegate.client.data(READ, { id: s.id });
    expect(statement.signatories.map((g: any) => [g.delegation.code, g.kind, g.since])).toEqual([
      ['DK', 'ADOPTED', s.adoptedAt],
      ['FR', 'ADOPTED', s.adoptedAt],
      ['US', 'ENDORSED', rows[0].endorsed_at.toISOString()],
      ['CA', 'ENDORSED', rows[1].endorsed_at.toISOString()],
    ]);
    expect(statement.endorsements.map((e: any) => [e.delegation.code, e.endorsedAt])).toEqual([
      ['US', rows[0].endorsed_at.toISOString()],
      ['CA', rows[1].endorsed_at.toISOString()],
    ]);
    const { publicStatement } = await app.anonymous.data(PUBLIC, { r: '12-900' });
    expect(publicStatement.signatories.map((g: any) => `${g.delegation.code}:${g.kind}`)).toEqual(['DK:ADOPTED', 'FR:ADOPTED', 'US:ENDORSED', 'CA:ENDORSED']);
    expect(publicStatement.endorsements.map((e: any) => e.delegation.code)).toEqual(['US', 'CA']);

    // A position recorded after adoption changes nothing of who adopted it.
    await app.dataSource.query(
      `INSERT INTO positions (statement_id, version_id, delegation_id, stance, reason, current, recorded_at) VALUES ($1, $2, $3, 'OBJECTION', 'Afterthought', false, now())`,
      [s.id, s.currentVersion.id, ids.FR],
    );
    expect((await app.anonymous.data(PUBLIC, { r: '12-900' })).publicStatement.signatories).toHaveLength(4);

    // Each endorsement is announced once, to everyone concerned and the endorsing delegation.
    await app.drain();
    expect(await app.count('notifications', `kind = 'STATEMENT_ENDORSED' AND event_key = $1`, [`statement-endorsed:${first.id}`])).toBe(
      await app.count('delegation_memberships', 'delegation_id = ANY($1)', [[ids.DK, ids.FR, ids.US]]),
    );
    const [notice] = await app.dataSource.query(`SELECT subject FROM notifications WHERE kind = 'STATEMENT_ENDORSED' AND user_id = $1 AND event_key = $2`, [
      heads.DK.user.id,
      `statement-endorsed:${canada.id}`,
    ]);
    expect(notice.subject).toBe(`Endorsed by Canada: ${s.reference} Statement to endorse`);
  });

  it('takes no more positions on a published statement', async () => {
    const s = await adoptedStatement('Closed for answers');
    await clerk.client.data(PUBLISH, { i: { statementId: s.id, pressReference: '12-901' } });
    await heads.DK.client.error(
      POSITION,
      { i: { statementId: s.id, versionId: s.currentVersion.id, delegationId: ids.DK, stance: 'OBJECTION', reason: 'Late' } },
      'CONFLICT',
    );
  });
});

/** The demo's Global Alliance statement, published as 12-784, read as the public reads it. */
describe('the demo statement, public', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start({ demo: true, worker: false });
  });
  afterAll(() => app?.close());

  it('serves 12-784 without a token: the adopted REV 1 with its four goals, signed by every delegation that had it and the partners that joined in December 2012', async () => {
    const res = await app.anonymous.get('/statements/12-784');
    expect(res.status).toBe(200);
    const s = await res.json();
    expect(s).toMatchObject({
      reference: 'JHA 2012/001',
      label: 'JHA 2012/001 REV 1',
      pressReference: '12-784',
      adoptedAt: '2012-06-20T22:00:00.000Z',
      publishedAt: '2012-06-21T16:00:00.000Z',
    });
    expect(s.paragraphs.filter((p: any) => p.kind === 'GOAL')).toHaveLength(4);
    const [{ adopters }] = await app.dataSource.query(
      `SELECT array_agg(DISTINCT d.code ORDER BY d.code) AS adopters FROM statements st JOIN circulations c ON c.version_id = st.adopted_version_id
         JOIN circulation_recipients r ON r.circulation_id = c.id JOIN delegations d ON d.id = r.delegation_id WHERE st.press_reference = '12-784'`,
    );
    const partners = ['AU', 'CH', 'JP', 'KR', 'NO', 'NZ'];
    expect(s.signatories.map((g: any) => g.delegation.code)).toEqual([...adopters, ...partners]);
    expect(adopters).toEqual(expect.arrayContaining(['CY', 'DE', 'DK', 'US']));
    expect(adopters).not.toEqual(expect.arrayContaining(['NO']));
    const kinds = new Set(s.signatories.map((g: any) => `${g.kind} ${g.since}`));
    expect(kinds).toEqual(new Set(['ADOPTED 2012-06-20T22:00:00.000Z', 'ENDORSED 2012-12-05T10:00:00.000Z']));
    expect(s.endorsements.map((e: any) => e.delegation.code).sort()).toEqual(partners);
    const text = await (await app.anonymous.get(`/statements/${encodeURIComponent('JHA 2012/001')}?format=txt`)).text();
    expect(text).toContain('4. ');
    expect(text).toContain('Press reference 12-784');
  });
});
