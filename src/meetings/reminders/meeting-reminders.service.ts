import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';
import { type Tx } from '../../database/transaction.service.js';
import { NotificationPublisher } from '../../notifications/notification-publisher.js';
import { type JobResult } from '../../queues/queue-processor.js';
import { isUpcoming } from '../meeting-lifecycle.js';
import { encodeReminder, plannedReminders, reminderJobId, type ReminderRef } from './meeting-reminders.js';
import { MeetingEntity } from '../meeting.entity.js';
import { MeetingNotifications } from '../meeting.notifications.js';

/**
 * Reminders are delayed jobs created through the outbox with deterministic ids. Moving a meeting
 * removes the old ones and adds new ones; when a reminder fires it re-reads the meeting and does
 * nothing unless the meeting is still ahead, still at the time the reminder was made for.
 */
@Injectable()
export class MeetingRemindersService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly composer: MeetingNotifications,
    private readonly publisher: NotificationPublisher,
  ) {}

  schedule(tx: Tx, meeting: Pick<MeetingEntity, 'id' | 'startsAt' | 'status'>): void {
    if (!isUpcoming(meeting.status)) return;
    for (const r of plannedReminders(meeting.id, meeting.startsAt, this.config.meetingReminderOffsetsMs, new Date())) {
      tx.enqueue('meetingReminder', encodeReminder({ meetingId: meeting.id, offsetMs: r.offsetMs, startsAtEpochMs: meeting.startsAt.getTime() }), {
        jobId: r.jobId,
        runAt: r.runAt,
      });
    }
  }

  cancel(tx: Tx, meeting: Pick<MeetingEntity, 'id' | 'startsAt'>): void {
    for (const offsetMs of this.config.meetingReminderOffsetsMs) {
      tx.cancelJob('meetingReminder', reminderJobId(meeting.id, offsetMs, meeting.startsAt.getTime()));
    }
  }

  async fire(data: ReminderRef): Promise<JobResult> {
    const meeting = await this.dataSource.getRepository(MeetingEntity).findOneBy({ id: data.meetingId });
    if (!meeting || !isUpcoming(meeting.status)) return 'skipped';
    if (meeting.startsAt.getTime() !== data.startsAtEpochMs) return 'skipped'; // moved since
    if (Date.now() >= meeting.startsAt.getTime()) return 'skipped'; // too late to remind
    const message = await this.composer.reminder(meeting, data.offsetMs);
    const { notifications } = await this.publisher.publish(message);
    return notifications > 0 ? 'done' : 'skipped';
  }
}
