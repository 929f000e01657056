import { describe, expect, it } from '@jest/globals';
import {
  actionItemEscalationJobId,
  actionItemReminderJobId,
  allActionItemJobIds,
  decodeActionItemJob,
  plannedActionItemJobs,
} from './action-item-reminders.js';

const H = 3_600_000;
const D = 24 * H;

describe('action item reminders', () => {
  const now = new Date('2026-11-29T12:00:00Z');

  it('plans a reminder per offset and the escalation after the grace, with deterministic ids', () => {
    const due = new Date('2026-12-10T16:00:00Z');
    const plan = plannedActionItemJobs('a1', due, [7 * D, D], D, now);
    expect(plan.map((p) => [p.job, p.runAt.toISOString(), p.jobId])).toEqual([
      ['actionItemReminder', '2026-12-03T16:00:00.000Z', actionItemReminderJobId('a1', 7 * D, due.getTime())],
      ['actionItemReminder', '2026-12-09T16:00:00.000Z', actionItemReminderJobId('a1', D, due.getTime())],
      ['actionItemEscalation', '2026-12-11T16:00:00.000Z', actionItemEscalationJobId('a1', due.getTime())],
    ]);
    expect(plannedActionItemJobs('a1', due, [7 * D, D], D, now)).toEqual(plan);
    expect(allActionItemJobIds('a1', due, [7 * D, D]).map((j) => j.jobId)).toEqual(plan.map((p) => p.jobId));
  });

  it('skips reminders already past but never the escalation, which then runs at once', () => {
    const due = new Date('2026-11-29T06:00:00Z'); // six hours ago
    const plan = plannedActionItemJobs('a1', due, [7 * D, D], H, now);
    expect(plan).toHaveLength(1);
    expect(plan[0].job).toBe('actionItemEscalation');
    expect(plan[0].runAt).toEqual(now);
  });

  it('gives a moved due date different ids', () => {
    expect(actionItemReminderJobId('a1', D, 1000)).not.toBe(actionItemReminderJobId('a1', D, 2000));
    expect(actionItemEscalationJobId('a1', 1000)).not.toBe(actionItemEscalationJobId('a1', 2000));
  });

  it('makes compact jobs: short ids, tuple data of ids and times (the escalation without its grace)', () => {
    const id = '2c084ac3-d2ef-471e-837d-81dd097717ad';
    const due = new Date('2099-12-31T16:00:00Z');
    const plan = plannedActionItemJobs(id, due, [7 * D, D], D, now);
    expect(plan.map((p) => p.data)).toEqual([
      [id, 7 * 24 * 3600, due.getTime()],
      [id, 24 * 3600, due.getTime()],
      [id, 0, due.getTime()],
    ]);
    for (const p of plan) {
      expect(p.jobId).toMatch(/^a[re][\w-]{16}$/);
      expect(JSON.stringify(p.data).length).toBeLessThanOrEqual(64);
      expect(JSON.stringify({ jobId: p.jobId, delay: 99_999_999_999, attempts: 3 }).length).toBeLessThanOrEqual(64);
    }
    expect(plannedActionItemJobs(id, due, [D], 2 * D, now).at(-1)!.jobId).toBe(actionItemEscalationJobId(id, due.getTime()));
    expect(decodeActionItemJob(plan[0].data)).toEqual({ actionItemId: id, offsetMs: 7 * D, dueAtEpochMs: due.getTime() });
    // Jobs queued by the first version carried objects.
    expect(decodeActionItemJob({ actionItemId: id, dueAtEpochMs: 5 })).toEqual({ actionItemId: id, offsetMs: 0, dueAtEpochMs: 5 });
    expect(decodeActionItemJob({ actionItemId: id, offsetMs: D, dueAtEpochMs: 5 })).toEqual({ actionItemId: id, offsetMs: D, dueAtEpochMs: 5 });
  });
});
