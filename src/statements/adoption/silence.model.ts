import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { type CirculationEntity } from '../core/circulation.entity.js';
import { SilenceStatus, silenceStatusOf } from './silence-procedure.js';
import { type StatementEntity } from '../core/statement.entity.js';

registerEnumType(SilenceStatus, { name: 'SilenceStatus' });

@ObjectType({ description: 'The delegation whose objection broke silence, and why' })
export class SilenceObjection {
  @Field() reason: string;
  @Field() recordedAt: Date;
  delegationId: string;
  positionId: string;
}

@ObjectType({ description: 'The latest silence procedure of a statement: a version under SILENCE until a deadline' })
export class SilenceProcedure {
  @Field(() => SilenceStatus) status: SilenceStatus;
  @Field({ description: 'Objections are accepted until then (the latest, if extended)' }) deadline: Date;
  @Field() launchedAt: Date;
  @Field(() => Date, { nullable: true, description: 'When it was broken or concluded (concluded: the deadline)' }) endedAt: Date | null;
  @Field(() => ID) circulationId: string;
  versionId: string;
  statementId: string;
  objectionPositionId: string | null;

  static from(c: CirculationEntity, statement: Pick<StatementEntity, 'status' | 'adoptionMethod' | 'adoptedVersionId'>): SilenceProcedure {
    return Object.assign(new SilenceProcedure(), {
      status: silenceStatusOf(c, statement),
      deadline: c.deadline!,
      launchedAt: c.createdAt,
      endedAt: c.closedAt,
      circulationId: c.id,
      versionId: c.versionId,
      statementId: c.statementId,
      objectionPositionId: c.objectionPositionId,
    });
  }
}
