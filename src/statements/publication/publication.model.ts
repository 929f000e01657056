import { Field, ID, ObjectType } from '@nestjs/graphql';
import { DelegationKind } from '../../delegations/delegation-kind.enum.js';
import { type EndorsementEntity } from './endorsement.entity.js';
import { type Paragraph as ParagraphData } from '../core/paragraphs.js';
import { SignatoryKind } from '../core/signatories.js';
import { Paragraph } from '../core/statement.model.js';

@ObjectType({ description: 'A delegation that joined a published statement' })
export class Endorsement {
  @Field(() => ID) id: string;
  @Field() endorsedAt: Date;
  @Field() createdAt: Date;
  statementId: string;
  delegationId: string;
  endorsedById: string | null;

  static from(e: EndorsementEntity): Endorsement {
    return Object.assign(new Endorsement(), {
      id: e.id,
      endorsedAt: e.endorsedAt,
      createdAt: e.createdAt,
      statementId: e.statementId,
      delegationId: e.delegationId,
      endorsedById: e.endorsedById,
    });
  }
}

@ObjectType({ description: 'A delegation that adopted the statement or endorsed it after publication' })
export class Signatory {
  @Field(() => SignatoryKind) kind: SignatoryKind;
  @Field({ description: 'The adoption, or the endorsement' }) since: Date;
  delegationId: string;
}

@ObjectType({ description: 'A delegation as the public read names it' })
export class PublicDelegation {
  @Field() code: string;
  @Field() name: string;
  @Field(() => DelegationKind) kind: DelegationKind;
}

@ObjectType()
export class PublicSignatory {
  @Field(() => PublicDelegation) delegation: PublicDelegation;
  @Field(() => SignatoryKind) kind: SignatoryKind;
  @Field() since: Date;
}

@ObjectType()
export class PublicEndorsement {
  @Field(() => PublicDelegation) delegation: PublicDelegation;
  @Field() endorsedAt: Date;
}

/**
 * The published text of a statement as everyone may read it, without signing in: the adopted version
 * only (in the language asked), its references and dates, who signed. Plain data, no resolvers: the
 * JSON of GET /statements/:reference is this same object.
 */
@ObjectType({ description: 'A published statement: its adopted text, references, dates and signatories' })
export class PublicStatement {
  @Field({ description: 'e.g. JHA 2012/004' }) reference: string;
  @Field({ description: 'The reference of the adopted version, e.g. JHA 2012/004 REV 1' }) label: string;
  @Field() title: string;
  @Field({ description: 'e.g. 12-784' }) pressReference: string;
  @Field() publishedAt: Date;
  @Field() adoptedAt: Date;
  @Field({ description: 'The language of these paragraphs' }) language: string;
  @Field({ description: 'SHA-256 (hex) of the adopted version (original language)' }) contentHash: string;
  @Field(() => [Paragraph]) paragraphs: ParagraphData[];
  @Field(() => [PublicSignatory], { description: 'Adopters, then endorsers, in the order they signed' }) signatories: PublicSignatory[];
  @Field(() => [PublicEndorsement], { description: 'Who joined after publication, oldest first' }) endorsements: PublicEndorsement[];
}
