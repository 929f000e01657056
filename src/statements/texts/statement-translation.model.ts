import { Field, ID, ObjectType } from '@nestjs/graphql';
import { type Paragraph as ParagraphData } from '../core/paragraphs.js';
import { type StatementTranslationEntity } from './statement-translation.entity.js';
import { Paragraph } from '../core/statement.model.js';

@ObjectType({ description: 'A language version of one statement version, paragraph for paragraph' })
export class StatementTranslation {
  @Field(() => ID) id: string;
  @Field({ description: 'BCP 47 tag (canonical form)' }) language: string;
  @Field(() => String, { nullable: true, description: 'The title in this language, if given' }) title: string | null;
  @Field(() => [Paragraph], { description: 'The version’s paragraphs in its order, with the translated texts' }) paragraphs: ParagraphData[];
  @Field({ description: 'SHA-256 (hex) of the ordered paragraphs (key, kind, text)' }) contentHash: string;
  @Field() createdAt: Date;
  statementId: string;
  versionId: string;
  createdById: string | null;

  static from(e: StatementTranslationEntity): StatementTranslation {
    return Object.assign(new StatementTranslation(), {
      id: e.id,
      language: e.language,
      title: e.title,
      paragraphs: e.paragraphs,
      contentHash: e.contentHash,
      createdAt: e.createdAt,
      statementId: e.statementId,
      versionId: e.versionId,
      createdById: e.createdById,
    });
  }
}
