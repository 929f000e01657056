import { Module } from '@nestjs/common';
import { ActionItemsModule } from '../../../action-items/action-items.module.js';
import { MeetingsModule } from '../../../meetings/meetings.module.js';
import { StatementsCoreModule } from '../../core/statements-core.module.js';
import {
  ActionItemCommitmentResolver,
  CommitmentsResolver,
  DelegationImplementationFieldsResolver,
  StatementCommitmentsResolver,
} from './commitments.resolver.js';
import { CommitmentsService } from './commitments.service.js';

/**
 * Statement commitments and their follow-up. Creating them is part of adoption
 * (commitments-for-adoption.ts, called by AdoptionService.adoptIn); this module turns them into
 * action items and reports on them.
 */
@Module({
  imports: [StatementsCoreModule, ActionItemsModule, MeetingsModule],
  providers: [CommitmentsService, CommitmentsResolver, StatementCommitmentsResolver, DelegationImplementationFieldsResolver, ActionItemCommitmentResolver],
})
export class CommitmentsModule {}
