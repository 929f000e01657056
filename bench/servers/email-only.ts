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
 * this SMTP client and server on this machine: the floor its ratio is measured against.
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
            subject: `Global Alliance: draft v1 circulated for comments by ${i}`,
            body: 'Global Alliance, version 1, has been circulated to your delegation for comments. Deadline: none.',
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

main().catch(failed);
