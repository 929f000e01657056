import { Module } from '@nestjs/common';
import { ActionItemsModule } from '../action-items/action-items.module.js';
import { MeetingsModule } from '../meetings/meetings.module.js';
import { StatementsModule } from '../statements/statements.module.js';
import { SearchResolver } from './search.resolver.js';
import { SearchService } from './search.service.js';

/** `search`: one query over statements, meetings and action items, each kind behind its own access rule. */
@Module({
  imports: [StatementsModule, MeetingsModule, ActionItemsModule],
  providers: [SearchService, SearchResolver],
})
export class SearchModule {}
