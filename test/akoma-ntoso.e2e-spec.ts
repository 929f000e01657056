import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/auth/role.enum.js';
import { type QueryCountingLogger } from '../src/database/query-counting.logger.js';
import { DelegationKind } from '../src/delegations/delegation-kind.enum.js';
import { akn, aknSchemaAvailable, parseXml, validateAkn } from './support/akn-schema.js';
import { createBody, scheduleMeeting } from './support/meetings.js';
import { adoptByConsensus, draft, GLOBAL_ALLIANCE_PARAGRAPHS, WITHDRAW_STATEMENT } from './support/statements.js';
import { TestApp, type TestUser } from './support/test-app.js';
import { ADD_TRANSLATION, FRENCH, FRENCH_TITLE, translated } from './support/translations.js';

const TITLE = 'Global Alliance against Child Sexual Abuse Online — Søren & <Kids> café';
const AKN = 'query($id: ID!, $lang: String) { statement(id: $id) { akomaNtoso(language: $lang) } }';
const attr = (e: Element | undefined, name: string) => e?.getAttribute(name) ?? null;
const text = (e: Element | undefined) => e?.textContent ?? null;

/**
 * The Akoma Ntoso export of an adopted statement, over HTTP and GraphQL against the real app: read
 * back by a real XML parser and validated against the OASIS schema (shared fixtures).
 */
describe('Akoma Ntoso export', () => {
  let app: TestApp;
  let clerk: TestUser;
  let dk: TestUser;
  let fr: TestUser;
  let us: TestUser; // not a member of the body: the LIMITE text is hidden from it
  let statement: Record<string, any>;
  const withSchema = aknSchemaAvailable() ? it : it.skip;

  beforeAll(async () => {
    app = await TestApp.start({ worker: false });
    await app.delegation('US', { kind: DelegationKind.THIRD_COUNTRY });
    const organizer = await app.as(Role.ORGANIZER);
    clerk = await app.as(Role.CLERK);
    dk = await app.as(Role.DELEGATE, 'DK');
    fr = await app.as(Role.DELEGATE, 'FR');
    us = await app.as(Role.DELEGATE, 'US');
    const body = await createBody(organizer, app, { name: 'EU-US JHA Ministerial', members: ['DK', 'FR'], jha: true, kind: 'MINISTERIAL' });
    const meeting = await scheduleMeeting(organizer, {
      bodyId: body.id,
      title: 'EU-US JHA Ministerial Meeting',
      startsAt: new Date(Date.now() + 7 * 86400_000),
      timezone: 'Europe/Copenhagen',
      location: 'Copenhagen',
    });
    statement = await draft(clerk, { bodyId: body.id, meetingId: meeting.id, title: TITLE });
  });
  afterAll(() => app?.close());

  it('refuses a statement that is not adopted: 409 over HTTP, CONFLICT in GraphQL', async () => {
    const res = await clerk.client.get(`/statements/${statement.id}/akn.xml`);
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: 'CONFLICT' } });
    await clerk.client.error(AKN, { id: statement.id }, 'CONFLICT');
  });

  it('exports the adopted version: well-formed, four goals as mainBody paragraphs with eIds, title and place intact', async () => {
    const [dkId, frId] = [(await app.delegation('DK')).id, (await app.delegation('FR')).id];
    statement = {
      ...statement,
      ...(await adoptByConsensus(clerk, statement, [
        { user: dk, delegationId: dkId },
        { user: fr, delegationId: frId },
      ])),
    };
    expect(statement.status).toBe('ADOPTED');

    const res = await dk.client.get(`/statements/${statement.id}/akn.xml`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/akn\+xml; charset=utf-8/);
    const xml = await res.text();
    const doc = parseXml(xml);
    expect(doc.documentElement.localName).toBe('akomaNtoso');
    expect(attr(akn(doc, 'statement')[0], 'name')).toBe('jointStatement');

    expect(text(akn(doc, 'docTitle')[0])).toBe(TITLE); // &, <, é, ø survive the round trip
    expect(xml).toContain('&amp; &lt;Kids&gt;');
    expect(akn(doc, 'Kids')).toEqual([]);
    expect(text(akn(doc, 'docNumber')[0])).toBe(statement.reference);

    const paragraphs = akn(akn(doc, 'mainBody')[0], 'paragraph');
    const goals = paragraphs.filter((p) => attr(p, 'class') === 'goal');
    expect(goals).toHaveLength(4);
    expect(goals.map((g) => text(akn(g, 'p')[0]))).toEqual(GLOBAL_ALLIANCE_PARAGRAPHS.filter((p) => p.kind === 'GOAL').map((p) => p.text));
    expect(paragraphs.map((p) => attr(p, 'eId'))).toEqual(['para_1', 'para_2', 'para_3', 'para_4', 'para_5']);
    expect(akn(akn(doc, 'preamble')[0], 'recital').map(text)).toEqual([GLOBAL_ALLIANCE_PARAGRAPHS[0].text]);

    const [{ adopted }] = await app.dataSource.query(
      `SELECT to_char(adopted_at AT TIME ZONE 'Europe/Copenhagen', 'YYYY-MM-DD') AS adopted FROM statements WHERE id = $1`,
      [statement.id],
    );
    const expression = akn(doc, 'FRBRExpression')[0];
    expect(attr(akn(expression, 'FRBRlanguage')[0], 'language')).toBe('eng');
    expect(attr(akn(expression, 'FRBRdate')[0], 'date')).toBe(adopted);
    expect(attr(akn(akn(doc, 'FRBRWork')[0], 'FRBRthis')[0], 'value')).toBe(
      `/akn/eu/statement/jointStatement/${adopted}/jha-${statement.reference.slice(4).replace('/', '-')}/!main`,
    );
    expect(attr(akn(doc, 'TLCOrganization')[1], 'showAs')).toBe('EU-US JHA Ministerial');
    const conclusions = akn(doc, 'conclusions')[0];
    expect(text(akn(conclusions, 'location')[0])).toBe('Copenhagen');
    expect(attr(akn(conclusions, 'date')[0], 'date')).toBe(adopted);

    // The GraphQL field serves the same document.
    expect((await dk.client.data(AKN, { id: statement.id })).statement.akomaNtoso).toBe(xml);
  });

  withSchema('validates against the OASIS Akoma Ntoso 3.0 schema, in the original and in French', async () => {
    for (const lang of ['', '?lang=fr']) {
      if (lang)
        await clerk.client.data(ADD_TRANSLATION, {
          i: { versionId: statement.adoptedVersion.id, language: 'fr', title: FRENCH_TITLE, paragraphs: translated(FRENCH) },
        });
      const result = await validateAkn(await (await clerk.client.get(`/statements/${statement.id}/akn.xml${lang}`)).text());
      expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
      expect(result.valid).toBe(true);
    }
  });

  it('serves a translation with ?lang=fr: French text and title, fra in the expression and manifestation', async () => {
    const i = { versionId: statement.adoptedVersion.id, language: 'fr', title: FRENCH_TITLE, paragraphs: translated(FRENCH) };
    await clerk.client.data(ADD_TRANSLATION, { i });
    const res = await dk.client.get(`/statements/${statement.id}/akn.xml?lang=fr`);
    expect(res.status).toBe(200);
    const xml = await res.text();
    const doc = parseXml(xml);
    for (const part of ['FRBRExpression', 'FRBRManifestation']) expect(attr(akn(akn(doc, part)[0], 'FRBRthis')[0], 'value')).toContain('/fra@');
    expect(attr(akn(akn(doc, 'FRBRExpression')[0], 'FRBRlanguage')[0], 'language')).toBe('fra');
    expect(attr(akn(akn(doc, 'FRBRWork')[0], 'FRBRthis')[0], 'value')).not.toContain('@');
    expect(text(akn(doc, 'docTitle')[0])).toBe(FRENCH_TITLE);
    expect(akn(akn(doc, 'mainBody')[0], 'p').map(text)).toEqual(['g1', 'g2', 'g3', 'g4', 'op1'].map((k) => FRENCH[k]));
    expect(text(akn(doc, 'conclusions')[0])).toMatch(/^Copenhagen, \d{1,2} \S+ \d{4}$/);
    expect((await dk.client.data(AKN, { id: statement.id, lang: 'fr' })).statement.akomaNtoso).toBe(xml);
    // Its own language explicitly is the original.
    expect(attr(akn(parseXml(await (await dk.client.get(`/statements/${statement.id}/akn.xml?lang=en`)).text()), 'FRBRlanguage')[0], 'language')).toBe('eng');
  });

  it('answers 404 for a language without translation, 400 for a malformed tag, 404 for readers who may not see it, 401 without a token', async () => {
    expect((await dk.client.get(`/statements/${statement.id}/akn.xml?lang=de`)).status).toBe(404);
    await dk.client.error(AKN, { id: statement.id, lang: 'de' }, 'NOT_FOUND');
    const bad = await dk.client.get(`/statements/${statement.id}/akn.xml?lang=fr_FR`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'BAD_USER_INPUT' } });
    expect((await us.client.get(`/statements/${statement.id}/akn.xml`)).status).toBe(404);
    expect((await dk.client.get(`/statements/not-an-id/akn.xml`)).status).toBe(404);
    expect((await app.anonymous.get(`/statements/${statement.id}/akn.xml`)).status).toBe(401);
  });

  it('refuses a withdrawn statement (never adopted): 409', async () => {
    const [{ body_id: bodyId }] = await app.dataSource.query('SELECT body_id FROM statements WHERE id = $1', [statement.id]);
    const other = await draft(clerk, { bodyId, title: 'Withdrawn one' });
    await clerk.client.data(WITHDRAW_STATEMENT, { i: { statementId: other.id, reason: 'Overtaken by events' } });
    expect((await clerk.client.get(`/statements/${other.id}/akn.xml`)).status).toBe(409);
  });

  it('once published, serves each language: publicStatement(reference, language), GET /statements/:reference?lang=fr, and akn.xml with the press reference', async () => {
    await clerk.client.data('mutation($i: PublishStatementInput!) { publishStatement(input: $i) { status } }', {
      i: { statementId: statement.id, pressReference: '12-784' },
    });
    const PUBLIC = 'query($r: String!, $l: String) { publicStatement(reference: $r, language: $l) { title language paragraphs { key text } } }';
    const french = (await app.anonymous.data(PUBLIC, { r: '12-784', l: 'fr' })).publicStatement;
    expect(french).toEqual({ title: FRENCH_TITLE, language: 'fr', paragraphs: GLOBAL_ALLIANCE_PARAGRAPHS.map((p) => ({ key: p.key, text: FRENCH[p.key] })) });
    expect((await app.anonymous.data(PUBLIC, { r: '12-784' })).publicStatement).toMatchObject({ title: TITLE, language: 'en' });
    await app.anonymous.error(PUBLIC, { r: '12-784', l: 'de' }, 'NOT_FOUND');
    const json = await (await app.anonymous.get(`/statements/12-784?lang=fr`)).json();
    expect(json).toMatchObject({ title: FRENCH_TITLE, language: 'fr' });

    const doc = parseXml(await (await dk.client.get(`/statements/${statement.id}/akn.xml?lang=fr`)).text());
    expect(akn(doc, 'docNumber').map(text)).toEqual([statement.reference, '12-784']);
    expect(attr(akn(akn(doc, 'FRBRExpression')[0], 'FRBRlanguage')[0], 'language')).toBe('fra');

    // Published, the adopted text and its language versions are readable by every signed-in user (not by the anonymous).
    expect((await us.client.get(`/statements/${statement.id}/akn.xml?lang=fr`)).status).toBe(200);
    const read = (
      await us.client.data('query($id: ID!) { statement(id: $id) { akomaNtoso adoptedVersion { translations { language } text(language: "fr") { key } } } }', {
        id: statement.id,
      })
    ).statement;
    expect(read.adoptedVersion).toEqual({ translations: [{ language: 'fr' }], text: GLOBAL_ALLIANCE_PARAGRAPHS.map((p) => ({ key: p.key })) });
    expect(parseXml(read.akomaNtoso).documentElement.localName).toBe('akomaNtoso');
    expect((await app.anonymous.get(`/statements/${statement.id}/akn.xml`)).status).toBe(401);
  });

  it('reads exports, translations and texts of a list of statements in a number of SQL statements that does not grow with the list', async () => {
    const organizer = await app.as(Role.ORGANIZER);
    const [dkId, frId] = [(await app.delegation('DK')).id, (await app.delegation('FR')).id];
    const spent = async (n: number) => {
      const body = await createBody(organizer, app, { name: `Body of ${n}`, members: ['DK', 'FR'], kind: 'MINISTERIAL' });
      const meeting = await scheduleMeeting(organizer, {
        bodyId: body.id,
        startsAt: new Date(Date.now() + 9 * 86400_000),
        timezone: 'Europe/Copenhagen',
        location: 'Copenhagen',
      });
      for (let i = 0; i < n; i++) {
        const s = await draft(clerk, { bodyId: body.id, meetingId: meeting.id, title: `Statement ${i} of ${n}` });
        await adoptByConsensus(clerk, s, [
          { user: dk, delegationId: dkId },
          { user: fr, delegationId: frId },
        ]);
        await clerk.client.data(ADD_TRANSLATION, { i: { versionId: s.currentVersion.id, language: 'fr', paragraphs: translated(FRENCH) } });
      }
      const logger = app.dataSource.logger as QueryCountingLogger;
      const before = logger.statements;
      const { statements } = await dk.client.data(
        `query($body: ID!) { statements(first: 3, filter: { bodyId: $body }) { edges { node {
            akomaNtoso(language: "fr") adoptedVersion { text(language: "fr") { key text } translations { language outdated createdBy { name } } } } } } }`,
        { body: body.id },
      );
      expect(statements.edges).toHaveLength(n);
      for (const { node } of statements.edges) expect(attr(akn(parseXml(node.akomaNtoso), 'FRBRlanguage')[0], 'language')).toBe('fra');
      return logger.statements - before;
    };
    expect(await spent(3)).toBe(await spent(1));
  });

  it('escapes markup in every text it carries: title, PREAMBLE, GOAL and OPERATIVE paragraphs read back intact, no element injected, schema-valid', async () => {
    const evil = '</p><evil/> &';
    const [{ body_id: bodyId }] = await app.dataSource.query('SELECT body_id FROM statements WHERE id = $1', [statement.id]);
    const hostile = await draft(clerk, {
      bodyId,
      title: `Title ${evil}`,
      paragraphs: [
        { key: 'pre1', kind: 'PREAMBLE', text: `Preamble ${evil}` },
        { key: 'g1', kind: 'GOAL', text: `Goal ${evil}` },
        { key: 'op1', kind: 'OPERATIVE', text: `Operative ${evil}` },
      ],
    });
    const [dkId, frId] = [(await app.delegation('DK')).id, (await app.delegation('FR')).id];
    expect(
      (
        await adoptByConsensus(clerk, hostile, [
          { user: dk, delegationId: dkId },
          { user: fr, delegationId: frId },
        ])
      ).status,
    ).toBe('ADOPTED');

    const res = await dk.client.get(`/statements/${hostile.id}/akn.xml`);
    expect(res.status).toBe(200);
    const xml = await res.text();
    expect(xml).not.toContain('<evil/>');
    const doc = parseXml(xml);
    expect(akn(doc, 'evil')).toEqual([]);
    expect(doc.getElementsByTagName('evil')).toHaveLength(0); // in no namespace either
    expect(text(akn(doc, 'docTitle')[0])).toBe(`Title ${evil}`);
    expect(akn(akn(doc, 'preamble')[0], 'recital').map((r) => text(akn(r, 'p')[0]))).toEqual([`Preamble ${evil}`]);
    const paragraphs = akn(akn(doc, 'mainBody')[0], 'paragraph');
    expect(paragraphs.map((p) => [attr(p, 'class'), text(akn(p, 'p')[0])])).toEqual([
      ['goal', `Goal ${evil}`],
      ['operative', `Operative ${evil}`],
    ]);
    if (aknSchemaAvailable()) expect((await validateAkn(xml)).errors.map((e) => e.rawMessage)).toEqual([]);
  });
});

/** The demo's Global Alliance statement (adopted 21 June 2012 in Copenhagen, published as 12-784), exported. */
describe('Akoma Ntoso export of the demo statement', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start({ demo: true, worker: false });
  });
  afterAll(() => app?.close());

  it('is well-formed and schema-valid, with the four goals as mainBody paragraphs, dated and placed as adopted', async () => {
    const [{ id, reference }] = await app.dataSource.query(`SELECT id, reference FROM statements WHERE press_reference = '12-784'`);
    const observer = await app.as(Role.OBSERVER); // published: PUBLIC, any signed-in reader
    const res = await observer.client.get(`/statements/${id}/akn.xml`);
    expect(res.status).toBe(200);
    const xml = await res.text();
    const doc = parseXml(xml);
    const goals = akn(akn(doc, 'mainBody')[0], 'paragraph').filter((p) => attr(p, 'class') === 'goal');
    expect(goals).toHaveLength(4);
    expect(goals.every((g) => /^para_\d+$/.test(attr(g, 'eId') ?? ''))).toBe(true);
    expect(text(akn(doc, 'docTitle')[0])).toBe('Global Alliance against Child Sexual Abuse Online');
    expect(akn(doc, 'docNumber').map(text)).toEqual([reference, '12-784']);
    expect(attr(akn(akn(doc, 'FRBRWork')[0], 'FRBRthis')[0], 'value')).toBe('/akn/eu/statement/jointStatement/2012-06-21/jha-2012-001/!main');
    expect(attr(akn(akn(doc, 'conclusions')[0], 'date')[0], 'date')).toBe('2012-06-21');
    if (aknSchemaAvailable()) expect((await validateAkn(xml)).errors.map((e) => e.rawMessage)).toEqual([]);
  });

  it('is public once published: the same document without a token, by press reference, and in French', async () => {
    const [{ id }] = await app.dataSource.query(`SELECT id FROM statements WHERE press_reference = '12-784'`);
    const observer = await app.as(Role.OBSERVER);
    const signedIn = await (await observer.client.get(`/statements/${id}/akn.xml`)).text();
    const byFormat = await app.anonymous.get('/statements/12-784?format=akn');
    expect(byFormat.status).toBe(200);
    expect(byFormat.headers.get('content-type')).toContain('application/akn+xml');
    expect(await byFormat.text()).toBe(signedIn);
    const byAccept = await fetch(`${app.url}/statements/12-784`, { headers: { accept: 'application/akn+xml' } });
    expect(await byAccept.text()).toBe(signedIn);

    const french = await app.anonymous.get('/statements/12-784?format=akn&lang=fr');
    expect(french.headers.get('content-language')).toBe('fr');
    const xml = await french.text();
    const doc = parseXml(xml);
    expect(text(akn(doc, 'docTitle')[0])).toBe('Alliance mondiale contre les abus sexuels commis contre des enfants en ligne');
    expect(attr(akn(akn(doc, 'FRBRExpression')[0], 'FRBRlanguage')[0], 'language')).toBe('fra');
    expect(akn(akn(doc, 'mainBody')[0], 'paragraph').filter((p) => attr(p, 'class') === 'goal')).toHaveLength(4);
    if (aknSchemaAvailable()) expect((await validateAkn(xml)).errors.map((e) => e.rawMessage)).toEqual([]);
    expect((await app.anonymous.get('/statements/12-784?format=akn&lang=de')).status).toBe(404);
  });
});
