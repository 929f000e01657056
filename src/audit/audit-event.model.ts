import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Connection } from '../common/pagination/connection.js';
import { type AuditEventEntity } from './audit-event.entity.js';

@ObjectType({ description: 'A recorded state change' })
export class AuditEvent {
  @Field(() => ID) id: string;
  @Field(() => ID, { nullable: true, description: 'The user who acted; null for the system' }) actor: string | null;
  @Field({ description: 'e.g. delegation.created, meeting.status-changed' }) action: string;
  @Field() entityType: string;
  @Field(() => ID) entityId: string;
  @Field(() => GraphQLJSONObject, { nullable: true }) before: Record<string, unknown> | null;
  @Field(() => GraphQLJSONObject, { nullable: true }) after: Record<string, unknown> | null;
  @Field() at: Date;
  @Field(() => String, { nullable: true }) requestId: string | null;

  static from(e: AuditEventEntity): AuditEvent {
    return Object.assign(new AuditEvent(), {
      id: e.id,
      actor: e.actorId,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      before: e.before,
      after: e.after,
      at: e.at,
      requestId: e.requestId,
    });
  }
}

@ObjectType()
export class AuditEventConnection extends Connection(AuditEvent) {}

@InputType()
export class AuditEventFilter {
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(1, 100) entityType?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'entityId must be an id' }) entityId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'actorId must be an id' }) actorId?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(1, 100) action?: string;
}
