import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module.js';
import { DelegationsModule } from '../../delegations/delegations.module.js';
import { NotificationsModule } from '../../notifications/notifications.module.js';
import { StatementsCoreModule } from '../core/statements-core.module.js';
import { AnswersService } from './answers.service.js';
import { CirculationJobs } from './circulation.jobs.js';
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
import { ObjectionHooks } from './objection-hook.js';
import { StatementAnswersFieldsResolver } from './statement-answers.resolver.js';
import { StatementNotifications } from './statement.notifications.js';

@Module({
  imports: [AuthModule, DelegationsModule, NotificationsModule, StatementsCoreModule],
  providers: [
    ObjectionHooks,
    CirculationService,
    AnswersService,
    MyCirculationsService,
    StatementNotifications,
    CirculationProcessor,
    CirculationJobs,
    CirculationResolver,
    CirculationRecipientFieldsResolver,
    StatementVersionFieldsResolver,
    AmendmentFieldsResolver,
    PositionFieldsResolver,
    ConsensusEntryFieldsResolver,
    StatementAnswersFieldsResolver,
  ],
  exports: [CirculationService, CirculationProcessor, CirculationJobs, ObjectionHooks],
})
export class CirculationModule {}
