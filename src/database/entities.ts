import { AUTH_ENTITIES } from '../auth/auth.entities.js';
import { DELEGATION_ENTITIES } from '../delegations/delegations.entities.js';
import { AUDIT_ENTITIES } from '../audit/audit.entities.js';
import { OUTBOX_ENTITIES } from '../outbox/outbox.entities.js';
import { NOTIFICATION_ENTITIES } from '../notifications/notifications.entities.js';
import { MEETING_ENTITIES } from '../meetings/meetings.entities.js';
import { ACTION_ITEM_ENTITIES } from '../action-items/action-items.entities.js';
import { STATEMENT_ENTITIES } from '../statements/statements.entities.js';

/**
 * Every entity: one list per feature (each feature's `*.entities.ts` names its own), collected here
 * once for the app, the worker, the CLI (cli-data-source.ts) and the tests.
 */
export const ENTITIES = [
  ...AUTH_ENTITIES,
  ...DELEGATION_ENTITIES,
  ...AUDIT_ENTITIES,
  ...OUTBOX_ENTITIES,
  ...NOTIFICATION_ENTITIES,
  ...MEETING_ENTITIES,
  ...ACTION_ITEM_ENTITIES,
  ...STATEMENT_ENTITIES,
];
