import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { type CommitmentEntity } from './commitment.entity.js';

@ObjectType({
  description:
    'A goal of an adopted statement, which its signatory delegations (those that adopted or endorsed it) turn into action items. The items belong to the goal, not to the statement’s meeting; members of every signatory delegation read them (the progress report the signatories give each other)',
})
export class Commitment {
  @Field(() => ID) id: string;
  @Field({ description: 'The GOAL paragraph’s key in the adopted version' }) paragraphKey: string;
  @Field(() => Int, { description: '1-based position among the goals' }) ordinal: number;
  @Field() createdAt: Date;
  statementId: string;
  versionId: string;

  static from(e: CommitmentEntity): Commitment {
    return Object.assign(new Commitment(), {
      id: e.id,
      paragraphKey: e.paragraphKey,
      ordinal: e.ordinal,
      createdAt: e.createdAt,
      statementId: e.statementId,
      versionId: e.versionId,
    });
  }
}

/**
 * Counts of action items, as the implementation report gives them. `open` is everything not yet
 * finished — OPEN, IN_PROGRESS and BLOCKED (the last two also on their own); `overdue` is the part
 * of `open` due before now; `total` includes DONE and CANCELLED.
 */
@ObjectType({ isAbstract: true })
export abstract class ImplementationCounts {
  @Field(() => Int, { description: 'Not finished: OPEN, IN_PROGRESS or BLOCKED' }) open: number;
  @Field(() => Int, { description: 'Of the open ones, IN_PROGRESS' }) inProgress: number;
  @Field(() => Int, { description: 'Of the open ones, BLOCKED' }) blocked: number;
  @Field(() => Int) done: number;
  @Field(() => Int) cancelled: number;
  @Field(() => Int, { description: 'Open and due before now' }) overdue: number;
  @Field(() => Int, { description: 'Every item, CANCELLED included' }) total: number;
  @Field(() => Date, { nullable: true, description: 'Latest change or progress note on any of the items (null: no items)' }) lastUpdateAt: Date | null;
}

@ObjectType({ description: 'One delegation’s follow-up of one goal' })
export class DelegationImplementation extends ImplementationCounts {
  delegationId: string;
}

@ObjectType({ description: 'Follow-up of one goal: totals, and per delegation that committed to it (of the items you may see)' })
export class GoalImplementation extends ImplementationCounts {
  @Field(() => Commitment) commitment: Commitment;
  @Field(() => [DelegationImplementation], { description: 'By delegation code' }) delegations: DelegationImplementation[];
}

export const NO_ITEMS = (): ImplementationCounts => ({ open: 0, inProgress: 0, blocked: 0, done: 0, cancelled: 0, overdue: 0, total: 0, lastUpdateAt: null });
