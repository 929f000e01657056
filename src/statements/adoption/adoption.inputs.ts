import { Field, ID, InputType } from '@nestjs/graphql';
import { IsId } from '../../common/errors/uuid.pipe.js';
import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';
import { trim } from '../../auth/auth.inputs.js';

@InputType()
export class AdoptStatementInput {
  @Field(() => ID) @IsId('statementId') statementId: string;
  @Field(() => ID, { description: 'The version adopted: the current one, on which every member delegation supports or abstains' })
  @IsId('versionId')
  versionId: string;
}

@InputType()
export class WithdrawStatementInput {
  @Field(() => ID) @IsId('statementId') statementId: string;
  @Field({ description: 'Why the statement is withdrawn (told to every delegation concerned)' })
  @Transform(trim)
  @IsString()
  @Length(1, 2000, { message: 'reason must be 1 to 2,000 characters' })
  reason: string;
}
