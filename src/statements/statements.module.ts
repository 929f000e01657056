import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { DelegationsModule } from '../delegations/delegations.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { AdoptionResolver } from './adoption.resolver.js';
import { AdoptionService } from './adoption.service.js';
import { AnswersService } from './answers.service.js';
import { CirculationProcessor } from './circulation.processor.js';
import {
  AmendmentFieldsResolver,
  CirculationRecipientFieldsResolver,
  CirculationResolver,
  ConsensusEntryFieldsResolver,
  PositionFieldsResolver,
  StatementVersionFieldsResolver,
} from './circulation.resolver.js';
import { CirculationService } from './circulation.service.js';
import { MyCirculationsService } from './my-circulations.service.js';
import { PublicStatementsController } from './public-statements.controller.js';
import { PublicStatementsService } from './public-statements.service.js';
import { PublicationNotifications } from './publication.notifications.js';
import { EndorsementFieldsResolver, PublicationResolver, SignatoryFieldsResolver } from './publication.resolver.js';
import { PublicationService } from './publication.service.js';
import { StatementTexts } from './statement-texts.js';
import { ProceduresProcessor } from './silence.processor.js';
import { SilenceNotifications } from './silence.notifications.js';
import { SilenceObjectionFieldsResolver, SilenceProcedureFieldsResolver, SilenceResolver } from './silence.resolver.js';
import { SilenceService } from './silence.service.js';
import { LifecycleNotifications } from './lifecycle.notifications.js';
import { StatementAccess } from './statement-access.js';
import { StatementAudience } from './statement-audience.js';
import { StatementEvents } from './statement-events.js';
import { StatementNotifications } from './statement.notifications.js';
import { AgendaItemStatementsResolver, StatementsResolver } from './statements.resolver.js';
import { StatementsService } from './statements.service.js';
import { AkomaNtosoController } from './akoma-ntoso.controller.js';
import { AkomaNtosoService } from './akoma-ntoso.service.js';
import { StatementAkomaNtosoResolver, StatementTranslationFieldsResolver, StatementVersionTranslationsResolver } from './statement-translations.resolver.js';
import { StatementTranslationsService } from './statement-translations.service.js';

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
