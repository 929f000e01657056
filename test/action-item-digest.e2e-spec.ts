import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import { DIGEST_SCHEDULER_ID } from '../src/action-items/action-item-digest.scheduler.js';
import { ActionItemDigestService } from '../src/action-items/action-item-digest.service.js';
import { Role } from '../src/auth/role.enum.js';
import { DelegateRole } from '../src/delegations/delegation-kind.enum.js';
import { QueueRegistry } from '../src/queues/queue-registry.js';
import { createItem } from './support/action-items.js';
import { TestApp, type TestUser, waitFor } from './support/test-app.js';

const DAY = 24 * 3600_000;

/**
 * The Monday the test drives: one calendar day for every zone, at least two days ahead, so that
 * 08:00 there is still to come in every zone (a "next Monday" per zone would differ by a week
 * between Sunday evening in New York and Monday morning in Copenhagen).
 */
const MONDAY = (() => {
  const ahead = DateTime.utc().plus({ days: 2 });
  return ahead.plus({ days: (8 - ahead.weekday) % 7 }).toISODate();
})();

/** 08:00 on the test's Monday in `zone` (as an instant), and a few minutes around it. */
function nextMondayAt8(zone: string, minutes = 0): Date {
  return DateTime.fromISO(`${MONDAY}T08:00`, { zone }).plus({ minutes }).toJSDate();
}

/**
 * The weekly digest, driven with a chosen clock (`send(now)`): each user gets theirs at 08:00 on
 * Monday in their own zone, once per week, and nobody gets an empty one. The scheduler itself is
 * checked with a pattern from configuration firing every second.
 */
describe('weekly action item digest', () => {
  let app: TestApp;
  let organizer: TestUser;
  let copenhagen: TestUser;
  let newYork: TestUser;
  let quiet: TestUser; // has an open item, but nothing due or updated this week

  // Only the weeks the test drives: the real scheduler may also serve the current week if today is a Monday.
  const weekOf = (at: Date) => DateTime.fromJSDate(at).setZone('Europe/Copenhagen').toFormat("kkkk-'W'WW");
  const digests = (u: TestUser, weeksAhead = 0) =>
    app.count('notifications', `kind = 'ACTION_ITEM_DIGEST' AND user_id = $1 AND event_key = $2`, [
      u.user.id,
      `action-item-digest:${weekOf(new Date(nextMondayAt8('Europe/Copenhagen').getTime() + weeksAhead * 7 * DAY))}`,
    ]);

  beforeAll(async () => {
    app = await TestApp.start({ env: { ACTION_ITEM_DIGEST_PATTERN: '* * * * * *', OUTBOX_POLL_MS: '100' } });
    organizer = await app.as(Role.ORGANIZER);
    copenhagen = await app.as(Role.DELEGATE, 'DK', DelegateRole.HEAD_OF_DELEGATION, { timezone: 'Europe/Copenhagen' });
    newYork = await app.as(Role.DELEGATE, 'US', DelegateRole.HEAD_OF_DELEGATION, { timezone: 'America/New_York' });
    quiet = await app.as(Role.DELEGATE, 'SE', DelegateRole.HEAD_OF_DELEGATION, { timezone: 'Europe/Stockholm' });
    const monday = nextMondayAt8('Europe/Copenhagen');
    await createItem(organizer, { title: 'Overdue by Monday', ownerDelegationId: (await app.delegation('DK')).id, dueAt: new Date(monday.getTime() - DAY) });
    await createItem(organizer, { title: 'Due that week', ownerDelegationId: (await app.delegation('US')).id, dueAt: new Date(monday.getTime() + 3 * DAY) });
    const far = await createItem(organizer, {
      title: 'Far away',
      ownerDelegationId: (await app.delegation('SE')).id,
      dueAt: new Date(monday.getTime() + 60 * DAY),
    });
    await app.dataSource.query(`UPDATE action_items SET updated_at = now() - interval '30 days' WHERE id = $1`, [far.id]); // not recently updated
    await app.drain();
  });
  afterAll(() => app.close());

  it('reaches Copenhagen and New York at their own 08:00, once each even when fired twice, and sends nothing to a quiet week', async () => {
    const digest = app.worker!.get(ActionItemDigestService);
    await digest.send(nextMondayAt8('Europe/Copenhagen', -1)); // 07:59 in Copenhagen
    expect([await digests(copenhagen), await digests(newYork), await digests(quiet)]).toEqual([0, 0, 0]);

    await digest.send(nextMondayAt8('Europe/Copenhagen')); // 08:00 in Copenhagen, 02:00 in New York
    expect([await digests(copenhagen), await digests(newYork)]).toEqual([1, 0]);
    await digest.send(nextMondayAt8('Europe/Copenhagen', 15)); // the scheduler fires again
    await digest.send(nextMondayAt8('Europe/Copenhagen', 15));
    expect(await digests(copenhagen)).toBe(1);

    await digest.send(nextMondayAt8('America/New_York', 5)); // 08:05 in New York
    expect([await digests(copenhagen), await digests(newYork), await digests(quiet)]).toEqual([1, 1, 0]);
    await digest.send(nextMondayAt8('Europe/Stockholm', 30));
    expect(await digests(quiet)).toBe(0); // open item, nothing to say: no digest

    const [dk] = await app.dataSource.query(
      `SELECT subject, body, event_key FROM notifications WHERE kind = 'ACTION_ITEM_DIGEST' AND user_id = $1 AND event_key LIKE $2`,
      [copenhagen.user.id, `%${weekOf(nextMondayAt8('Europe/Copenhagen'))}`],
    );
    expect(dk.event_key).toBe(`action-item-digest:${weekOf(nextMondayAt8('Europe/Copenhagen'))}`);
    expect(dk.body).toContain('Overdue (1):');
    expect(dk.body).toContain('Overdue by Monday');
    expect(dk.body).not.toContain('Due that week');
    const [us] = await app.dataSource.query(`SELECT body FROM notifications WHERE kind = 'ACTION_ITEM_DIGEST' AND user_id = $1 AND event_key LIKE $2`, [
      newYork.user.id,
      `%${weekOf(nextMondayAt8('Europe/Copenhagen'))}`,
    ]);
    expect(us.body).toContain('Due this week (1):');
    expect(us.body).toContain('(America/New_York)');

    // The next week is a new digest.
    await digest.send(new Date(nextMondayAt8('Europe/Copenhagen').getTime() + 7 * DAY));
    expect([await digests(copenhagen), await digests(copenhagen, 1)]).toEqual([1, 1]);

    // A run that finds several readers fans out once: their digests commit in one transaction (one now()).
    const later = new Date(nextMondayAt8('America/New_York', 5).getTime() + 14 * DAY);
    expect(await digest.send(later)).toBe(2);
    const rows: { user_id: string; created_at: Date }[] = await app.dataSource.query(
      `SELECT user_id, created_at FROM notifications WHERE kind = 'ACTION_ITEM_DIGEST' AND event_key = $1`,
      [`action-item-digest:${weekOf(later)}`],
    );
    expect(rows.map((r) => r.user_id).sort()).toEqual([copenhagen.user.id, newYork.user.id].sort());
    expect(new Set(rows.map((r) => r.created_at.getTime())).size).toBe(1);
  });

  it('runs from one BullMQ job scheduler that survives restarts without duplicates', async () => {
    const queue = app.api.get(QueueRegistry).get('reminders');
    const runs = async () => (await queue.getJobs(['completed'])).filter((j) => j.name === 'action-item-digest').length;
    await waitFor(async () => (await queue.getJobSchedulers()).length === 1, 10_000, 'the scheduler');
    const before = await runs();
    await waitFor(async () => (await runs()) > before, 15_000, 'a scheduled digest run');

    await app.stopWorker();
    await app.startWorker();
    await app.stopWorker();
    await app.startWorker();
    await waitFor(async () => (await runs()) > before + 1, 15_000, 'a digest run after restarts');
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => s.key ?? s.id)).toEqual([DIGEST_SCHEDULER_ID]);
    expect(schedulers[0].pattern).toBe('* * * * * *');
  });
});
