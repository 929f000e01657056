import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Role } from './role.enum.js';
import { type UserEntity } from './user.entity.js';

@ObjectType({ description: 'A person using Concordia' })
export class User {
  @Field(() => ID) id: string;
  /** Resolved by UsersResolver.email: null unless the reader may see it (DESIGN "Access rules"). */
  email: string;
  @Field() name: string;
  @Field(() => Role) role: Role;
  @Field({ description: 'IANA time zone used to show times to this user' }) timezone: string;
  @Field() locale: string;
  @Field() active: boolean;
  @Field({ description: 'False when an administrator requires single sign-on: the password is refused' }) passwordLogin: boolean;
  @Field() createdAt: Date;
  /** Set when the reader is this user though no one is signed in yet (login answers). */
  readerIsSelf?: boolean;

  static from(e: UserEntity): User {
    return Object.assign(new User(), {
      id: e.id,
      email: e.email,
      name: e.name,
      role: e.role,
      timezone: e.timezone,
      locale: e.locale,
      active: e.active,
      passwordLogin: e.passwordLogin,
      createdAt: e.createdAt,
    });
  }
}

/** The signed-in user as seen by themself. */
export function ownUser(e: UserEntity): User {
  return Object.assign(User.from(e), { readerIsSelf: true });
}

@ObjectType()
export class LoginPayload {
  @Field({ description: 'Send as `Authorization: Bearer <token>`' }) accessToken: string;
  @Field() expiresAt: Date;
  @Field(() => User) user: User;
}
