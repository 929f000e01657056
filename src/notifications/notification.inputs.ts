import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsEnum, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { NotificationChannel, NotificationKind } from './notification-kind.enum.js';

@InputType()
export class MarkNotificationsReadInput {
  @Field(() => [ID], { nullable: true, description: 'These notifications' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true, message: 'ids must be ids' })
  ids?: string[];

  @Field({ nullable: true, description: 'Every unread notification' }) @IsOptional() @IsBoolean() all?: boolean;
}

@InputType()
export class NotificationPreferenceInput {
  @Field(() => NotificationKind) @IsEnum(NotificationKind) kind: NotificationKind;

  @Field(() => [NotificationChannel], { description: 'Must include IN_APP; EMAIL is optional' })
  @IsArray()
  @IsEnum(NotificationChannel, { each: true })
  channels: NotificationChannel[];
}

@InputType()
export class UpdateNotificationPreferencesInput {
  @Field(() => [NotificationPreferenceInput])
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => NotificationPreferenceInput)
  preferences: NotificationPreferenceInput[];
}
