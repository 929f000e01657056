import { type DynamicModule, Module, type ModuleMetadata, type Provider } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module.js';
import { StatementsCoreModule } from '../core/statements-core.module.js';
import { PublicStatementsController } from './public-statements.controller.js';
import { PublicStatementsService } from './public-statements.service.js';
import { PublicationNotifications } from './publication.notifications.js';
import { EndorsementFieldsResolver, PublicationResolver, SignatoryFieldsResolver } from './publication.resolver.js';
import { PublicationService } from './publication.service.js';
import { type PublishedTexts } from './published-texts.port.js';

/**
 * Publication needs a version's text in a language and the Akoma Ntoso export (PUBLISHED_TEXTS)
 * without importing statements/texts: statements.module.ts registers this module with the module
 * and the provider that supply it.
 */
@Module({})
export class PublicationModule {
  static register(texts: { imports: NonNullable<ModuleMetadata['imports']>; provider: Provider<PublishedTexts> }): DynamicModule {
    return {
      module: PublicationModule,
      imports: [AuthModule, StatementsCoreModule, ...texts.imports],
      providers: [
        PublicationService,
        PublicStatementsService,
        PublicationNotifications,
        PublicationResolver,
        EndorsementFieldsResolver,
        SignatoryFieldsResolver,
        texts.provider,
      ],
      controllers: [PublicStatementsController],
      exports: [PublicationNotifications],
    };
  }
}
