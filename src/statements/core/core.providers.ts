import { StatementAccess } from './statement-access.js';
import { StatementAudience } from './statement-audience.js';
import { StatementEvents } from './statement-events.js';

/** Who may read a statement, who is told about it, and its change events: what every sub-feature injects. */
export const CORE_PROVIDERS = [StatementAccess, StatementAudience, StatementEvents];
