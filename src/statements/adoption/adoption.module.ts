import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module.js';
import { DelegationsModule } from '../../delegations/delegations.module.js';
import { CirculationModule } from '../circulation/circulation.module.js';
import { StatementsCoreModule } from '../core/statements-core.module.js';
import { AdoptionResolver } from './adoption.resolver.js';
import { AdoptionService } from './adoption.service.js';
import { LifecycleNotifications } from './lifecycle.notifications.js';
import { SilenceNotifications } from './silence.notifications.js';
import { SilenceJobs } from './silence.jobs.js';
import { ProceduresProcessor } from './silence.processor.js';
import { SilenceObjectionFieldsResolver, SilenceProcedureFieldsResolver, SilenceResolver } from './silence.resolver.js';
import { SilenceService } from './silence.service.js';

/** Commitments, created at adoption, have their own module (commitments/commitments.module.ts). */
@Module({
  imports: [AuthModule, DelegationsModule, StatementsCoreModule, CirculationModule],
  providers: [
    AdoptionService,
    AdoptionResolver,
    LifecycleNotifications,
    SilenceService,
    SilenceNotifications,
    ProceduresProcessor,
    SilenceJobs,
    SilenceResolver,
    SilenceProcedureFieldsResolver,
    SilenceObjectionFieldsResolver,
  ],
  exports: [AdoptionService, ProceduresProcessor, SilenceJobs, LifecycleNotifications, SilenceNotifications],
})
export class AdoptionModule {}
