import { describe, expect, it } from '@jest/globals';
import { simpleParser } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import { EmailBuilder, type EmailOrder } from './email-messages.js';

const buildEmail = (o: EmailOrder) => new EmailBuilder().build(o);

const order = (over: Partial<EmailOrder>): EmailOrder => ({
  from: 'Concordia <noreply@concordia.example>',
  to: { name: 'Ana Pérez', address: 'ana@mae.es' },
  subject: 'Circulated for comments: Global Alliance',
  text: 'Dear Ana,\n\nThe statement has been circulated.\n\n--\nConcordia · https://concordia.example',
  html: '<p>Dear Ana,</p>',
  kind: 'STATEMENT_CIRCULATED',
  deliveryId: '123e4567-e89b-12d3-a456-426614174000',
  ...over,
});

/** What a reader's mail program shows of a message: parsed back by mailparser. */
async function shown(raw: Buffer | string) {
  const m = await simpleParser(raw);
  return {
    subject: m.subject,
    from: m.from?.value,
    to: Array.isArray(m.to) ? m.to.flatMap((t) => t.value) : m.to?.value,
    text: m.text,
    html: m.html,
    messageId: m.messageId,
    delivery: m.headers.get('x-concordia-delivery'),
    kind: m.headers.get('x-concordia-kind'),
    contentType: (m.headers.get('content-type') as { value: string }).value,
  };
}

/** The same e-mail through nodemailer's composer: the reference the fast builder must match. */
async function composed(o: EmailOrder): Promise<Buffer> {
  return new MailComposer({
    from: o.from,
    to: o.to,
    subject: o.subject,
    text: o.text,
    html: o.html,
    messageId: `<${o.deliveryId}@concordia>`,
    headers: { 'X-Concordia-Delivery': o.deliveryId, 'X-Concordia-Kind': o.kind },
  })
    .compile()
    .build();
}

describe('an e-mail built for the wire (EmailBuilder)', () => {
  const cases: [string, Partial<EmailOrder>][] = [
    ['plain English', {}],
    [
      'German with quotes, umlauts and an emoji',
      {
        subject: 'Rundschreiben: „Globale Allianz“ — Fassung 2 😀',
        text: 'Guten Tag Zoë,\n\nÜbersicht der Änderungen.',
        to: { name: 'Zoë Ångström, MdB', address: 'zoe@bundestag.de' },
      },
    ],
    [
      'mostly non-Latin text (base64 in the composer, quoted-printable here)',
      { subject: 'Ανακοίνωση', text: 'Αγαπητή Ελένη,\n\nΗ δήλωση κυκλοφόρησε.', html: '<p>Αγαπητή Ελένη</p>' },
    ],
    ['lines starting with a dot, long lines and CRLF', { text: `.first\r\n..second\n${'word '.repeat(60)}\n.`, html: `<p>${'x'.repeat(1200)}</p>` }],
  ];

  it.each(cases)('reads exactly like nodemailer’s composer builds it: %s', async (_name, over) => {
    const o = order(over);
    const built = buildEmail(o);
    const ours = await shown(built.raw);
    expect(ours).toEqual(await shown(await composed(o)));
    expect(ours.contentType).toBe('multipart/alternative');
    expect(ours.messageId).toBe(`<${o.deliveryId}@concordia>`);
    expect(ours.delivery).toBe(o.deliveryId);
    expect(built.messageId).toBe(`<${o.deliveryId}@concordia>`);
    expect(built.envelope).toEqual({ from: 'noreply@concordia.example', to: [o.to.address] });
  });

  it('never lets a line break that a user typed start a header of its own (subject, name, kind)', async () => {
    const built = buildEmail(
      order({ subject: 'Hello\r\nBcc: victim@x.org\r\n\r\nbody', to: { name: 'Eve\r\nBcc: victim@x.org', address: 'eve@x.org' }, kind: 'K\nX-Evil: 1' }),
    );
    const head = built.raw.toString().split('\r\n\r\n')[0];
    expect(head).not.toMatch(/^(Bcc|X-Evil):/im);
    expect(built.envelope.to).toEqual(['eve@x.org']);
    const m = await simpleParser(built.raw);
    expect(m.bcc).toBeUndefined();
    expect(m.headers.has('x-evil')).toBe(false);
  });

  it('builds each of many messages for its own reader, what they share encoded once and nothing of one leaking into the next', async () => {
    const builder = new EmailBuilder();
    const orders = cases.map(([, over], i) => order({ ...over, deliveryId: `123e4567-e89b-12d3-a456-42661417400${i}` }));
    // Twice round: the second messages come from what the first ones left in the builder.
    for (const o of [...orders, ...orders]) {
      const built = builder.build(o);
      expect(await shown(built.raw)).toEqual(await shown(await composed(o)));
      expect(built.envelope).toEqual({ from: 'noreply@concordia.example', to: [o.to.address] });
    }
  });

  it('keeps every line within SMTP’s limit and ends with its closing boundary', () => {
    const { raw } = buildEmail(order({ text: 'y'.repeat(5000), html: `<p>${'z'.repeat(5000)}</p>` }));
    const lines = raw.toString().split('\r\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(78);
    const boundary = /boundary="([^"]+)"/.exec(raw.toString())![1];
    expect(lines.filter((l) => l === `--${boundary}`)).toHaveLength(2);
    expect(lines.at(-2)).toBe(`--${boundary}--`);
  });
});
