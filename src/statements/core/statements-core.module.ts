import { Module } from '@nestjs/common';
import { StatementAccess } from './statement-access.js';
import { StatementAudience } from './statement-audience.js';
import { StatementEvents } from './statement-events.js';

/** Who may read a statement, who is told about it, and its change events: what every sub-feature injects. */
@Module({
  providers: [StatementAccess, StatementAudience, StatementEvents],
  exports: [StatementAccess, StatementAudience, StatementEvents],
})
export class StatementsCoreModule {}
