import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/auth/role.enum.js';
import { createBody, hoursFromNow, MEETING_FIELDS, scheduleMeeting } from './support/meetings.js';
import { CREATE, CREATE_MANY } from './support/action-items.js';
import { adoptByConsensus, draft, STATEMENT_FIELDS } from './support/statements.js';
import { TestApp, type TestUser } from './support/test-app.js';
import { ADD_TRANSLATION, FRENCH, translated } from './support/translations.js';

const LONE = 'a\ud800b'; // a UTF-16 surrogate without its pair: no Unicode character at all
const DRAFT = `mutation($i: DraftStatementInput!) { draftStatement(input: $i) { ${STATEMENT_FIELDS} } }`;
const SCHEDULE = `mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { ${MEETING_FIELDS} } }`;
const CREATE_USER = 'mutation($i: CreateUserInput!) { createUser(input: $i) { id locale } }';
const AKN = 'query($id: ID!) { statement(id: $id) { akomaNtoso } }';

/** Inputs that used to reach the code below the pipe and end as INTERNAL_SERVER_ERROR. */
describe('bad input: an answer, never a 500', () => {
  let app: TestApp;
  let admin: TestUser;
  let organizer: TestUser;
  let clerk: TestUser;
  let bodyId: string;
  let dkId: string;

  beforeAll(async () => {
    app = await TestApp.start({ worker: false });
    admin = await app.as(Role.ADMIN);
    organizer = await app.as(Role.ORGANIZER);
    clerk = await app.as(Role.CLERK);
    bodyId = (await createBody(organizer, app, { members: ['DK'] })).id;
    dkId = (await app.delegation('DK')).id;
  });
  afterAll(() => app?.close());

  describe('a lone UTF-16 surrogate', () => {
    it('is refused before sign-in: login answers BAD_USER_INPUT on email', async () => {
      const error = await app.anonymous.error(
        'mutation($i: LoginInput!) { login(input: $i) { accessToken } }',
        { i: { email: `${LONE}@x.test`, password: 'whatever it is' } },
        'BAD_USER_INPUT',
        'email',
      );
      expect(error.message).toMatch(/lone surrogate/);
    });

    it('is refused in draftStatement, createDelegation and createUser, naming the field and writing nothing', async () => {
      const audits = await app.count('audit_events');
      await clerk.client.error(DRAFT, { i: { bodyId, title: LONE, paragraphs: [{ kind: 'GOAL', text: 'x' }] } }, 'BAD_USER_INPUT', 'title');
      await clerk.client.error(
        DRAFT,
        {
          i: {
            bodyId,
            title: 'T',
            paragraphs: [
              { kind: 'GOAL', text: 'fine' },
              { kind: 'GOAL', text: LONE },
            ],
          },
        },
        'BAD_USER_INPUT',
        'paragraphs.1.text',
      );
      await organizer.client.error(
        'mutation($i: CreateDelegationInput!) { createDelegation(input: $i) { id } }',
        { i: { code: 'MT', name: LONE, kind: 'MEMBER_STATE' } },
        'BAD_USER_INPUT',
        'name',
      );
      await admin.client.error(
        CREATE_USER,
        { i: { email: 'someone@x.test', name: LONE, password: 'a long password', role: 'CLERK' } },
        'BAD_USER_INPUT',
        'name',
      );
      await admin.client.error(
        CREATE_USER,
        { i: { email: `${LONE}@x.test`, name: 'N', password: 'a long password', role: 'CLERK' } },
        'BAD_USER_INPUT',
        'email',
      );
      expect(await app.count('audit_events')).toBe(audits);
      expect(await app.count('statements')).toBe(0);
      expect(await app.count('users', `email = 'someone@x.test'`)).toBe(0);
    });

    it('is refused in plain arguments and in lists, and a trailing or leading one too', async () => {
      await clerk.client.error('query($q: String!) { search(query: $q) { totalCount } }', { q: LONE }, 'BAD_USER_INPUT', 'query');
      await organizer.client.error('query($c: String) { delegation(code: $c) { id } }', { c: '\udc00' }, 'BAD_USER_INPUT', 'code');
      await organizer.client.error(
        'mutation($i: CreateBodyInput!) { createBody(input: $i) { id } }',
        { i: { kind: 'WORKING_PARTY', name: `Body ${'\ud83d'}`, memberDelegationIds: [dkId] } },
        'BAD_USER_INPUT',
        'name',
      );
    });

    it('is a client error, not a 500, inside the query text and as the operation name', async () => {
      const res = await clerk.client.request(`{ search(query: "${LONE}") { totalCount } }`);
      expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
      const named = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${clerk.token}` },
        body: JSON.stringify({ query: 'query Q { me { id } }', operationName: LONE }),
      });
      expect(named.status).toBeLessThan(500);
      expect((await fetch(`${app.url}/health`)).status).toBe(200);
    });

    it('keeps paired surrogates (emoji, historic scripts) as they are', async () => {
      const title = 'Ministers 🇪🇺 agree — 𐌰𐌱 (Gothic)';
      const statement = await draft(clerk, { bodyId, title });
      expect(statement.title).toBe(title);
    });
  });

  describe('language tags', () => {
    it.each(['xx', 'qaa', 'aaa', 'zz-ZZ', 'en-xx-yy', 'en-XX', 'und', 'fr-Qaaa', 'de-CH-1996', 'en-u-ca-gregory'])(
      'draftStatement refuses language %s with BAD_USER_INPUT on language',
      async (language) => {
        const before = await app.count('statements');
        await clerk.client.error(DRAFT, { i: { bodyId, title: 'T', language, paragraphs: [{ kind: 'GOAL', text: 'x' }] } }, 'BAD_USER_INPUT', 'language');
        expect(await app.count('statements')).toBe(before);
      },
    );

    it('stores a good tag in its canonical form (EN-gb → en-GB)', async () => {
      const s = await draft(clerk, { bodyId, language: 'EN-gb' });
      expect(s.language).toBe('en-GB');
      const sr = await draft(clerk, { bodyId, language: 'sr-latn-RS' });
      expect(sr.language).toBe('sr-Latn-RS');
    });

    it('uses the same rule for translations and for users’ locales', async () => {
      const s = await draft(clerk, { bodyId });
      await clerk.client.error(
        ADD_TRANSLATION,
        { i: { versionId: s.currentVersion.id, language: 'xx', paragraphs: translated(FRENCH) } },
        'BAD_USER_INPUT',
        'language',
      );
      await clerk.client.error(
        ADD_TRANSLATION,
        { i: { versionId: s.currentVersion.id, language: 'fr-XX', paragraphs: translated(FRENCH) } },
        'BAD_USER_INPUT',
        'language',
      );
      for (const locale of ['xx', 'zz-ZZ', 'qaa']) {
        await admin.client.error(
          CREATE_USER,
          { i: { email: `l.${locale}@x.test`, name: 'N', password: 'a long password', role: 'CLERK', locale } },
          'BAD_USER_INPUT',
          'locale',
        );
      }
      const { createUser } = await admin.client.data(CREATE_USER, {
        i: { email: 'pt@x.test', name: 'N', password: 'a long password', role: 'CLERK', locale: 'PT-br' },
      });
      expect(createUser.locale).toBe('pt-BR');
    });

    it('exports a statement whose stored language predates the rule, naming an unknown one "und" (undetermined) instead of a 500', async () => {
      const dk = await app.as(Role.DELEGATE, 'DK');
      const s = await draft(clerk, { bodyId });
      await adoptByConsensus(clerk, s, [{ user: dk, delegationId: dkId }]);
      for (const [bad, code] of [
        ['xx', 'und'],
        ['en-xx-yy', 'eng'],
      ]) {
        await app.dataSource.query('UPDATE statements SET language = $2 WHERE id = $1', [s.id, bad]);
        const { statement } = await clerk.client.data(AKN, { id: s.id });
        expect(statement.akomaNtoso).toContain(`<FRBRlanguage language="${code}"/>`);
        const res = await clerk.client.get(`/statements/${s.id}/akn.xml`);
        expect(res.status).toBe(200);
      }
    });
  });

  describe('DateTime', () => {
    const impossible = [
      '2031-02-30T10:00:00Z',
      '2031-04-31T10:00:00Z',
      '2030-02-29T10:00:00Z',
      '2031-06-01T24:00:00Z',
      '2031-06-01T10:60:00Z',
      '0000-01-01T00:00:00Z',
      '+099999-01-01T00:00:00Z',
      '1899-12-31T23:59:59Z',
      '2031-06-01',
      '2031-06-01T10:00:00',
      'next tuesday',
      '1750000000000',
    ];

    it.each(impossible)('createActionItem refuses dueAt %s with BAD_USER_INPUT on dueAt, storing nothing', async (dueAt) => {
      const before = await app.count('action_items');
      const error = await organizer.client.error(CREATE, { i: { title: 'Follow up', ownerDelegationId: dkId, dueAt } }, 'BAD_USER_INPUT', 'dueAt');
      expect(error.message).not.toMatch(/Did you mean/);
      expect(await app.count('action_items')).toBe(before);
    });

    it('names the field inside lists and in query literals too', async () => {
      await organizer.client.error(
        CREATE_MANY,
        {
          i: {
            items: [
              { title: 'a', ownerDelegationId: dkId },
              { title: 'b', ownerDelegationId: dkId, dueAt: '2031-02-30T10:00:00Z' },
            ],
          },
        },
        'BAD_USER_INPUT',
        'items.1.dueAt',
      );
      await organizer.client.error(`{ meetings(filter: { from: "2031-02-30T10:00:00Z" }) { totalCount } }`, undefined, 'BAD_USER_INPUT', 'from');
    });

    it('scheduleMeeting refuses year 0000 and year 99999', async () => {
      const before = await app.count('meetings');
      for (const startsAt of ['0000-01-01T00:00:00Z', '+099999-01-01T00:00:00Z']) {
        await organizer.client.error(
          SCHEDULE,
          { i: { bodyId, title: 'M', startsAt, endsAt: '2031-01-01T00:00:00Z', timezone: 'UTC', location: 'x' } },
          'BAD_USER_INPUT',
          'startsAt',
        );
      }
      expect(await app.count('meetings')).toBe(before);
    });

    it('accepts RFC 3339 instants with any offset, leap days and fractions, and stores the instant', async () => {
      const item = (await organizer.client.data(CREATE, { i: { title: 'Leap', ownerDelegationId: dkId, dueAt: '2032-02-29T23:30:00.250+02:00' } }))
        .createActionItem;
      expect(item.dueAt).toBe('2032-02-29T21:30:00.250Z');
      const m = await scheduleMeeting(organizer, { bodyId, startsAt: hoursFromNow(24) });
      expect(new Date(m.startsAt).getTime()).toBeGreaterThan(Date.now());
    });
  });
});
