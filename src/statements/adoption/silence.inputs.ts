import { Field, ID, InputType } from '@nestjs/graphql';
import { IsDate, IsUUID } from 'class-validator';

const id = (field: string) => IsUUID('all', { message: `${field} must be an id` });

@InputType()
export class LaunchSilenceProcedureInput {
  @Field(() => ID) @id('statementId') statementId: string;
  @Field(() => ID, { description: 'The current version: it goes to every member delegation of the body under silence' }) @id('versionId') versionId: string;
  @Field(() => Date, { description: 'Objections are accepted until then; without one the statement is adopted at this time' })
  @IsDate({ message: 'deadline must be a date-time' })
  deadline: Date;
}

@InputType()
export class ExtendSilenceDeadlineInput {
  @Field(() => ID) @id('statementId') statementId: string;
  @Field(() => Date, { description: 'Later than the current deadline, which must not have passed' })
  @IsDate({ message: 'deadline must be a date-time' })
  deadline: Date;
}
