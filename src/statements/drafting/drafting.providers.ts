import { AgendaItemStatementsResolver, StatementsResolver } from './statements.resolver.js';
import { StatementsService } from './statements.service.js';

export const DRAFTING_PROVIDERS = [StatementsService, StatementsResolver, AgendaItemStatementsResolver];
