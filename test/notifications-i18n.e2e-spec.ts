import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type ParsedMail } from 'mailparser';
import { Role } from '../src/auth/role.enum.js';
import { DelegateRole } from '../src/delegations/delegation-kind.enum.js';
import { createBody, invite, scheduleMeeting } from './support/meetings.js';
import { SmtpSink } from './support/smtp-sink.js';
import { circulate, draft } from './support/statements.js';
import { TestApp, type TestUser } from './support/test-app.js';
import { ADD_TRANSLATION, FRENCH, FRENCH_TITLE, translated } from './support/translations.js';

const UPDATE_ME = 'mutation($i: UpdateMeInput!) { updateMe(input: $i) { id name locale timezone email } }';
const INBOX = '{ notifications(first: 50) { edges { node { kind subject body language entity { id } } } } }';
/** French typography puts a no-break space before a colon. */
const NBSP = '\u00a0';

interface Reader {
  user: TestUser;
  inbox(kind: string, entityId: string): Promise<{ subject: string; body: string; language: string }>;
  mail(subject: string): ParsedMail;
}

/**
 * Notifications in each reader's language and zone (issue 19): one event to three readers — English,
 * French and German — each told in their language in-app and by e-mail (text and HTML), through the
 * real app, worker and an SMTP server; and a statement named by its French title to a French reader.
 */
describe('notifications in the reader’s language', () => {
  const smtp = new SmtpSink();
  let app: TestApp;
  let organizer: TestUser;
  let clerk: TestUser;
  let dkId: string;
  let body: { id: string };
  let en: Reader;
  let fr: Reader;
  let de: Reader;

  const reader = (user: TestUser): Reader => ({
    user,
    async inbox(kind, entityId) {
      const { notifications } = await user.client.data(INBOX);
      const found = notifications.edges.map((e: any) => e.node).filter((n: any) => n.kind === kind && n.entity.id === entityId);
      expect(found).toHaveLength(1);
      return found[0];
    },
    mail(subject) {
      const mails = smtp.to(user.user.email).filter((m) => m.subject === subject);
      expect(mails).toHaveLength(1);
      return mails[0];
    },
  });

  beforeAll(async () => {
    await smtp.start();
    app = await TestApp.start({ env: { SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100' } });
    organizer = await app.as(Role.ORGANIZER);
    clerk = await app.as(Role.CLERK);
    dkId = (await app.delegation('DK', { name: 'Denmark', timezone: 'Europe/Copenhagen' })).id;
    // Everyone starts in English (the default); the French and German readers choose their own language and zone.
    en = reader(await app.as(Role.DELEGATE, 'DK', DelegateRole.HEAD_OF_DELEGATION, { name: 'Erik', timezone: 'Europe/Copenhagen' }));
    fr = reader(await app.as(Role.DELEGATE, 'DK', DelegateRole.DELEGATE, { name: 'Françoise' }));
    de = reader(await app.as(Role.DELEGATE, 'DK', DelegateRole.EXPERT, { name: 'Dieter' }));
    body = await createBody(organizer, app, { name: 'JHA Council', members: ['DK'] });
    await app.drain();
  });
  afterAll(async () => {
    await app?.close();
    await smtp.stop();
  });

  it('updateMe sets one’s own language and zone, validated and audited; me shows them', async () => {
    const { updateMe } = await fr.user.client.data(UPDATE_ME, { i: { locale: 'FR', timezone: 'Europe/Paris' } });
    expect(updateMe).toMatchObject({ id: fr.user.user.id, name: 'Françoise', locale: 'fr', timezone: 'Europe/Paris', email: fr.user.user.email });
    await de.user.client.data(UPDATE_ME, { i: { locale: 'de', timezone: 'America/New_York', name: '  Dieter Weber ' } });
    const { me } = await de.user.client.data('{ me { name locale timezone } }');
    expect(me).toEqual({ name: 'Dieter Weber', locale: 'de', timezone: 'America/New_York' });

    await de.user.client.error(UPDATE_ME, { i: { locale: 'klingon' } }, 'BAD_USER_INPUT', 'locale');
    await de.user.client.error(UPDATE_ME, { i: { timezone: 'Europe/Atlantis' } }, 'BAD_USER_INPUT', 'timezone');
    await de.user.client.error(UPDATE_ME, { i: { name: '   ' } }, 'BAD_USER_INPUT', 'name');
    expect(await app.count('users', `id = $1 AND locale = 'de' AND timezone = 'America/New_York'`, [de.user.user.id])).toBe(1);

    const audits = await app.dataSource.query(`SELECT actor_id, before, after FROM audit_events WHERE action = 'user.updated' AND entity_id = $1`, [
      de.user.user.id,
    ]);
    expect(audits).toEqual([
      {
        actor_id: de.user.user.id,
        before: { name: 'Dieter', locale: 'en', timezone: 'Europe/Brussels' },
        after: { name: 'Dieter Weber', locale: 'de', timezone: 'America/New_York' },
      },
    ]);
  });

  it('tells one invitation to three readers, each in their language and zone, in-app and by e-mail', async () => {
    const m = await scheduleMeeting(organizer, {
      bodyId: body.id,
      title: 'EU-US JHA Ministerial',
      startsAt: '2027-06-21T07:30:00Z',
      endsAt: '2027-06-21T15:00:00Z',
      timezone: 'Europe/Copenhagen',
      location: 'Eigtveds Pakhus, Copenhagen',
    });
    await invite(organizer, m.id, [dkId]);
    await app.drain();

    const expected = [
      {
        reader: en,
        language: 'en',
        subject: 'Invitation: EU-US JHA Ministerial',
        lines: [
          'Dear Erik,',
          'Denmark (DK) is invited to EU-US JHA Ministerial of JHA Council.',
          'Status: planned',
          'Starts: Mon 21 Jun 2027, 09:30 CEST (Europe/Copenhagen)',
          'Please answer for your delegation and accredit who will attend (respondToInvitation).',
        ],
        footer: 'You can choose which notifications reach you by e-mail in your notification preferences.',
      },
      {
        reader: fr,
        language: 'fr',
        subject: `Invitation${NBSP}: EU-US JHA Ministerial`,
        lines: [
          'Bonjour Françoise,',
          `La délégation Denmark (DK) est invitée à la réunion «${NBSP}EU-US JHA Ministerial${NBSP}» (JHA Council).`,
          `Statut${NBSP}: prévue`,
          `Début${NBSP}: lun. 21 juin 2027, 09:30 UTC+2, votre heure (Europe/Paris)${NBSP}; lun. 21 juin 2027, 09:30 UTC+2 (Europe/Copenhagen) sur le lieu de la réunion`,
          `Lieu${NBSP}: Eigtveds Pakhus, Copenhagen`,
          'Veuillez répondre au nom de votre délégation et accréditer les personnes qui y participeront (respondToInvitation).',
        ],
        footer: 'Vous pouvez choisir, dans vos préférences de notification, les notifications que vous recevez par courriel.',
      },
      {
        reader: de,
        language: 'de',
        subject: 'Einladung: EU-US JHA Ministerial',
        lines: [
          'Guten Tag Dieter Weber,',
          'Die Delegation Denmark (DK) ist zur Tagung „EU-US JHA Ministerial“ (JHA Council) eingeladen.',
          'Status: geplant',
          'Beginn: Mo., 21. Juni 2027, 03:30 GMT-4 Ihre Zeit (America/New_York); Mo., 21. Juni 2027, 09:30 MESZ (Europe/Copenhagen) am Tagungsort',
          'Ort:    Eigtveds Pakhus, Copenhagen',
          'Bitte antworten Sie für Ihre Delegation und akkreditieren Sie, wer teilnehmen wird (respondToInvitation).',
        ],
        footer: 'In Ihren Benachrichtigungseinstellungen legen Sie fest, welche Benachrichtigungen Sie per E-Mail erhalten.',
      },
    ];
    for (const e of expected) {
      const notice = await e.reader.inbox('MEETING_INVITATION', m.id);
      expect(notice.subject).toBe(e.subject);
      expect(notice.language).toBe(e.language);
      for (const line of e.lines) expect(notice.body.split('\n')).toContain(line);

      const mail = e.reader.mail(e.subject);
      expect(mail.text).toContain(notice.body);
      expect(mail.text).toContain(e.footer);
      expect(mail.html).toContain(`<html lang="${e.language}">`);
      expect(mail.html).toContain(e.footer);
      // The HTML part says the same, escaped: the first lines (no markup in them) appear as written.
      expect(mail.html).toContain(e.lines[0]);
    }
  });

  it('names a statement by its French title to a French reader of a statement with a French version, and by its own title to the others', async () => {
    const s = await draft(clerk, { bodyId: body.id });
    await clerk.client.data(ADD_TRANSLATION, { i: { versionId: s.currentVersion.id, language: 'fr', title: FRENCH_TITLE, paragraphs: translated(FRENCH) } });
    await circulate(clerk, s, { purpose: 'COMMENTS', delegationIds: [dkId] });
    await app.drain();

    const french = await fr.inbox('STATEMENT_CIRCULATED', s.id);
    expect(french.subject).toBe(`Diffusion${NBSP}: ${s.reference} ${FRENCH_TITLE}`);
    expect(french.body).toContain(
      `La déclaration commune ${s.reference} «${NBSP}${FRENCH_TITLE}${NBSP}» (version 1) a été diffusée à la délégation Denmark (DK).`,
    );
    expect(french.body).toContain('Elle est diffusée pour observations.');
    expect(french.body).not.toContain(s.title);
    expect(fr.mail(french.subject).text).toContain(FRENCH_TITLE);

    const english = await en.inbox('STATEMENT_CIRCULATED', s.id);
    expect(english.subject).toBe(`Circulated: ${s.reference} ${s.title}`);
    const german = await de.inbox('STATEMENT_CIRCULATED', s.id);
    // No German version: the German text names the statement by its own (English) title.
    expect(german.subject).toBe(`Verteilt: ${s.reference} ${s.title}`);
    expect(german.body).toContain('Sie wird zur Stellungnahme verteilt.');
  });
});
