import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { DelegationsModule } from '../delegations/delegations.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { ADOPTION_PROVIDERS } from './adoption/adoption.providers.js';
import { AdoptionService } from './adoption/adoption.service.js';
import { LifecycleNotifications } from './adoption/lifecycle.notifications.js';
import { SilenceNotifications } from './adoption/silence.notifications.js';
import { ProceduresProcessor } from './adoption/silence.processor.js';
import { SilenceService } from './adoption/silence.service.js';
import { CIRCULATION_PROVIDERS } from './circulation/circulation.providers.js';
import { CirculationProcessor } from './circulation/circulation.processor.js';
import { OBJECTION_HOOK } from './circulation/objection-hook.js';
import { CORE_PROVIDERS } from './core/core.providers.js';
import { StatementAccess } from './core/statement-access.js';
import { StatementAudience } from './core/statement-audience.js';
import { DRAFTING_PROVIDERS } from './drafting/drafting.providers.js';
import { PUBLICATION_CONTROLLERS, PUBLICATION_PROVIDERS } from './publication/publication.providers.js';
import { PublicationNotifications } from './publication/publication.notifications.js';
import { PUBLISHED_TEXTS, type PublishedTexts } from './publication/published-texts.port.js';
import { AkomaNtosoService } from './texts/akoma-ntoso.service.js';
import { StatementTexts } from './texts/statement-texts.js';
import { TEXTS_CONTROLLERS, TEXTS_PROVIDERS } from './texts/texts.providers.js';

/**
 * Joint statements, one module over six sub-features (core, drafting, circulation, adoption,
 * publication, texts), each listing its providers in its own `*.providers.ts`. Sub-features import
 * core, adoption may import circulation, nothing else crosses: where one sub-feature needs
 * another's service it declares a port and this module binds it (OBJECTION_HOOK, PUBLISHED_TEXTS).
 */
@Module({
  imports: [AuthModule, DelegationsModule, NotificationsModule],
  providers: [
    ...CORE_PROVIDERS,
    ...DRAFTING_PROVIDERS,
    ...CIRCULATION_PROVIDERS,
    ...ADOPTION_PROVIDERS,
    ...PUBLICATION_PROVIDERS,
    ...TEXTS_PROVIDERS,
    { provide: OBJECTION_HOOK, useExisting: SilenceService },
    {
      provide: PUBLISHED_TEXTS,
      inject: [StatementTexts, AkomaNtosoService],
      useFactory: (texts: StatementTexts, akn: AkomaNtosoService): PublishedTexts => ({
        paragraphsIn: (statement, version, language) => texts.paragraphsIn(statement, version, language),
        akomaNtoso: (statement, language) => akn.export(statement, language),
      }),
    },
  ],
  controllers: [...PUBLICATION_CONTROLLERS, ...TEXTS_CONTROLLERS],
  exports: [CirculationProcessor, ProceduresProcessor, StatementAccess, AdoptionService, StatementAudience, LifecycleNotifications, StatementTexts, PublicationNotifications, SilenceNotifications],
})
export class StatementsModule {}
