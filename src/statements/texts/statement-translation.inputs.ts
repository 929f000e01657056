import { Field, ID, InputType } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsOptional, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import { trim } from '../../auth/auth.inputs.js';
import { ListMax } from '../../common/graphql/list-caps.js';
import { IsLanguageTag } from '../../common/languages.js';
import { PARAGRAPH_KEY } from '../core/paragraphs.js';
import { MaxVersionText, PARAGRAPH_TEXT_MESSAGE, TEXT_SIZE_DESCRIPTION, TextMax } from '../core/text-limits.js';

@InputType()
export class TranslatedParagraphInput {
  @Field({ description: 'The key of the version’s paragraph this translates' })
  @Matches(PARAGRAPH_KEY, { message: 'key must be a paragraph key' })
  key: string;

  @Field({ description: TEXT_SIZE_DESCRIPTION }) @IsString() @Length(1, TextMax.PARAGRAPH_CHARS, { message: PARAGRAPH_TEXT_MESSAGE }) text: string;
}

@InputType()
export class AddTranslationInput {
  @Field(() => ID) @IsUUID('all', { message: 'versionId must be an id' }) versionId: string;

  @Field({ description: 'BCP 47 tag of the translation’s language (fr, de, pt-BR); not the statement’s own language' })
  @IsLanguageTag()
  language: string;

  @Field(() => String, { nullable: true, description: 'The title in this language (the original title is shown when omitted)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 500, { message: 'title must be 1 to 500 characters' })
  title?: string | null;

  @Field(() => [TranslatedParagraphInput], { description: 'One per paragraph of the version, by key (any order)' })
  @IsArray()
  @ArrayMinSize(1, { message: 'paragraphs must not be empty' })
  @ArrayMaxSize(ListMax.PARAGRAPHS_PER_VERSION)
  @MaxVersionText()
  @ValidateNested({ each: true })
  @Type(() => TranslatedParagraphInput)
  paragraphs: TranslatedParagraphInput[];

  @Field({ defaultValue: false, description: 'Replace an existing translation in this language (else CONFLICT, unless the text is the same)' })
  @IsBoolean()
  replace: boolean = false;
}
