import { Field, ID, InputType } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDate, IsEnum, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { trim } from '../../auth/auth.inputs.js';
import { ListMax } from '../../common/graphql/list-caps.js';
import { AmendmentAction, AmendmentDecision, CirculationPurpose, ParagraphKind, Stance, StatementClassification, StatementStatus } from './statement.enums.js';
import { IsLanguageTag } from '../../common/languages.js';
import { PARAGRAPH_KEY } from './paragraphs.js';
import { MaxVersionText, PARAGRAPH_TEXT_MESSAGE, TEXT_SIZE_DESCRIPTION, TextMax } from './text-limits.js';

const id = (field: string) => IsUUID('all', { message: `${field} must be an id` });
export const MAX_PARAGRAPHS = ListMax.PARAGRAPHS_PER_VERSION;

@InputType()
export class ParagraphInput {
  @Field(() => String, { nullable: true, description: 'Keep the key of a paragraph you revise; new paragraphs get one' })
  @IsOptional()
  @Matches(PARAGRAPH_KEY, { message: 'key must be 1 to 32 letters, digits, ".", "_" or "-"' })
  key?: string | null;

  @Field(() => ParagraphKind) @IsEnum(ParagraphKind) kind: ParagraphKind;

  @Field({ description: TEXT_SIZE_DESCRIPTION }) @IsString() @Length(1, TextMax.PARAGRAPH_CHARS, { message: PARAGRAPH_TEXT_MESSAGE }) text: string;
}

@InputType()
export class DraftStatementInput {
  @Field(() => ID) @id('bodyId') bodyId: string;
  @Field() @Transform(trim) @IsString() @Length(1, 500, { message: 'title must be 1 to 500 characters' }) title: string;
  @Field(() => StatementClassification, { defaultValue: StatementClassification.LIMITE })
  @IsEnum(StatementClassification)
  classification: StatementClassification = StatementClassification.LIMITE;
  @Field({ defaultValue: 'en', description: 'BCP 47 tag of the text’s language: an ISO 639 language, optional script and region (en, pt-BR, sr-Latn); stored in canonical form' })
  @IsLanguageTag()
  language: string = 'en';
  @Field(() => ID, { nullable: true }) @IsOptional() @id('meetingId') meetingId?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @id('agendaItemId') agendaItemId?: string | null;
  @Field(() => [ParagraphInput])
  @IsArray()
  @ArrayMinSize(1, { message: 'paragraphs must not be empty' })
  @ArrayMaxSize(MAX_PARAGRAPHS)
  @MaxVersionText()
  @ValidateNested({ each: true })
  @Type(() => ParagraphInput)
  paragraphs: ParagraphInput[];
}

@InputType()
export class ReviseStatementInput {
  @Field(() => ID) @id('statementId') statementId: string;
  @Field(() => ID, { description: 'The version you revised; a newer one makes this a CONFLICT' }) @id('baseVersionId') baseVersionId: string;
  @Field(() => [ParagraphInput], { nullable: true, description: 'The whole new text; the base version’s when omitted' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'paragraphs must not be empty' })
  @ArrayMaxSize(MAX_PARAGRAPHS)
  @MaxVersionText()
  @ValidateNested({ each: true })
  @Type(() => ParagraphInput)
  paragraphs?: ParagraphInput[] | null;
  @Field(() => [ID], { nullable: true, description: 'Accepted amendments to apply, in order' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ListMax.AMENDMENTS_APPLIED_PER_VERSION)
  @IsUUID('all', { each: true, message: 'applyAmendmentIds must be ids' })
  applyAmendmentIds?: string[] | null;
}

@InputType()
export class CirculateStatementInput {
  @Field(() => ID) @id('statementId') statementId: string;
  @Field(() => ID) @id('versionId') versionId: string;
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
  @Field(() => ID) @id('circulationId') circulationId: string;
  @Field(() => ID, { description: 'The delegation you acknowledge for' }) @id('delegationId') delegationId: string;
}

@InputType()
export class ProposeAmendmentInput {
  @Field(() => ID) @id('statementId') statementId: string;
  @Field(() => ID) @id('versionId') versionId: string;
  @Field(() => ID) @id('delegationId') delegationId: string;
  @Field() @Matches(PARAGRAPH_KEY, { message: 'paragraphKey must be a paragraph key' }) paragraphKey: string;
  @Field(() => AmendmentAction) @IsEnum(AmendmentAction) action: AmendmentAction;
  @Field(() => String, { nullable: true, description: 'Required for REPLACE and INSERT_AFTER' }) @IsOptional() @IsString() @MaxLength(TextMax.PARAGRAPH_CHARS, { message: `text must be at most ${TextMax.PARAGRAPH_CHARS.toLocaleString('en')} characters` }) text?: string | null;
  @Field() @Transform(trim) @IsString() @Length(1, 5000, { message: 'rationale must be 1 to 5,000 characters' }) rationale: string;
}

@InputType()
export class DecideAmendmentInput {
  @Field(() => ID) @id('amendmentId') amendmentId: string;
  @Field(() => AmendmentDecision) @IsEnum(AmendmentDecision) decision: AmendmentDecision;
  @Field(() => String, { nullable: true, description: 'Required when rejecting' }) @IsOptional() @Transform(trim) @IsString() @MaxLength(5000) reason?: string | null;
}

@InputType()
export class WithdrawAmendmentInput {
  @Field(() => ID) @id('amendmentId') amendmentId: string;
}

@InputType()
export class RecordPositionInput {
  @Field(() => ID) @id('statementId') statementId: string;
  @Field(() => ID) @id('versionId') versionId: string;
  @Field(() => ID) @id('delegationId') delegationId: string;
  @Field(() => Stance) @IsEnum(Stance) stance: Stance;
  @Field(() => String, { nullable: true, description: 'Required for SCRUTINY_RESERVATION, RESERVATION and OBJECTION' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(5000)
  reason?: string | null;
}

@InputType()
export class StatementFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() @id('bodyId') bodyId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @id('meetingId') meetingId?: string;
  @Field(() => StatementStatus, { nullable: true }) @IsOptional() @IsEnum(StatementStatus) status?: StatementStatus;
  @Field(() => StatementClassification, { nullable: true }) @IsOptional() @IsEnum(StatementClassification) classification?: StatementClassification;
}

@InputType()
export class AdoptStatementInput {
  @Field(() => ID) @id('statementId') statementId: string;
  @Field(() => ID, { description: 'The version adopted: the current one, on which every member delegation supports or abstains' })
  @id('versionId')
  versionId: string;
}

@InputType()
export class WithdrawStatementInput {
  @Field(() => ID) @id('statementId') statementId: string;
  @Field({ description: 'Why the statement is withdrawn (told to every delegation concerned)' })
  @Transform(trim)
  @IsString()
  @Length(1, 2000, { message: 'reason must be 1 to 2,000 characters' })
  reason: string;
}
