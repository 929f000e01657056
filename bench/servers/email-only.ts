import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../src/config/app-config.js';
import { EmailChannel, type EmailDelivery } from '../../src/notifications/channels/email.channel.js';
import { NotificationKind } from '../../src/notifications/notification-kind.enum.js';
import { failed, serve } from '../lib/child.js';

/**
 * The circulation's e-mails alone: `run(n)` builds and sends n e-mails like a circulation's (the
 * worker's own EmailChannel, its SMTP pool and size, to the same sink), without the database or a
 * queue, and answers the ms until the server accepted the last. What no circulation can beat with
 * this SMTP client and server on this machine: the floor its ratio is measured against. The texts
 * are the English circulation notice's, at its length (≈ 580 characters, a typographic apostrophe,
 * so quoted-printable): a shorter stand-in made the floor ≈ 30 % cheaper than a circulation's e-mails.
 */
async function main(): Promise<void> {
  const channel = new EmailChannel(loadConfig(process.env));
  serve(
    {},
    {
      run: async (n: number) => {
        const deliveries: EmailDelivery[] = Array.from({ length: n }, (_, i) => ({
          id: randomUUID(),
          notification: {
            kind: NotificationKind.STATEMENT_CIRCULATED,
            subject: `Circulated: JHA 2026/004 Global Alliance Concordia ${i}`,
            body: noticeBody(i),
            language: 'en',
            user: { active: true, name: `Member ${i}`, email: `member${i}@bench.concordia` },
          },
        }));
        const t = performance.now();
        const outcomes = await channel.sendMany(deliveries);
        const ms = performance.now() - t;
        const failures = outcomes.filter((o) => o instanceof Error);
        if (failures.length > 0) throw failures[0];
        return ms;
      },
    },
    async () => channel.onApplicationShutdown(),
  );
}

/** What a circulation notice says (src/notifications/i18n/en.json: greeting, circulated, ask, hash, link), for member i. */
function noticeBody(i: number): string {
  return [
    `Dear Member ${i},`,
    '',
    `JHA 2026/004 "Global Alliance Concordia ${i}" (version 1) has been circulated to Bench delegation ${i % 60} (Z${String(i % 60).padStart(3, '0')}).`,
    '',
    'It is circulated for comments. Please acknowledge receipt, propose amendments (proposeAmendment) and record your delegation’s position (recordPosition).',
    `Content hash (SHA-256): ${randomUUID().replaceAll('-', '')}${randomUUID().replaceAll('-', '')}`,
    `Open: http://bench.concordia/graphql (statement ${randomUUID()})`,
  ].join('\n');
}

main().catch(failed);
