import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type AuthUser } from '../../auth/auth-user.js';
import { authorize, Policy } from '../../auth/policy.js';
import { AppError } from '../../common/errors/app-error.js';
import { enforceListCap } from '../../common/graphql/list-caps.js';
import { TransactionService } from '../../database/transaction.service.js';
import { canonicalLanguage, sameLanguage } from '../../common/languages.js';
import { contentHash } from '../core/paragraphs.js';
import { StatementAccess } from '../core/statement-access.js';
import { StatementEvents } from '../core/statement-events.js';
import { type AddTranslationInput } from './statement-translation.inputs.js';
import { StatementTranslationEntity } from './statement-translation.entity.js';
import { StatementVersionEntity } from '../core/statement-version.entity.js';
import { StatementStatus } from '../core/statement.enums.js';
import { alignTranslation } from './translation-alignment.js';

/**
 * Language versions of statement versions. Adding a language a version already has is a CONFLICT
 * unless the text is the same (then nothing is written and the existing one is returned) or the
 * clerk asks to `replace` it (audited with the old and new content hashes).
 */
@Injectable()
export class StatementTranslationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly access: StatementAccess,
    private readonly events: StatementEvents,
  ) {}

  async add(actor: AuthUser, input: AddTranslationInput): Promise<StatementTranslationEntity> {
    authorize(Policy.manageStatements(actor), 'Only clerks add translations');
    const language = canonicalLanguage(input.language);

    // Read first: a repeated identical call is answered without a transaction (it changes nothing, so it records nothing).
    const version = await this.dataSource.manager.findOneBy(StatementVersionEntity, { id: input.versionId });
    if (!version) throw AppError.notFound('StatementVersion', input.versionId);
    const paragraphs = alignTranslation(version.paragraphs, input.paragraphs);
    const hash = contentHash(paragraphs);
    const title = input.title ?? null;
    const same = await this.dataSource.manager.findOneBy(StatementTranslationEntity, { versionId: version.id, language, contentHash: hash });
    if (same && same.title === title) {
      await this.access.findVisible(actor, version.statementId);
      return same;
    }

    const saved = await this.tx.mutate(actor, async ({ em, audit }) => {
      // The statement's row lock queues translations (and revisions) of one statement.
      const statement = await this.access.findVisible(actor, version.statementId, em, true);
      if (statement.status === StatementStatus.WITHDRAWN) throw AppError.conflict('A withdrawn statement gets no translations', { status: statement.status });
      if (sameLanguage(language, statement.language)) throw AppError.badInput('language', `${language} is the statement’s own language`);

      const existing = await em.findOneBy(StatementTranslationEntity, { versionId: version.id, language });
      if (existing && existing.contentHash === hash && existing.title === title)
        throw AppError.conflict('The same translation was added meanwhile', { translationId: existing.id });
      if (existing && !input.replace) {
        throw AppError.conflict(`This version already has a ${language} translation; send replace: true to replace it`, { translationId: existing.id });
      }
      if (existing) {
        await em.update(
          StatementTranslationEntity,
          { id: existing.id },
          { title, paragraphs, contentHash: hash, createdById: actor.id, createdAt: new Date() },
        );
        audit('statement.translation.replaced', 'Statement', statement.id, {
          before: { translationId: existing.id, versionId: version.id, language, contentHash: existing.contentHash, title: existing.title },
          after: { translationId: existing.id, versionId: version.id, language, contentHash: hash, title },
        });
        return em.findOneByOrFail(StatementTranslationEntity, { id: existing.id });
      }
      const row = em.create(StatementTranslationEntity, {
        statementId: statement.id,
        versionId: version.id,
        language,
        title,
        paragraphs,
        contentHash: hash,
        createdById: actor.id,
      });
      await em.insert(StatementTranslationEntity, row);
      await enforceListCap(em, 'StatementVersion.translations', version.id, 'language');
      audit('statement.translation.added', 'Statement', statement.id, {
        after: { translationId: row.id, versionId: version.id, version: version.number, language, title, contentHash: hash },
      });
      return em.findOneByOrFail(StatementTranslationEntity, { id: row.id });
    });
    await this.events.changed(saved.statementId, 'TRANSLATED');
    return saved;
  }
}
