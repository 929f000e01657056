import { Injectable } from '@nestjs/common';
import { type AuthUser } from '../auth/auth-user.js';
import { authorize, Policy } from '../auth/policy.js';
import { AppError } from '../common/errors/app-error.js';
import { TransactionService } from '../database/transaction.service.js';
import { MeetingAccess } from './meeting-access.js';
import { MeetingStatus } from './meeting.enums.js';
import { type SaveOutcomeOfProceedingsInput } from './meeting.inputs.js';
import { lockMeeting } from './meetings.service.js';
import { MinutesRevisionEntity } from './minutes-revision.entity.js';

/** The outcome of proceedings: every save is a new revision; history stays readable. */
@Injectable()
export class MinutesService {
  constructor(
    private readonly tx: TransactionService,
    private readonly access: MeetingAccess,
  ) {}

  async save(actor: AuthUser, input: SaveOutcomeOfProceedingsInput): Promise<MinutesRevisionEntity> {
    authorize(Policy.writeMinutes(actor), 'Only organizers and clerks write the outcome of proceedings');
    return this.tx.mutate(actor, async ({ em, audit }) => {
      await this.access.findVisible(actor, input.meetingId, em);
      const meeting = await lockMeeting(em, input.meetingId);
      if (meeting.status === MeetingStatus.CANCELLED) throw AppError.conflict('A cancelled meeting has no outcome of proceedings', { status: meeting.status });
      const latest = await em.findOne(MinutesRevisionEntity, { where: { meetingId: meeting.id }, order: { revision: 'DESC' } });
      const current = latest?.revision ?? 0;
      if (input.baseRevision !== current) {
        throw AppError.conflict(`The outcome of proceedings is at revision ${current}; you edited revision ${input.baseRevision}`, {
          field: 'baseRevision',
          expected: input.baseRevision,
          actual: current,
        });
      }
      const revision = em.create(MinutesRevisionEntity, { meetingId: meeting.id, revision: current + 1, text: input.text, authorId: actor.id });
      await em.insert(MinutesRevisionEntity, revision);
      audit('meeting.outcome-saved', 'Meeting', meeting.id, { before: latest ? { revision: latest.revision } : null, after: { revision: revision.revision } });
      return revision;
    });
  }
}
