import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';
import { type JobSource, type PendingJob } from '../../queues/job-reconciler.js';
import { CirculationPurpose, CirculationStatus, RecipientStatus } from '../core/statement.enums.js';
import { circulationCloseJobId, circulationReminderJobId, recipientBatchJobs, reminderTimes } from './circulation-reminders.js';

/**
 * What circulations still expect from the queues: for each open circulation with a deadline (a
 * silence circulation's deadline is the procedure's, see SilenceJobs) the reminders still ahead and
 * its closing, at once if the deadline has passed; and the delivery job of each batch of recipients with one still QUEUED (recipientBatchJobs).
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
    // The batches of circulations with a recipient still QUEUED, cut as the fan-out cut them (all recipients in id order), so the ids match.
    const recipients: { id: string; circulation_id: string; status: RecipientStatus }[] = await this.dataSource.query(
      `SELECT id, circulation_id, status FROM circulation_recipients
        WHERE circulation_id IN (SELECT circulation_id FROM circulation_recipients WHERE status = $1)
        ORDER BY circulation_id, id`,
      [RecipientStatus.QUEUED],
    );
    const byCirculation = new Map<string, { id: string; status: RecipientStatus }[]>();
    for (const r of recipients) {
      const list = byCirculation.get(r.circulation_id) ?? [];
      list.push(r);
      byCirculation.set(r.circulation_id, list);
    }
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
      ...[...byCirculation].flatMap(([circulationId, all]) =>
        recipientBatchJobs(circulationId, all).map((b): PendingJob => ({ job: 'deliverCirculation', ...b, runAt: now })),
      ),
    ];
  }
}
