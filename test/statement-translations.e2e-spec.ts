import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/auth/role.enum.js';
import { DelegationKind } from '../src/delegations/delegation-kind.enum.js';
import { createBody } from './support/meetings.js';
import { draft, GLOBAL_ALLIANCE_PARAGRAPHS, REVISE } from './support/statements.js';
import { TestApp, type TestUser } from './support/test-app.js';
import { ADD_TRANSLATION, FRENCH, FRENCH_TITLE, translated } from './support/translations.js';

const TRANSLATIONS = `query($id: ID!, $lang: String) { statement(id: $id) {
  currentVersion { id text(language: $lang) { key kind text } translations { id language title outdated paragraphs { key text } } }
  versions { id number translations { language outdated version { number } } }
} }`;

/** Language versions of statement versions, through GraphQL against the real app and database. */
describe('statement translations', () => {
  let app: TestApp;
  let clerk: TestUser;
  let dk: TestUser; // member of the body
  let us: TestUser; // third country, not a member: LIMITE texts are hidden
  let observer: TestUser;
  let body: { id: string };

  beforeAll(async () => {
    app = await TestApp.start({ worker: false });
    await app.delegation('US', { kind: DelegationKind.THIRD_COUNTRY });
    const organizer = await app.as(Role.ORGANIZER);
    clerk = await app.as(Role.CLERK);
    dk = await app.as(Role.DELEGATE, 'DK');
    us = await app.as(Role.DELEGATE, 'US');
    observer = await app.as(Role.OBSERVER, 'DK');
    body = await createBody(organizer, app, { name: 'EU-US JHA Ministerial', members: ['DK', 'FR'], jha: true, kind: 'MINISTERIAL' });
  });
  afterAll(() => app?.close());

  it('adds a French version aligned by key, in the original’s order and kinds, with its hash, author and audit event', async () => {
    const s = await draft(clerk, { bodyId: body.id });
    const input = { versionId: s.currentVersion.id, language: 'FR', title: FRENCH_TITLE, paragraphs: translated(FRENCH).reverse() };
    const { addTranslation: t } = await clerk.client.data(ADD_TRANSLATION, { i: input });
    expect(t).toMatchObject({
      language: 'fr',
      title: FRENCH_TITLE,
      outdated: false,
      version: { id: s.currentVersion.id, number: 1 },
      createdBy: { id: clerk.user.id },
    });
    expect(t.paragraphs).toEqual(GLOBAL_ALLIANCE_PARAGRAPHS.map((p) => ({ key: p.key, kind: p.kind, text: FRENCH[p.key] })));
    expect(t.contentHash).toMatch(/^[0-9a-f]{64}$/);

    const [row] = await app.dataSource.query(
      `SELECT statement_id, version_id, language, title, paragraphs, content_hash, created_by_id FROM statement_translations WHERE id = $1`,
      [t.id],
    );
    expect(row).toMatchObject({
      statement_id: s.id,
      version_id: s.currentVersion.id,
      language: 'fr',
      title: FRENCH_TITLE,
      content_hash: t.contentHash,
      created_by_id: clerk.user.id,
    });
    expect(row.paragraphs.map((p: any) => p.key)).toEqual(GLOBAL_ALLIANCE_PARAGRAPHS.map((p) => p.key));
    const [audit] = await app.dataSource.query(`SELECT actor_id, after FROM audit_events WHERE entity_id = $1 AND action = 'statement.translation.added'`, [
      s.id,
    ]);
    expect(audit).toMatchObject({ actor_id: clerk.user.id, after: { translationId: t.id, language: 'fr', contentHash: t.contentHash } });
  });

  it('serves text(language): the original without one or in its own language, the translation by tag, null without one', async () => {
    const s = await draft(clerk, { bodyId: body.id });
    await clerk.client.data(ADD_TRANSLATION, { i: { versionId: s.currentVersion.id, language: 'fr', paragraphs: translated(FRENCH) } });
    const textIn = async (lang: string | null) => (await dk.client.data(TRANSLATIONS, { id: s.id, lang })).statement.currentVersion.text;
    expect(await textIn(null)).toEqual(GLOBAL_ALLIANCE_PARAGRAPHS);
    expect(await textIn('en')).toEqual(GLOBAL_ALLIANCE_PARAGRAPHS);
    expect(await textIn('fr')).toEqual(GLOBAL_ALLIANCE_PARAGRAPHS.map((p) => ({ ...p, text: FRENCH[p.key] })));
    expect(await textIn('fr-FR')).toBeNull(); // another language version, which this one has not
    expect(await textIn('de')).toBeNull();
    await dk.client.error(TRANSLATIONS, { id: s.id, lang: 'fr_FR' }, 'BAD_USER_INPUT', 'language');
  });

  it('refuses paragraph keys that do not match the version one to one, naming them, and writes nothing', async () => {
    const s = await draft(clerk, { bodyId: body.id });
    const before = await app.count('statement_translations');
    const paragraphs = [
      ...translated(FRENCH).filter((p) => p.key !== 'g3' && p.key !== 'op1'),
      { key: 'g9', text: 'Objectif inconnu.' },
      { key: 'g1', text: 'Encore.' },
    ];
    const error = await clerk.client.error(
      ADD_TRANSLATION,
      { i: { versionId: s.currentVersion.id, language: 'fr', paragraphs } },
      'BAD_USER_INPUT',
      'paragraphs',
    );
    expect(error.extensions).toMatchObject({ missingKeys: ['g3', 'op1'], extraKeys: ['g9'], duplicateKeys: ['g1'] });
    expect(error.message).toMatch(/g3, op1.*g9.*g1/);
    await clerk.client.error(
      ADD_TRANSLATION,
      { i: { versionId: s.currentVersion.id, language: 'fr', paragraphs: [{ key: 'pre1', text: 'Seul.' }] } },
      'BAD_USER_INPUT',
      'paragraphs',
    );
    expect(await app.count('statement_translations')).toBe(before);
    expect(await app.count('audit_events', `entity_id = $1 AND action LIKE 'statement.translation.%'`, [s.id])).toBe(0);
  });

  it('refuses the original’s language, malformed and unknown tags, and unknown versions', async () => {
    const s = await draft(clerk, { bodyId: body.id });
    const add = (language: string, versionId = s.currentVersion.id) => ({ i: { versionId, language, paragraphs: translated(FRENCH) } });
    const own = await clerk.client.error(ADD_TRANSLATION, add('EN'), 'BAD_USER_INPUT', 'language');
    expect(own.message).toMatch(/own language/);
    await clerk.client.error(ADD_TRANSLATION, add('fr_FR'), 'BAD_USER_INPUT', 'language');
    await clerk.client.error(ADD_TRANSLATION, add('zz'), 'BAD_USER_INPUT', 'language');
    await clerk.client.error(ADD_TRANSLATION, add('fr', '00000000-0000-4000-8000-000000000000'), 'NOT_FOUND');
    expect(await app.count('statement_translations', 'statement_id = $1', [s.id])).toBe(0);
  });

  it('answers the same translation again with the existing one, refuses a different one (CONFLICT) unless replace, which is audited', async () => {
    const s = await draft(clerk, { bodyId: body.id });
    const i = { versionId: s.currentVersion.id, language: 'fr', paragraphs: translated(FRENCH) };
    const first = (await clerk.client.data(ADD_TRANSLATION, { i })).addTranslation;
    const again = (await clerk.client.data(ADD_TRANSLATION, { i: { ...i, paragraphs: [...i.paragraphs].reverse() } })).addTranslation;
    expect(again).toEqual(first);
    expect(await app.count('audit_events', `entity_id = $1 AND action LIKE 'statement.translation.%'`, [s.id])).toBe(1);

    const changed = { ...i, paragraphs: translated({ ...FRENCH, g3: 'Sensibiliser les enfants et les parents.' }) };
    const conflict = await clerk.client.error(ADD_TRANSLATION, { i: changed }, 'CONFLICT');
    expect(conflict.extensions?.translationId).toBe(first.id);
    const replaced = (await clerk.client.data(ADD_TRANSLATION, { i: { ...changed, replace: true } })).addTranslation;
    expect(replaced.id).toBe(first.id);
    expect(replaced.contentHash).not.toBe(first.contentHash);
    expect(replaced.paragraphs.find((p: any) => p.key === 'g3').text).toBe('Sensibiliser les enfants et les parents.');
    expect(await app.count('statement_translations', 'version_id = $1', [s.currentVersion.id])).toBe(1);
    const [audit] = await app.dataSource.query(`SELECT before, after FROM audit_events WHERE entity_id = $1 AND action = 'statement.translation.replaced'`, [
      s.id,
    ]);
    expect(audit).toMatchObject({ before: { contentHash: first.contentHash }, after: { contentHash: replaced.contentHash } });
  });

  it('lets one of two concurrent different translations in, the other gets CONFLICT', async () => {
    const s = await draft(clerk, { bodyId: body.id });
    const results = await Promise.all(
      ['Première.', 'Seconde.'].map((g1) =>
        clerk.client.request(ADD_TRANSLATION, { i: { versionId: s.currentVersion.id, language: 'fr', paragraphs: translated({ ...FRENCH, g1 }) } }),
      ),
    );
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.flatMap((r) => r.errors ?? []).map((e) => e.extensions?.code)).toEqual(['CONFLICT']);
    expect(await app.count('statement_translations', 'version_id = $1', [s.currentVersion.id])).toBe(1);
  });

  it('flags a translation outdated once the statement is revised; the new version starts with none', async () => {
    const s = await draft(clerk, { bodyId: body.id });
    await clerk.client.data(ADD_TRANSLATION, { i: { versionId: s.currentVersion.id, language: 'fr', paragraphs: translated(FRENCH) } });
    await clerk.client.data(ADD_TRANSLATION, { i: { versionId: s.currentVersion.id, language: 'de', paragraphs: translated({}) } });
    let read = (await clerk.client.data(TRANSLATIONS, { id: s.id })).statement;
    expect(read.currentVersion.translations.map((t: any) => [t.language, t.outdated])).toEqual([
      ['de', false],
      ['fr', false],
    ]);

    const paragraphs = GLOBAL_ALLIANCE_PARAGRAPHS.map((p) =>
      p.key === 'g3' ? { ...p, text: 'Raise public awareness, including of self-produced images.' } : p,
    );
    await clerk.client.data(REVISE, { i: { statementId: s.id, baseVersionId: s.currentVersion.id, paragraphs } });
    read = (await clerk.client.data(TRANSLATIONS, { id: s.id, lang: 'fr' })).statement;
    expect(read.versions.map((v: any) => v.translations.map((t: any) => [t.language, t.outdated, t.version.number]))).toEqual([
      [
        ['de', true, 1],
        ['fr', true, 1],
      ],
      [],
    ]);
    expect(read.currentVersion.translations).toEqual([]);
    expect(read.currentVersion.text).toBeNull(); // the French text of version 1 is not version 2's
    expect(await app.count('statement_translations', 'statement_id = $1', [s.id])).toBe(2); // rows untouched: outdated is computed
  });

  it('shows translations only to those who may read the statement; only clerks add them', async () => {
    const s = await draft(clerk, { bodyId: body.id }); // LIMITE
    const i = { versionId: s.currentVersion.id, language: 'fr', paragraphs: translated(FRENCH) };
    await dk.client.error(ADD_TRANSLATION, { i }, 'FORBIDDEN');
    await observer.client.error(ADD_TRANSLATION, { i }, 'FORBIDDEN');
    await clerk.client.data(ADD_TRANSLATION, { i });
    expect((await dk.client.data(TRANSLATIONS, { id: s.id, lang: 'fr' })).statement.currentVersion.translations.map((t: any) => t.language)).toEqual(['fr']);
    await us.client.error(TRANSLATIONS, { id: s.id, lang: 'fr' }, 'NOT_FOUND');
    await observer.client.error(TRANSLATIONS, { id: s.id, lang: 'fr' }, 'NOT_FOUND');
    expect(await app.count('statement_translations', 'statement_id = $1', [s.id])).toBe(1);
  });
});
