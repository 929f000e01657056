import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { type Tx } from '../database/transaction.service.js';
import { NotificationPublisher } from '../notifications/notification-publisher.js';
import { type JobResult } from '../queues/queue-processor.js';
import { type ActionItemJobRef, allActionItemJobIds, plannedActionItemJobs } from './action-item-reminders.js';
import { isOpen } from './action-item.enums.js';
import { ActionItemEntity } from './action-item.entity.js';
import { ActionItemNotifications } from './action-item.notifications.js';

type Schedulable = Pick<ActionItemEntity, 'id' | 'dueAt' | 'status'>;

/**
 * Reminders and the overdue escalation are delayed jobs added through the outbox with ids that
 * carry the due time. A change of `dueAt` removes the old ids and adds new ones (a constant number
 * of Redis operations, whatever else is pending); DONE/CANCELLED removes them; reopening adds them
 * again. A job re-reads the item when it wakes and does nothing if the item moved on.
 */
@Injectable()
export class ActionItemRemindersService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly composer: ActionItemNotifications,
    private readonly publisher: NotificationPublisher,
  ) {}

  schedule(tx: Tx, item: Schedulable, now = new Date()): void {
    if (!item.dueAt || !isOpen(item.status)) return;
    const { reminderOffsetsMs, escalationAfterMs } = this.config.actionItems;
    for (const p of plannedActionItemJobs(item.id, item.dueAt, reminderOffsetsMs, escalationAfterMs, now))
      tx.enqueue(p.job, p.data, { jobId: p.jobId, runAt: p.runAt });
  }

  cancel(tx: Tx, item: Pick<ActionItemEntity, 'id' | 'dueAt'>): void {
    if (!item.dueAt) return;
    for (const j of allActionItemJobIds(item.id, item.dueAt, this.config.actionItems.reminderOffsetsMs)) tx.cancelJob(j.job, j.jobId);
  }

  /** Keeps the jobs in step with a change: `before` and `after` are the item around one mutation. */
  reschedule(tx: Tx, before: Schedulable, after: Schedulable): void {
    const sameDue = (before.dueAt?.getTime() ?? null) === (after.dueAt?.getTime() ?? null);
    const wasOpen = isOpen(before.status);
    const nowOpen = isOpen(after.status);
    if (sameDue && wasOpen === nowOpen) return;
    if (wasOpen) this.cancel(tx, before);
    if (nowOpen) this.schedule(tx, after);
  }

  async fireReminder(data: ActionItemJobRef): Promise<JobResult> {
    const item = await this.current(data.actionItemId, data.dueAtEpochMs);
    if (!item || Date.now() >= item.dueAt!.getTime()) return 'skipped'; // moved on, or too late: the escalation speaks now
    const { notifications } = await this.publisher.publish(await this.composer.dueSoon(item, data.offsetMs));
    return notifications > 0 ? 'done' : 'skipped';
  }

  async fireEscalation(data: ActionItemJobRef): Promise<JobResult> {
    const item = await this.current(data.actionItemId, data.dueAtEpochMs);
    if (!item) return 'skipped';
    const { notifications } = await this.publisher.publish(await this.composer.overdue(item));
    return notifications > 0 ? 'done' : 'skipped';
  }

  /** The item if it is still open and still due when the job was made for. */
  private async current(id: string, dueAtEpochMs: number): Promise<ActionItemEntity | null> {
    const item = await this.dataSource.getRepository(ActionItemEntity).findOneBy({ id });
    if (!item || !isOpen(item.status) || item.dueAt?.getTime() !== dueAtEpochMs) return null;
    return item;
  }
}
