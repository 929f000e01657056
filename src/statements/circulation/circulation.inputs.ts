import { Field, ID, InputType } from '@nestjs/graphql';
import { IsId } from '../../common/errors/uuid.pipe.js';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDate, IsEnum, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { trim } from '../../auth/auth.inputs.js';
import { ListMax } from '../../common/graphql/list-caps.js';
import { AmendmentAction, AmendmentDecision, CirculationPurpose, Stance } from '../core/statement.enums.js';
import { PARAGRAPH_KEY } from '../core/paragraphs.js';
import { TextMax } from '../core/text-limits.js';

@InputType()
export class CirculateStatementInput {
  @Field(() => ID) @IsId('statementId') statementId: string;
  @Field(() => ID) @IsId('versionId') versionId: string;
  @Field(() => CirculationPurpose) @IsEnum(CirculationPurpose) purpose: CirculationPurpose;
  @Field(() => Date, { nullable: true, description: 'Answers after it are kept and marked late' }) @IsOptional() @IsDate() deadline?: Date | null;
  @Field(() => [ID], { nullable: true, description: 'Defaults to the member delegations of the body; required for RESTRICTED statements' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'delegationIds must not be empty' })
  @ArrayMaxSize(ListMax.RECIPIENTS_PER_CIRCULATION)
  @IsUUID('all', { each: true, message: 'delegationIds must be ids' })
  delegationIds?: string[] | null;
}

@InputType()
export class AcknowledgeCirculationInput {
  @Field(() => ID) @IsId('circulationId') circulationId: string;
  @Field(() => ID, { description: 'The delegation you acknowledge for' }) @IsId('delegationId') delegationId: string;
}

@InputType()
export class ProposeAmendmentInput {
  @Field(() => ID) @IsId('statementId') statementId: string;
  @Field(() => ID) @IsId('versionId') versionId: string;
  @Field(() => ID) @IsId('delegationId') delegationId: string;
  @Field() @Matches(PARAGRAPH_KEY, { message: 'paragraphKey must be a paragraph key' }) paragraphKey: string;
  @Field(() => AmendmentAction) @IsEnum(AmendmentAction) action: AmendmentAction;
  @Field(() => String, { nullable: true, description: 'Required for REPLACE and INSERT_AFTER' })
  @IsOptional()
  @IsString()
  @MaxLength(TextMax.PARAGRAPH_CHARS, { message: `text must be at most ${TextMax.PARAGRAPH_CHARS.toLocaleString('en')} characters` })
  text?: string | null;
  @Field() @Transform(trim) @IsString() @Length(1, 5000, { message: 'rationale must be 1 to 5,000 characters' }) rationale: string;
}

@InputType()
export class DecideAmendmentInput {
  @Field(() => ID) @IsId('amendmentId') amendmentId: string;
  @Field(() => AmendmentDecision) @IsEnum(AmendmentDecision) decision: AmendmentDecision;
  @Field(() => String, { nullable: true, description: 'Required when rejecting' }) @IsOptional() @Transform(trim) @IsString() @MaxLength(5000) reason?:
    string | null;
}

@InputType()
export class WithdrawAmendmentInput {
  @Field(() => ID) @IsId('amendmentId') amendmentId: string;
}

@InputType()
export class RecordPositionInput {
  @Field(() => ID) @IsId('statementId') statementId: string;
  @Field(() => ID) @IsId('versionId') versionId: string;
  @Field(() => ID) @IsId('delegationId') delegationId: string;
  @Field(() => Stance) @IsEnum(Stance) stance: Stance;
  @Field(() => String, { nullable: true, description: 'Required for SCRUTINY_RESERVATION, RESERVATION and OBJECTION' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(5000)
  reason?: string | null;
}
