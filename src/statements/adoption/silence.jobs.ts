import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type JobSource, type PendingJob } from '../../queues/job-reconciler.js';
import { CirculationPurpose, CirculationStatus, StatementStatus } from '../core/statement.enums.js';
import { silenceJobId } from './silence-procedure.js';

/** The deadline job of every silence procedure still running (at once if its deadline has passed). */
@Injectable()
export class SilenceJobs implements JobSource {
  readonly name = 'silence-procedures';

  constructor(private readonly dataSource: DataSource) {}

  async pendingJobs(): Promise<PendingJob[]> {
    const rows: { statement_id: string; circulation_id: string; deadline: Date }[] = await this.dataSource.query(
      `SELECT s.id AS statement_id, c.id AS circulation_id, s.silence_deadline AS deadline
         FROM statements s JOIN circulations c ON c.statement_id = s.id AND c.purpose = $2 AND c.status = $3
        WHERE s.status = $1 AND s.silence_deadline IS NOT NULL`,
      [StatementStatus.SILENCE_PROCEDURE, CirculationPurpose.SILENCE, CirculationStatus.OPEN],
    );
    return rows.map((r) => ({
      job: 'concludeSilence',
      jobId: silenceJobId(r.circulation_id, r.deadline),
      data: { statementId: r.statement_id, circulationId: r.circulation_id, deadlineEpochMs: r.deadline.getTime() },
      runAt: r.deadline,
    }));
  }
}
