import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Role } from './role.enum.js';
import { type UserEntity } from './user.entity.js';

@ObjectType({ description: 'A person using Concordia' })
export class User {
  @Field(() => ID) id: string;
  @Field() email: string;
  @Field() name: string;
  @Field(() => Role) role: Role;
  @Field({ description: 'IANA time zone used to show times to this user' }) timezone: string;
  @Field() locale: string;
  @Field() active: boolean;
  @Field() createdAt: Date;

  static from(e: UserEntity): User {
    return Object.assign(new User(), {
      id: e.id,
      email: e.email,
      name: e.name,
      role: e.role,
      timezone: e.timezone,
      locale: e.locale,
      active: e.active,
      createdAt: e.createdAt,
    });
  }
}

@ObjectType()
export class LoginPayload {
  @Field({ description: 'Send as `Authorization: Bearer <token>`' }) accessToken: string;
  @Field() expiresAt: Date;
  @Field(() => User) user: User;
}
