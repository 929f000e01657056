import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';
import { type JobSource, type PendingJob } from '../../queues/job-reconciler.js';
import { type MeetingStatus } from '../meeting.enums.js';
import { isUpcoming } from '../meeting-lifecycle.js';
import { encodeReminder, plannedReminders } from './meeting-reminders.js';

/** The reminders of every upcoming meeting still ahead, as MeetingRemindersService.schedule would add them now. */
@Injectable()
export class MeetingReminderJobs implements JobSource {
  readonly name = 'meeting-reminders';

  constructor(
    private readonly dataSource: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async pendingJobs(now: Date): Promise<PendingJob[]> {
    const offsets = this.config.meetingReminderOffsetsMs;
    if (offsets.length === 0) return [];
    const rows: { id: string; starts_at: Date; status: MeetingStatus }[] = await this.dataSource.query(
      'SELECT id, starts_at, status FROM meetings WHERE starts_at > $1',
      [now],
    );
    return rows
      .filter((m) => isUpcoming(m.status))
      .flatMap((m) =>
        plannedReminders(m.id, m.starts_at, offsets, now).map((r) => ({
          job: 'meetingReminder' as const,
          jobId: r.jobId,
          data: encodeReminder({ meetingId: m.id, offsetMs: r.offsetMs, startsAtEpochMs: m.starts_at.getTime() }),
          runAt: r.runAt,
        })),
      );
  }
}
