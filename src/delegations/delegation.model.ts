import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '../common/pagination/connection.js';
import { BodyKind, DelegateRole, DelegationKind } from './delegation-kind.enum.js';
import { type BodyEntity } from './body.entity.js';
import { type DelegationMembershipEntity } from './delegation-membership.entity.js';
import { type DelegationEntity } from './delegation.entity.js';

@ObjectType({ description: 'A delegation: a member state, a partner country or an institution' })
export class Delegation {
  @Field(() => ID) id: string;
  @Field({ description: 'ISO 3166-1 alpha-2 code, or EU, COM, GSC' }) code: string;
  @Field() name: string;
  @Field(() => DelegationKind) kind: DelegationKind;
  @Field({ description: 'IANA time zone of the delegation' }) timezone: string;
  @Field(() => String, { nullable: true }) contactEmail: string | null;
  /** Exposed through a field resolver: only organizers and the delegation's own members see it. */
  webhookUrl: string | null;
  @Field() createdAt: Date;

  static from(e: DelegationEntity): Delegation {
    // Built field by field, no intermediate object: the read path makes one per row.
    const m = new Delegation();
    m.id = e.id;
    m.code = e.code;
    m.name = e.name;
    m.kind = e.kind;
    m.timezone = e.timezone;
    m.contactEmail = e.contactEmail;
    m.webhookUrl = e.webhookUrl;
    m.createdAt = e.createdAt;
    return m;
  }
}

@ObjectType()
export class DelegationConnection extends Connection(Delegation) {}

@ObjectType({ description: 'A user belonging to a delegation, with their role in it' })
export class DelegationMembership {
  @Field(() => ID) id: string;
  @Field(() => DelegateRole) delegateRole: DelegateRole;
  @Field() createdAt: Date;
  userId: string;
  delegationId: string;

  static from(e: DelegationMembershipEntity): DelegationMembership {
    return Object.assign(new DelegationMembership(), {
      id: e.id,
      delegateRole: e.delegateRole,
      createdAt: e.createdAt,
      userId: e.userId,
      delegationId: e.delegationId,
    });
  }
}

@ObjectType({ description: 'A standing forum: a ministerial, senior officials or a working party' })
export class Body {
  @Field(() => ID) id: string;
  @Field(() => BodyKind) kind: BodyKind;
  @Field() name: string;
  @Field({ description: 'Justice and Home Affairs body: agendas are due 21 days ahead instead of 14' }) jha: boolean;
  @Field({ description: 'Every signed-in user may read the meetings of this body' }) publicMeetings: boolean;
  @Field() createdAt: Date;
  parentId: string | null;
  chairDelegationId: string | null;

  static from(e: BodyEntity): Body {
    return Object.assign(new Body(), {
      id: e.id,
      kind: e.kind,
      name: e.name,
      jha: e.jha,
      publicMeetings: e.publicMeetings,
      createdAt: e.createdAt,
      parentId: e.parentId,
      chairDelegationId: e.chairDelegationId,
    });
  }
}

@ObjectType()
export class BodyConnection extends Connection(Body) {}
