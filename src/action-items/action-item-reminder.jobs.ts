import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { type JobSource, type PendingJob } from '../queues/job-reconciler.js';
import { overdueEventKey, plannedActionItemJobs } from './action-item-reminders.js';
import { OPEN_STATUSES } from './action-item.enums.js';

/**
 * The reminders and escalation of every open item with a due time, as ActionItemRemindersService.schedule
 * would add them now: reminders still ahead, and the escalation unless it has already been written.
 */
@Injectable()
export class ActionItemReminderJobs implements JobSource {
  readonly name = 'action-item-reminders';

  constructor(
    private readonly dataSource: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async pendingJobs(now: Date): Promise<PendingJob[]> {
    const { reminderOffsetsMs, escalationAfterMs } = this.config.actionItems;
    const items: { id: string; due_at: Date }[] = await this.dataSource.query(
      'SELECT id, due_at FROM action_items WHERE status = ANY($1::action_item_status[]) AND due_at IS NOT NULL',
      [OPEN_STATUSES],
    );
    const planned = items.flatMap((i) => plannedActionItemJobs(i.id, i.due_at, reminderOffsetsMs, escalationAfterMs, now).map((p) => ({ ...p, item: i })));
    // An escalation due by now may have run already (BullMQ may have removed the finished job): its notifications say so.
    const dueEscalations = planned.filter((p) => p.job === 'actionItemEscalation' && p.runAt.getTime() <= now.getTime());
    const written = new Set<string>();
    if (dueEscalations.length > 0) {
      const rows: { event_key: string }[] = await this.dataSource.query('SELECT DISTINCT event_key FROM notifications WHERE event_key = ANY($1::text[])', [
        dueEscalations.map((p) => overdueEventKey(p.item.id, p.item.due_at.getTime())),
      ]);
      for (const r of rows) written.add(r.event_key);
    }
    return planned
      .filter((p) => !(p.job === 'actionItemEscalation' && written.has(overdueEventKey(p.item.id, p.item.due_at.getTime()))))
      .map((p) => ({ job: p.job, jobId: p.jobId, data: p.data, runAt: p.runAt }));
  }
}
