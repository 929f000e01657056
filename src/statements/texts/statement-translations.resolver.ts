import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { type AuthUser } from '../../auth/auth-user.js';
import { CurrentUser } from '../../auth/current-user.decorator.js';
import { User } from '../../auth/user.model.js';
import { UserEntity } from '../../auth/user.entity.js';
import { type GqlContext } from '../../common/graphql/gql-context.js';
import { ListMax } from '../../common/graphql/list-caps.js';
import { BodyEntity } from '../../delegations/body.entity.js';
import { MeetingEntity } from '../../meetings/meeting.entity.js';
import { aknDocument, assertExportable } from './akoma-ntoso.service.js';
import { canonicalLanguage } from '../../common/languages.js';
import { type Paragraph as ParagraphData } from '../core/paragraphs.js';
import { noTranslation, textIn } from './statement-texts.js';
import { StatementTranslationEntity } from './statement-translation.entity.js';
import { AddTranslationInput } from './statement-translation.inputs.js';
import { StatementTranslation } from './statement-translation.model.js';
import { StatementTranslationsService } from './statement-translations.service.js';
import { StatementVersionEntity } from '../core/statement-version.entity.js';
import { StatementEntity } from '../core/statement.entity.js';
import { Paragraph, Statement, StatementVersion } from '../core/statement.model.js';

const translationsOf = (ctx: GqlContext, versionId: string) => ctx.loaders.manyBy(StatementTranslationEntity, 'versionId', { language: 'ASC' }).load(versionId);
const statementOf = async (ctx: GqlContext, id: string) => (await ctx.loaders.byId(StatementEntity).load(id))!;

/** Language versions on StatementVersion: they are reached through a statement the reader may see. */
@Resolver(() => StatementVersion)
export class StatementVersionTranslationsResolver {
  constructor(private readonly service: StatementTranslationsService) {}

  @Mutation(() => StatementTranslation, {
    description:
      'Adds a language version of a version, paragraph keys one to one with it; the same language again is a CONFLICT unless identical or `replace` (CLERK)',
  })
  async addTranslation(@CurrentUser() user: AuthUser, @Args('input') input: AddTranslationInput): Promise<StatementTranslation> {
    return StatementTranslation.from(await this.service.add(user, input));
  }

  @ResolveField(() => [StatementTranslation], { description: `Language versions of this version, by language (at most ${ListMax.TRANSLATIONS_PER_VERSION})` })
  async translations(@Parent() v: StatementVersion, @Context() ctx: GqlContext): Promise<StatementTranslation[]> {
    return (await translationsOf(ctx, v.id)).map(StatementTranslation.from);
  }

  @ResolveField(() => [Paragraph], {
    nullable: true,
    description:
      'The text in a language (BCP 47): the original when omitted or the statement’s own language; null when there is no translation in that language',
  })
  async text(
    @Parent() v: StatementVersion,
    @Context() ctx: GqlContext,
    @Args('language', { type: () => String, nullable: true }) language?: string | null,
  ): Promise<ParagraphData[] | null> {
    const wanted = language ? canonicalLanguage(language) : null;
    const [statement, translations] = await Promise.all([statementOf(ctx, v.statementId), wanted ? translationsOf(ctx, v.id) : []]);
    return textIn(v, statement, translations, wanted)?.paragraphs ?? null;
  }
}

@Resolver(() => StatementTranslation)
export class StatementTranslationFieldsResolver {
  @ResolveField(() => Boolean, { description: 'Its version is no longer the statement’s current version (the statement was revised since)' })
  async outdated(@Parent() t: StatementTranslation, @Context() ctx: GqlContext): Promise<boolean> {
    return (await statementOf(ctx, t.statementId)).currentVersionId !== t.versionId;
  }

  @ResolveField(() => StatementVersion)
  async version(@Parent() t: StatementTranslation, @Context() ctx: GqlContext): Promise<StatementVersion> {
    const [v, s] = await Promise.all([ctx.loaders.byId(StatementVersionEntity).load(t.versionId), statementOf(ctx, t.statementId)]);
    return StatementVersion.from(v!, s.reference);
  }

  @ResolveField(() => User, { nullable: true })
  async createdBy(@Parent() t: StatementTranslation, @Context() ctx: GqlContext): Promise<User | null> {
    const u = t.createdById ? await ctx.loaders.byId(UserEntity).load(t.createdById) : null;
    return u ? User.from(u) : null;
  }
}

@Resolver(() => Statement)
export class StatementAkomaNtosoResolver {
  @ResolveField(() => String, {
    nullable: true,
    description:
      'The adopted version as an Akoma Ntoso 3.0 XML document, in a language (BCP 47; the original when omitted). CONFLICT unless ADOPTED or PUBLISHED; NOT_FOUND without a translation in that language. Also GET /statements/:id/akn.xml?lang=',
  })
  async akomaNtoso(
    @Parent() s: Statement,
    @Context() ctx: GqlContext,
    @Args('language', { type: () => String, nullable: true }) language?: string | null,
  ): Promise<string> {
    // The rows come through the request's DataLoaders, so a list of statements costs a few queries, not a few per statement.
    const statement = await statementOf(ctx, s.id);
    const versionId = assertExportable(statement);
    const wanted = language ? canonicalLanguage(language) : null;
    const [version, translations, body, meeting] = await Promise.all([
      ctx.loaders.byId(StatementVersionEntity).load(versionId),
      wanted ? translationsOf(ctx, versionId) : [],
      ctx.loaders.byId(BodyEntity).load(statement.bodyId),
      statement.meetingId ? ctx.loaders.byId(MeetingEntity).load(statement.meetingId) : null,
    ]);
    const text = textIn(version!, statement, translations, wanted);
    if (!text) throw noTranslation(wanted!);
    return aknDocument(statement, text, body!, meeting);
  }
}
