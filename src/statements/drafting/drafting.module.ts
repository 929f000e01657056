import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module.js';
import { StatementsCoreModule } from '../core/statements-core.module.js';
import { AgendaItemStatementsResolver, StatementsResolver } from './statements.resolver.js';
import { StatementsService } from './statements.service.js';

@Module({
  imports: [AuthModule, StatementsCoreModule],
  providers: [StatementsService, StatementsResolver, AgendaItemStatementsResolver],
})
export class DraftingModule {}
