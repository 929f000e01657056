import { applyDecorators } from '@nestjs/common';
import { Field, ID, InputType } from '@nestjs/graphql';
import { IsId } from '../../common/errors/uuid.pipe.js';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEnum, IsOptional, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import { trim } from '../../auth/auth.inputs.js';
import { ListMax } from '../../common/graphql/list-caps.js';
import { ParagraphKind, StatementClassification, StatementStatus } from '../core/statement.enums.js';
import { IsLanguageTag } from '../../common/languages.js';
import { PARAGRAPH_KEY } from '../core/paragraphs.js';
import { MaxVersionText, PARAGRAPH_TEXT_MESSAGE, TEXT_SIZE_DESCRIPTION, TextMax } from '../core/text-limits.js';

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

/** A version's whole text, checked the same wherever one is sent: 1 to MAX_PARAGRAPHS paragraphs, each valid, within the version limit. */
const ValidParagraphs = () =>
  applyDecorators(
    // Listed in the order stacked decorators apply (bottom first), so the checks run as before.
    Type(() => ParagraphInput),
    ValidateNested({ each: true }),
    MaxVersionText(),
    ArrayMaxSize(MAX_PARAGRAPHS),
    ArrayMinSize(1, { message: 'paragraphs must not be empty' }),
    IsArray(),
  );

@InputType()
export class DraftStatementInput {
  @Field(() => ID) @IsId('bodyId') bodyId: string;
  @Field() @Transform(trim) @IsString() @Length(1, 500, { message: 'title must be 1 to 500 characters' }) title: string;
  @Field(() => StatementClassification, { defaultValue: StatementClassification.LIMITE })
  @IsEnum(StatementClassification)
  classification: StatementClassification = StatementClassification.LIMITE;
  @Field({
    defaultValue: 'en',
    description: 'BCP 47 tag of the text’s language: an ISO 639 language, optional script and region (en, pt-BR, sr-Latn); stored in canonical form',
  })
  @IsLanguageTag()
  language: string = 'en';
  @Field(() => ID, { nullable: true }) @IsOptional() @IsId('meetingId') meetingId?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsId('agendaItemId') agendaItemId?: string | null;
  @Field(() => [ParagraphInput])
  @ValidParagraphs()
  paragraphs: ParagraphInput[];
}

@InputType()
export class ReviseStatementInput {
  @Field(() => ID) @IsId('statementId') statementId: string;
  @Field(() => ID, { description: 'The version you revised; a newer one makes this a CONFLICT' }) @IsId('baseVersionId') baseVersionId: string;
  @Field(() => [ParagraphInput], { nullable: true, description: 'The whole new text; the base version’s when omitted' })
  @IsOptional()
  @ValidParagraphs()
  paragraphs?: ParagraphInput[] | null;
  @Field(() => [ID], { nullable: true, description: 'Accepted amendments to apply, in order' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ListMax.AMENDMENTS_APPLIED_PER_VERSION)
  @IsUUID('all', { each: true, message: 'applyAmendmentIds must be ids' })
  applyAmendmentIds?: string[] | null;
}

@InputType()
export class StatementFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsId('bodyId') bodyId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsId('meetingId') meetingId?: string;
  @Field(() => StatementStatus, { nullable: true }) @IsOptional() @IsEnum(StatementStatus) status?: StatementStatus;
  @Field(() => StatementClassification, { nullable: true }) @IsOptional() @IsEnum(StatementClassification) classification?: StatementClassification;
}
