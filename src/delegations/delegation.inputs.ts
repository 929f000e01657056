import { Field, ID, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsEmail, IsEnum, IsOptional, IsString, IsTimeZone, IsUrl, IsUUID, Length, Matches, ValidateIf } from 'class-validator';
import { trim } from '../auth/auth.inputs.js';
import { BodyKind, DelegateRole, DelegationKind } from './delegation-kind.enum.js';
import { ListMax } from '../common/graphql/list-caps.js';

const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);
const TZ_MESSAGE = { message: 'timezone must be an IANA time zone such as Europe/Brussels' };
const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

@InputType()
export class DelegationFilter {
  @Field(() => DelegationKind, { nullable: true }) @IsOptional() @IsEnum(DelegationKind) kind?: DelegationKind;
  @Field({ nullable: true, description: 'Part of the code or name' }) @IsOptional() @IsString() @Length(1, 100) search?: string;
}

@InputType()
export class CreateDelegationInput {
  @Field({ description: 'ISO 3166-1 alpha-2 (DK, US) or an institution code (EU, COM, GSC)' })
  @Transform(upper)
  @Matches(/^[A-Z]{2,5}$/, { message: 'code must be 2 to 5 letters' })
  code: string;

  @Field() @Transform(trim) @IsString() @Length(1, 200, { message: 'name must be 1 to 200 characters' }) name: string;

  @Field(() => DelegationKind) @IsEnum(DelegationKind) kind: DelegationKind;

  @Field({ nullable: true, defaultValue: 'Europe/Brussels' }) @IsOptional() @IsTimeZone(TZ_MESSAGE) timezone: string = 'Europe/Brussels';

  @Field(() => String, { nullable: true }) @IsOptional() @IsEmail({}, { message: 'contactEmail must be an e-mail address' }) contactEmail?: string | null;

  @Field(() => String, { nullable: true }) @IsOptional() @IsUrl(URL_OPTIONS, { message: 'webhookUrl must be an http(s) URL' }) webhookUrl?: string | null;

  @Field(() => String, { nullable: true, description: 'Shared secret for X-Concordia-Signature; required with webhookUrl' })
  @ValidateIf((i: CreateDelegationInput) => Boolean(i.webhookUrl) || i.webhookSecret != null)
  @IsString({ message: 'webhookSecret is required with webhookUrl' })
  @Length(16, 200, { message: 'webhookSecret must be 16 to 200 characters' })
  webhookSecret?: string | null;
}

@InputType()
export class UpdateDelegationInput {
  @Field(() => ID) @IsUUID('all', { message: 'delegationId must be an id' }) delegationId: string;
  @Field({ nullable: true }) @IsOptional() @Transform(trim) @IsString() @Length(1, 200, { message: 'name must be 1 to 200 characters' }) name?: string;
  @Field({ nullable: true }) @IsOptional() @IsTimeZone(TZ_MESSAGE) timezone?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsEmail({}, { message: 'contactEmail must be an e-mail address' }) contactEmail?: string | null;
  @Field(() => String, { nullable: true, description: 'Empty string removes the webhook' })
  @IsOptional()
  @ValidateIf((i: UpdateDelegationInput) => i.webhookUrl !== '')
  @IsUrl(URL_OPTIONS, { message: 'webhookUrl must be an http(s) URL' })
  webhookUrl?: string | null;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(16, 200, { message: 'webhookSecret must be 16 to 200 characters' })
  webhookSecret?: string | null;
}

@InputType()
export class AddMemberInput {
  @Field(() => ID) @IsUUID('all', { message: 'delegationId must be an id' }) delegationId: string;
  @Field(() => ID) @IsUUID('all', { message: 'userId must be an id' }) userId: string;
  @Field(() => DelegateRole, { defaultValue: DelegateRole.DELEGATE }) @IsEnum(DelegateRole) delegateRole: DelegateRole = DelegateRole.DELEGATE;
}

@InputType()
export class CreateBodyInput {
  @Field(() => BodyKind) @IsEnum(BodyKind) kind: BodyKind;
  @Field() @Transform(trim) @IsString() @Length(1, 300, { message: 'name must be 1 to 300 characters' }) name: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'parentId must be an id' }) parentId?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'chairDelegationId must be an id' }) chairDelegationId?: string | null;
  @Field(() => [ID], { defaultValue: [] })
  @ArrayMaxSize(ListMax.MEMBER_DELEGATIONS_PER_BODY, {
    message: `memberDelegationIds: at most ${ListMax.MEMBER_DELEGATIONS_PER_BODY} delegations (limit Body.members)`,
  })
  @IsUUID('all', { each: true, message: 'memberDelegationIds must be ids' })
  memberDelegationIds: string[] = [];
  @Field({ defaultValue: false }) @IsBoolean() jha: boolean = false;
  @Field({ defaultValue: false }) @IsBoolean() publicMeetings: boolean = false;
}

@InputType()
export class BodyFilter {
  @Field(() => BodyKind, { nullable: true }) @IsOptional() @IsEnum(BodyKind) kind?: BodyKind;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'parentId must be an id' }) parentId?: string;
}
