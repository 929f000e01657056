import { Field, ID, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsDate, IsOptional, IsUUID, Matches } from 'class-validator';

/** e.g. `12-784` or `ST 11234/12`: 1 to 40 letters, digits, spaces, ".", "/" and "-", starting and ending with a letter or digit. */
export const PRESS_REFERENCE = /^[A-Za-z0-9](?:[A-Za-z0-9 ./-]{0,38}[A-Za-z0-9])?$/;

/** Trimmed, inner runs of whitespace made one space: `12-784` and ` 12-784 ` are one reference. */
const tidy = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : value);

@InputType()
export class PublishStatementInput {
  @Field(() => ID) @IsUUID('all', { message: 'statementId must be an id' }) statementId: string;

  @Field({ description: 'The press release number, e.g. 12-784; names one statement' })
  @Transform(tidy)
  @Matches(PRESS_REFERENCE, { message: 'pressReference must be 1 to 40 letters, digits, spaces, ".", "/" or "-", starting and ending with a letter or digit' })
  pressReference: string;

  @Field(() => Date, { nullable: true, description: 'Defaults to now; not before the adoption, not in the future' })
  @IsOptional()
  @IsDate()
  publishedAt?: Date | null;
}

@InputType()
export class EndorseStatementInput {
  @Field(() => ID) @IsUUID('all', { message: 'statementId must be an id' }) statementId: string;

  @Field(() => ID, { description: 'The delegation that joins' }) @IsUUID('all', { message: 'delegationId must be an id' }) delegationId: string;

  @Field(() => Date, {
    nullable: true,
    description: 'When it joined (e.g. the date of its letter); defaults to now; not before the publication, not in the future',
  })
  @IsOptional()
  @IsDate()
  endorsedAt?: Date | null;
}
