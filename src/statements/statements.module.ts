import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { DelegationsModule } from '../delegations/delegations.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { AdoptionResolver } from './adoption/adoption.resolver.js';
import { AdoptionService } from './adoption/adoption.service.js';
import { AnswersService } from './circulation/answers.service.js';
import { CirculationProcessor } from './circulation/circulation.processor.js';
import {
  AmendmentFieldsResolver,
  CirculationRecipientFieldsResolver,
  CirculationResolver,
  ConsensusEntryFieldsResolver,
  PositionFieldsResolver,
  StatementVersionFieldsResolver,
} from './circulation/circulation.resolver.js';
import { CirculationService } from './circulation/circulation.service.js';
import { MyCirculationsService } from './circulation/my-circulations.service.js';
import { PublicStatementsController } from './publication/public-statements.controller.js';
import { PublicStatementsService } from './publication/public-statements.service.js';
import { PublicationNotifications } from './publication/publication.notifications.js';
import { EndorsementFieldsResolver, PublicationResolver, SignatoryFieldsResolver } from './publication/publication.resolver.js';
import { PublicationService } from './publication/publication.service.js';
import { StatementTexts } from './texts/statement-texts.js';
import { ProceduresProcessor } from './adoption/silence.processor.js';
import { SilenceNotifications } from './adoption/silence.notifications.js';
import { SilenceObjectionFieldsResolver, SilenceProcedureFieldsResolver, SilenceResolver } from './adoption/silence.resolver.js';
import { SilenceService } from './adoption/silence.service.js';
import { LifecycleNotifications } from './adoption/lifecycle.notifications.js';
import { StatementAccess } from './core/statement-access.js';
import { StatementAudience } from './core/statement-audience.js';
import { StatementEvents } from './core/statement-events.js';
import { StatementNotifications } from './circulation/statement.notifications.js';
import { AgendaItemStatementsResolver, StatementsResolver } from './drafting/statements.resolver.js';
import { StatementsService } from './drafting/statements.service.js';
import { AkomaNtosoController } from './texts/akoma-ntoso.controller.js';
import { AkomaNtosoService } from './texts/akoma-ntoso.service.js';
import { StatementAkomaNtosoResolver, StatementTranslationFieldsResolver, StatementVersionTranslationsResolver } from './texts/statement-translations.resolver.js';
import { StatementTranslationsService } from './texts/statement-translations.service.js';

@Module({
  imports: [AuthModule, DelegationsModule, NotificationsModule],
  providers: [
    StatementAccess,
    StatementEvents,
    StatementsService,
    CirculationService,
    AnswersService,
    MyCirculationsService,
    AdoptionService,
    StatementAudience,
    StatementNotifications,
    LifecycleNotifications,
    CirculationProcessor,
    SilenceService,
    SilenceNotifications,
    ProceduresProcessor,
    SilenceResolver,
    SilenceProcedureFieldsResolver,
    SilenceObjectionFieldsResolver,
    StatementsResolver,
    AdoptionResolver,
    AgendaItemStatementsResolver,
    CirculationResolver,
    CirculationRecipientFieldsResolver,
    StatementVersionFieldsResolver,
    AmendmentFieldsResolver,
    PositionFieldsResolver,
    ConsensusEntryFieldsResolver,
    StatementTexts,
    StatementTranslationsService,
    StatementVersionTranslationsResolver,
    StatementTranslationFieldsResolver,
    AkomaNtosoService,
    StatementAkomaNtosoResolver,
    PublicationService,
    PublicStatementsService,
    PublicationNotifications,
    PublicationResolver,
    EndorsementFieldsResolver,
    SignatoryFieldsResolver,
  ],
  controllers: [PublicStatementsController, AkomaNtosoController],
  exports: [CirculationProcessor, ProceduresProcessor, StatementAccess, AdoptionService, StatementAudience, LifecycleNotifications, StatementTexts, PublicationNotifications, SilenceNotifications],
})
export class StatementsModule {}
