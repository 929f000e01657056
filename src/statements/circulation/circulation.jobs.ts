import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';
import { type JobSource, type PendingJob } from '../../queues/job-reconciler.js';
import { CirculationPurpose, CirculationStatus, RecipientStatus } from '../core/statement.enums.js';
import { circulationCloseJobId, circulationReminderJobId, recipientDeliveryJobId, reminderTimes } from './circulation-reminders.js';

/**
 * What circulations still expect from the queues: for each open circulation with a deadline (a
 * silence circulation's deadline is the procedure's, see SilenceJobs) the reminders still ahead and
 * its closing, at once if the deadline has passed; and the delivery of each recipient still QUEUED.
 */
@Injectable()
export class CirculationJobs implements JobSource {
  readonly name = 'circulations';

  constructor(
    private readonly dataSource: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async pendingJobs(now: Date): Promise<PendingJob[]> {
    const open: { id: string; deadline: Date }[] = await this.dataSource.query(
      `SELECT id, deadline FROM circulations WHERE status = $1 AND purpose <> $2 AND deadline IS NOT NULL`,
      [CirculationStatus.OPEN, CirculationPurpose.SILENCE],
    );
    const queued: { id: string }[] = await this.dataSource.query('SELECT id FROM circulation_recipients WHERE status = $1', [RecipientStatus.QUEUED]);
    return [
      ...open.flatMap((c): PendingJob[] => {
        const deadlineEpochMs = c.deadline.getTime();
        return [
          ...reminderTimes(c.deadline, this.config.circulationReminderOffsetsMs, now).map((r) => ({
            job: 'circulationReminder' as const,
            jobId: circulationReminderJobId(c.id, r.offsetMs, c.deadline),
            data: { circulationId: c.id, offsetMs: r.offsetMs, deadlineEpochMs },
            runAt: r.at,
          })),
          { job: 'closeCirculation', jobId: circulationCloseJobId(c.id, c.deadline), data: { circulationId: c.id, deadlineEpochMs }, runAt: c.deadline },
        ];
      }),
      ...queued.map((r): PendingJob => ({ job: 'deliverCirculation', jobId: recipientDeliveryJobId(r.id), data: { recipientId: r.id }, runAt: now })),
    ];
  }
}
