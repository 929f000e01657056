import { type Queue } from 'bullmq';
import { type DataSource } from 'typeorm';
import { circulationEventKey } from '../../src/statements/circulation/circulation-delivery.js';
import { type KeyCounter } from './sinks.js';

const HOUR = 3600_000;

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/** How far the system still is from settled: what the final checks wait for (0 everywhere). */
export async function backlog(ds: DataSource, queues: Queue[]): Promise<Record<string, number>> {
  const [row] = await ds.query(
    `SELECT (SELECT count(*) FROM outbox_events WHERE sent_at IS NULL)::int AS outbox,
            (SELECT count(*) FROM circulation_recipients WHERE status = 'QUEUED')::int AS queued_recipients,
            (SELECT count(*) FROM notification_deliveries WHERE status = 'PENDING')::int AS pending_deliveries,
            (SELECT count(*) FROM action_items i WHERE i.title LIKE 'Proof follow-up %' AND i.due_at - interval '1 hour' < now() - interval '2 seconds'
                AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.event_key = 'action-item-due:' || i.id || ':3600000:' || (extract(epoch FROM i.due_at) * 1000)::bigint))::int AS reminders_due,
            -- Every reminder of the run falls due within a minute of its item: the checks wait for all of them.
            (SELECT count(*) FROM action_items i WHERE i.title LIKE 'Proof follow-up %' AND i.due_at - interval '1 hour' >= now() - interval '2 seconds')::int AS reminders_ahead`,
  );
  let busy = 0;
  let failed = 0;
  for (const q of queues) {
    const c = await q.getJobCounts('waiting', 'active', 'prioritized', 'failed');
    busy += c.waiting + c.active + c.prioritized;
    failed += c.failed;
  }
  return { ...row, busy_jobs: busy, failed_jobs: failed };
}

/** The promises, from the database and the sinks. */
export async function verify(ds: DataSource, queues: Queue[], sinks: { email: KeyCounter; webhook: KeyCounter }): Promise<Check[]> {
  const checks: Check[] = [];
  const add = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });

  // Circulations: every recipient settled, each of its members told in-app once.
  // Observers see no unpublished statement (statements/core/statement-access.ts), so they are not told.
  const recipients: { circulation_id: string; delegation_id: string; status: string; members: number }[] = await ds.query(
    `SELECT r.circulation_id, r.delegation_id, r.status,
            (SELECT count(*) FROM delegation_memberships m JOIN users u ON u.id = m.user_id
              WHERE m.delegation_id = r.delegation_id AND u.role <> 'OBSERVER')::int AS members
       FROM circulation_recipients r JOIN circulations c ON c.id = r.circulation_id JOIN statements s ON s.id = c.statement_id
      WHERE s.title LIKE 'Proof statement %'`,
  );
  const circulations = new Set(recipients.map((r) => r.circulation_id)).size;
  const byStatus = count(recipients.map((r) => r.status));
  add(
    'every circulation recipient settled',
    recipients.every((r) => r.status === 'DELIVERED' || r.status === 'ACKNOWLEDGED'),
    `${circulations} circulations, ${recipients.length} recipients: ${JSON.stringify(byStatus)}`,
  );
  const keys = recipients.map((r) => circulationEventKey({ circulationId: r.circulation_id, delegationId: r.delegation_id }));
  const told = await perKey(ds, keys);
  const expected = recipients.reduce((a, r) => a + r.members, 0);
  const actual = recipients.reduce((a, r, i) => a + (told.get(keys[i]) ?? 0), 0);
  const off = recipients.filter((r, i) => (told.get(keys[i]) ?? 0) !== r.members);
  add('circulation in-app notifications exactly once per member', off.length === 0, `${actual} of ${expected} expected; ${off.length} recipients off`);

  // Invitations: every member of every invited delegation, once.
  const invited: { meeting_id: string; delegation_id: string; members: number }[] = await ds.query(
    `SELECT p.meeting_id, p.delegation_id, (SELECT count(*) FROM delegation_memberships m WHERE m.delegation_id = p.delegation_id)::int AS members
       FROM meeting_invitations p JOIN meetings mt ON mt.id = p.meeting_id WHERE mt.title LIKE 'Proof meeting %'`,
  );
  const invKeys = invited.map((p) => `meeting-invited:${p.meeting_id}:${p.delegation_id}`);
  const invTold = await perKey(ds, invKeys);
  const invOff = invited.filter((p, i) => (invTold.get(invKeys[i]) ?? 0) !== p.members);
  add(
    'invitation in-app notifications exactly once per member',
    invOff.length === 0,
    `${new Set(invited.map((p) => p.meeting_id)).size} meetings, ${invited.length} invitations, ${invited.reduce((a, p) => a + p.members, 0)} expected, ${invOff.length} invitations off`,
  );

  // Reminders: every one due by now fired once.
  const items: { id: string; due_at: Date }[] = await ds.query(
    `SELECT id, due_at FROM action_items WHERE title LIKE 'Proof follow-up %' AND due_at - interval '1 hour' < now() - interval '2 seconds'`,
  );
  const itemCount = (await ds.query(`SELECT count(*)::int AS n FROM action_items WHERE title LIKE 'Proof follow-up %'`))[0].n as number;
  const remKeys = items.map((i) => `action-item-due:${i.id}:${HOUR}:${i.due_at.getTime()}`);
  const fired = await perKey(ds, remKeys);
  const remOff = items.filter((_, i) => fired.get(remKeys[i]) !== 1);
  add('every reminder fired once', remOff.length === 0, `${itemCount} items, ${items.length} reminders due, ${remOff.length} not exactly once`);

  // Duplicates of in-app notifications (the unique key forbids them; counted anyway).
  const [{ dups }] = await ds.query(`SELECT (count(*) - count(DISTINCT (user_id, event_key)))::int AS dups FROM notifications`);
  add('no in-app notification twice', dups === 0, `${dups} duplicates`);

  // E-mails and webhooks: each delivery at least once, under its one key.
  for (const [channel, sink] of [
    ['EMAIL', sinks.email],
    ['WEBHOOK', sinks.webhook],
  ] as const) {
    const rows: { id: string; status: string }[] = await ds.query(`SELECT id, status FROM notification_deliveries WHERE channel = $1`, [channel]);
    const missing = rows.filter((r) => !sink.counts.has(r.id));
    const unknown = [...sink.counts.keys()].filter((k) => !rows.some((r) => r.id === k)).length;
    add(
      `every ${channel.toLowerCase()} at least once, one key each`,
      missing.length === 0 && unknown === 0 && sink.unkeyed === 0,
      `${rows.length} deliveries ${JSON.stringify(count(rows.map((r) => r.status)))}; received ${sink.total}, ${sink.counts.size} keys, ` +
        `${sink.duplicates} duplicates, ${missing.length} missing, ${unknown} unknown keys, ${sink.unkeyed} without a key`,
    );
  }

  // Jobs: nothing stuck, nothing failed for good; the outbox empty.
  const jobs: Record<string, Record<string, number>> = {};
  let failed = 0;
  let stuck = 0;
  for (const q of queues) {
    const c = await q.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized');
    jobs[q.name] = c;
    failed += c.failed;
    stuck += c.waiting + c.active + c.prioritized;
  }
  const [{ unsent }] = await ds.query(`SELECT count(*)::int AS unsent FROM outbox_events WHERE sent_at IS NULL`);
  add('no job stuck or failed for good; outbox empty', failed === 0 && stuck === 0 && unsent === 0, `${JSON.stringify(jobs)}; outbox unsent ${unsent}`);
  return checks;
}

async function perKey(ds: DataSource, keys: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < keys.length; i += 5000) {
    const rows: { event_key: string; n: number }[] = await ds.query(
      `SELECT event_key, count(*)::int AS n FROM notifications WHERE event_key = ANY($1::text[]) GROUP BY event_key`,
      [keys.slice(i, i + 5000)],
    );
    for (const r of rows) out.set(r.event_key, r.n);
  }
  return out;
}

function count(xs: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
}
