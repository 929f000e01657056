import { Field, ID, InputType } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDate, IsEnum, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateNested } from 'class-validator';
import { ActionItemPriority } from '../../../action-items/action-item.enums.js';
import { trim } from '../../../auth/auth.inputs.js';

/** At most this many actions in one commitToGoal call. */
export const MAX_ACTIONS_PER_COMMITMENT = 50;

/** One action item of the committing delegation: the fields of CreateActionItemInput that are the delegation's to choose. */
@InputType()
export class CommitmentActionInput {
  @Field() @Transform(trim) @IsString() @Length(1, 500, { message: 'title must be 1 to 500 characters' }) title: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Transform(trim) @IsString() @MaxLength(10_000) description?: string | null;
  @Field(() => ID, { nullable: true, description: 'An active member of the committing delegation' })
  @IsOptional()
  @IsUUID('all', { message: 'assigneeId must be an id' })
  assigneeId?: string | null;
  @Field(() => Date, { nullable: true, description: 'UTC instant' }) @IsOptional() @IsDate() dueAt?: Date | null;
  @Field(() => ActionItemPriority, { nullable: true, description: 'NORMAL unless given' })
  @IsOptional()
  @IsEnum(ActionItemPriority)
  priority?: ActionItemPriority | null;
}

@InputType()
export class CommitToGoalInput {
  @Field(() => ID) @IsUUID('all', { message: 'commitmentId must be an id' }) commitmentId: string;
  @Field(() => ID, { description: 'The delegation that commits (its head or clerk, or the secretariat, acts for it)' })
  @IsUUID('all', { message: 'delegationId must be an id' })
  delegationId: string;
  @Field(() => [CommitmentActionInput], { description: `1 to ${MAX_ACTIONS_PER_COMMITMENT} action items, created all or none` })
  @IsArray()
  @ArrayMinSize(1, { message: 'actions must name at least one action' })
  @ArrayMaxSize(MAX_ACTIONS_PER_COMMITMENT)
  @ValidateNested({ each: true })
  @Type(() => CommitmentActionInput)
  actions: CommitmentActionInput[];
}
