import { Field, ID, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsEnum, IsOptional, IsString, IsTimeZone, IsUUID, Length, MaxLength, MinLength } from 'class-validator';
import { IsLanguageTag } from '../common/languages.js';
import { Role } from './role.enum.js';

const trimLower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);
export const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

@InputType()
export class LoginInput {
  @Field() @Transform(trimLower) @IsEmail({}, { message: 'email must be an e-mail address' }) email: string;
  @Field() @IsString() @MinLength(1, { message: 'password must not be empty' }) @MaxLength(200) password: string;
}

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
const PASSWORD_RULE = `must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters`;

@InputType()
export class CreateUserInput {
  @Field() @Transform(trimLower) @IsEmail({}, { message: 'email must be an e-mail address' }) @MaxLength(320) email: string;
  @Field() @Transform(trim) @IsString() @Length(1, 200, { message: 'name must be 1 to 200 characters' }) name: string;
  @Field() @IsString() @Length(PASSWORD_MIN, PASSWORD_MAX, { message: `password ${PASSWORD_RULE}` }) password: string;
  @Field(() => Role) @IsEnum(Role) role: Role;
  @Field({ nullable: true, defaultValue: 'UTC' })
  @IsOptional()
  @IsTimeZone({ message: 'timezone must be an IANA time zone such as Europe/Brussels' })
  timezone: string = 'UTC';
  @Field({ nullable: true, defaultValue: 'en', description: 'BCP 47 language tag (en, pt-BR), stored in canonical form' })
  @IsOptional()
  @IsLanguageTag()
  locale: string = 'en';
}

@InputType()
export class SetUserActiveInput {
  @Field(() => ID) @IsUUID('all', { message: 'userId must be an id' }) userId: string;
  @Field() @IsBoolean() active: boolean;
}

@InputType()
export class SetUserPasswordLoginInput {
  @Field(() => ID) @IsUUID('all', { message: 'userId must be an id' }) userId: string;
  @Field({ description: 'False: the user must sign in through single sign-on' }) @IsBoolean() passwordLogin: boolean;
}

@InputType()
export class ChangePasswordInput {
  @Field() @IsString() @MinLength(1, { message: 'currentPassword must not be empty' }) @MaxLength(PASSWORD_MAX) currentPassword: string;
  @Field() @IsString() @Length(PASSWORD_MIN, PASSWORD_MAX, { message: `newPassword ${PASSWORD_RULE}` }) newPassword: string;
}

@InputType()
export class ResetPasswordInput {
  @Field(() => ID) @IsUUID('all', { message: 'userId must be an id' }) userId: string;
  @Field() @IsString() @Length(PASSWORD_MIN, PASSWORD_MAX, { message: `newPassword ${PASSWORD_RULE}` }) newPassword: string;
}

@InputType({ description: 'Your own name, language and time zone; fields left out stay as they are' })
export class UpdateMeInput {
  @Field({ nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200, { message: 'name must be 1 to 200 characters' })
  name?: string;

  @Field({
    nullable: true,
    description: 'BCP 47 language tag, stored in canonical form. Notifications are written in en, fr or de; any other language reads them in English',
  })
  @IsOptional()
  @IsLanguageTag()
  locale?: string;

  @Field({ nullable: true, description: 'IANA time zone: notifications and e-mails give times in it' })
  @IsOptional()
  @IsTimeZone({ message: 'timezone must be an IANA time zone such as Europe/Brussels' })
  timezone?: string;
}
