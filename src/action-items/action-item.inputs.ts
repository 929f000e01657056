import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { trim } from '../auth/auth.inputs.js';
import { ActionItemOrder, ActionItemPriority, ActionItemStatus } from './action-item.enums.js';

const id = (field: string) => IsUUID('all', { message: `${field} must be an id` });
const TITLE = { message: 'title must be 1 to 500 characters' };
export const MAX_BULK_ITEMS = 500;

@InputType()
export class CreateActionItemInput {
  @Field() @Transform(trim) @IsString() @Length(1, 500, TITLE) title: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Transform(trim) @IsString() @MaxLength(10_000) description?: string | null;
  @Field(() => ID) @id('ownerDelegationId') ownerDelegationId: string;
  @Field(() => ID, { nullable: true, description: 'An active member of the owner delegation' }) @IsOptional() @id('assigneeId') assigneeId?: string | null;
  @Field(() => Date, { nullable: true, description: 'UTC instant' }) @IsOptional() @IsDate() dueAt?: Date | null;
  @Field(() => ActionItemPriority, { nullable: true, description: 'NORMAL unless given' })
  @IsOptional()
  @IsEnum(ActionItemPriority)
  priority?: ActionItemPriority | null;
  @Field(() => ID, { nullable: true, description: 'The meeting the item comes from' }) @IsOptional() @id('meetingId') meetingId?: string | null;
  @Field(() => ID, { nullable: true, description: 'An agenda item of that meeting' }) @IsOptional() @id('agendaItemId') agendaItemId?: string | null;
}

@InputType()
export class CreateActionItemsInput {
  @Field(() => [CreateActionItemInput], { description: `1 to ${MAX_BULK_ITEMS}, created all or none` })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BULK_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => CreateActionItemInput)
  items: CreateActionItemInput[];
}

@InputType()
export class UpdateActionItemInput {
  @Field(() => ID) @id('actionItemId') actionItemId: string;
  @Field(() => Int, { description: 'The version you saw' }) @IsInt() @Min(1) version: number;
  @Field({ nullable: true }) @IsOptional() @Transform(trim) @IsString() @Length(1, 500, TITLE) title?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Transform(trim) @IsString() @MaxLength(10_000) description?: string | null;
  @Field(() => ID, { nullable: true, description: 'null unassigns' }) @IsOptional() @id('assigneeId') assigneeId?: string | null;
  @Field(() => Date, { nullable: true, description: 'null removes the due date' }) @IsOptional() @IsDate() dueAt?: Date | null;
  @Field(() => ActionItemPriority, { nullable: true }) @IsOptional() @IsEnum(ActionItemPriority) priority?: ActionItemPriority;
}

@InputType()
export class SetActionItemStatusInput {
  @Field(() => ID) @id('actionItemId') actionItemId: string;
  @Field(() => ActionItemStatus) @IsEnum(ActionItemStatus) status: ActionItemStatus;
  @Field(() => String, { nullable: true, description: 'Required for BLOCKED and CANCELLED' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(5000)
  note?: string | null;
}

@InputType()
export class AddActionItemUpdateInput {
  @Field(() => ID) @id('actionItemId') actionItemId: string;
  @Field() @Transform(trim) @IsString() @Length(1, 5000, { message: 'note must be 1 to 5000 characters' }) note: string;
  @Field(() => Int, { nullable: true, description: '0 to 100' }) @IsOptional() @IsInt() @Min(0) @Max(100) percentComplete?: number | null;
}

@InputType()
export class ActionItemFilter {
  @Field(() => ID, { nullable: true, description: 'Owner delegation' }) @IsOptional() @id('delegationId') delegationId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @id('assigneeId') assigneeId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @id('meetingId') meetingId?: string;
  @Field(() => ID, { nullable: true, description: 'Follow-up of this statement commitment (goal)' }) @IsOptional() @id('commitmentId') commitmentId?: string;
  @Field(() => [ActionItemStatus], { nullable: true, description: 'Any of these' })
  @IsOptional()
  @IsArray()
  @IsEnum(ActionItemStatus, { each: true })
  status?: ActionItemStatus[];
  @Field({ nullable: true, description: 'Past due and not DONE or CANCELLED (true), or not (false)' }) @IsOptional() @IsBoolean() overdue?: boolean;
  @Field({ nullable: true, description: 'Due before this instant' }) @IsOptional() @IsDate() dueBefore?: Date;
  @Field({ nullable: true, description: 'Due after this instant' }) @IsOptional() @IsDate() dueAfter?: Date;
  @Field({ nullable: true, description: 'Full text (reference, title, description); web-search syntax: "exact phrase", -not, or' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200, { message: 'search must be 1 to 200 characters' })
  search?: string;
}

export { ActionItemOrder };
