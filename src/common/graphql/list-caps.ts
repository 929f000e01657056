import { type EntityManager } from 'typeorm';
import { AppError } from '../errors/app-error.js';

/**
 * The declared maximum length of every list field that has no page size (`first`). The cost
 * estimator (query-limits.ts) charges each such field its maximum, so what the cost model assumes
 * is what the server can return; `list-caps.spec.ts` fails when the schema gains an unpaged list
 * that is missing here. How each maximum holds:
 *  - `refuse`: a write that would make the list longer fails with CONFLICT naming the limit, and
 *    nothing is written (`enforceListCap`), so a read never drops anything;
 *  - `newest`: append-only histories, where refusing the write would be wrong: the field returns
 *    the newest `max` entries (documented on the field);
 *  - `earliest`: derived lists nobody writes (conflicts): the field returns the first `max` in its order;
 *  - `bounded`: the length cannot exceed `max` by construction (an enum's size, an input's
 *    `@ArrayMaxSize`, or another capped list it returns).
 */
export type ListCap =
  { max: number; holds: 'refuse'; what: string; table: string; by?: string } | { max: number; holds: 'newest' | 'earliest' | 'bounded'; what: string };

/** Named maxima, for the places that enforce or document them. */
export const ListMax = {
  AGENDA_ITEMS_PER_MEETING: 50,
  DELEGATIONS_INVITED_PER_MEETING: 80,
  ACCREDITATIONS_PER_INVITATION: 20,
  CONFLICTS_PER_MEETING: 20,
  MINUTES_REVISIONS_SHOWN: 50,
  ACTION_ITEMS_PER_MEETING: 200,
  ACTION_ITEM_HISTORY_SHOWN: 50,
  CHILD_BODIES_PER_BODY: 50,
  MEMBER_DELEGATIONS_PER_BODY: 80,
  MEMBERS_PER_DELEGATION: 100,
  DELEGATIONS_PER_USER: 20,
  /** All delegations: the follow-up summary has one row per owner delegation. */
  DELEGATIONS: 300,
  /** `createActionItems` input size (MAX_BULK_ITEMS in action-item.inputs.ts). */
  BULK_ACTION_ITEMS: 500,
  /** Sizes of the NotificationKind and NotificationChannel enums, with room to grow. */
  NOTIFICATION_KINDS: 30,
  NOTIFICATION_CHANNELS: 5,
  STATEMENTS_PER_AGENDA_ITEM: 10,
  VERSIONS_PER_STATEMENT: 30,
  /** Paragraphs of one version (MAX_PARAGRAPHS in statement.inputs.ts, also after amendments are applied). */
  PARAGRAPHS_PER_VERSION: 100,
  CIRCULATIONS_PER_STATEMENT: 20,
  /** Named recipients of one circulation (input size); by default the body's members, at most 80. */
  RECIPIENTS_PER_CIRCULATION: 100,
  AMENDMENTS_PER_STATEMENT: 200,
  /** `applyAmendmentIds` input size. */
  AMENDMENTS_APPLIED_PER_VERSION: 50,
  POSITIONS_SHOWN: 200,
  WORD_CHANGES_SHOWN: 40,
  /** Language versions of one version: the 24 official EU languages and a few partners'. */
  TRANSLATIONS_PER_VERSION: 40,
  /** Goals of one statement shown (a statement's GOAL paragraphs; a handful in practice). */
  COMMITMENTS_SHOWN: 12,
  /** Delegations in one goal's implementation report (the body's members, at most 80, and endorsers). */
  DELEGATIONS_PER_COMMITMENT: 100,
  /** Action items of one goal listed on it; all of them through actionItems(filter: { commitmentId }). */
  ACTION_ITEMS_SHOWN_PER_COMMITMENT: 100,
} as const;

/** Keyed `Type.field` as in schema.gql. */
export const LIST_CAPS: Readonly<Record<string, ListCap>> = {
  'Meeting.agenda': { max: ListMax.AGENDA_ITEMS_PER_MEETING, holds: 'refuse', what: 'agenda items per meeting', table: 'agenda_items', by: 'meeting_id' },
  'Meeting.participants': {
    max: ListMax.DELEGATIONS_INVITED_PER_MEETING,
    holds: 'refuse',
    what: 'invited delegations per meeting',
    table: 'meeting_invitations',
    by: 'meeting_id',
  },
  'MeetingParticipant.accredited': {
    max: ListMax.ACCREDITATIONS_PER_INVITATION,
    holds: 'refuse',
    what: 'accredited people per delegation and meeting',
    table: 'meeting_accreditations',
    by: 'invitation_id',
  },
  'Meeting.conflicts': { max: ListMax.CONFLICTS_PER_MEETING, holds: 'earliest', what: 'conflicting meetings shown' },
  'Meeting.outcomeOfProceedingsHistory': { max: ListMax.MINUTES_REVISIONS_SHOWN, holds: 'newest', what: 'minutes revisions shown' },
  'Meeting.actionItems': { max: ListMax.ACTION_ITEMS_PER_MEETING, holds: 'refuse', what: 'action items per meeting', table: 'action_items', by: 'meeting_id' },
  // An item of an agenda item always has that item's meeting (ActionItemsService.createIn).
  'AgendaItem.actionItems': { max: ListMax.ACTION_ITEMS_PER_MEETING, holds: 'bounded', what: 'a part of the meeting’s action items' },
  'ActionItem.history': { max: ListMax.ACTION_ITEM_HISTORY_SHOWN, holds: 'newest', what: 'action item updates shown' },
  'Body.children': { max: ListMax.CHILD_BODIES_PER_BODY, holds: 'refuse', what: 'bodies under one body', table: 'bodies', by: 'parent_id' },
  'Body.members': { max: ListMax.MEMBER_DELEGATIONS_PER_BODY, holds: 'refuse', what: 'member delegations per body', table: 'body_members', by: 'body_id' },
  'Delegation.members': {
    max: ListMax.MEMBERS_PER_DELEGATION,
    holds: 'refuse',
    what: 'members per delegation',
    table: 'delegation_memberships',
    by: 'delegation_id',
  },
  'User.memberships': { max: ListMax.DELEGATIONS_PER_USER, holds: 'refuse', what: 'delegations per user', table: 'delegation_memberships', by: 'user_id' },
  'Query.actionItemSummary': { max: ListMax.DELEGATIONS, holds: 'refuse', what: 'delegations', table: 'delegations' },
  'Query.notificationPreferences': { max: ListMax.NOTIFICATION_KINDS, holds: 'bounded', what: 'one per notification kind' },
  'NotificationPreference.channels': { max: ListMax.NOTIFICATION_CHANNELS, holds: 'bounded', what: 'notification channels' },
  'Mutation.createActionItems': { max: ListMax.BULK_ACTION_ITEMS, holds: 'bounded', what: 'items in one call' },
  'Mutation.inviteDelegations': { max: ListMax.DELEGATIONS_INVITED_PER_MEETING, holds: 'bounded', what: 'the meeting’s participants' },
  'Mutation.recordAttendance': { max: ListMax.DELEGATIONS_INVITED_PER_MEETING, holds: 'bounded', what: 'the meeting’s participants' },
  'Mutation.updateNotificationPreferences': { max: ListMax.NOTIFICATION_KINDS, holds: 'bounded', what: 'one per notification kind' },
  'AgendaItem.statements': {
    max: ListMax.STATEMENTS_PER_AGENDA_ITEM,
    holds: 'refuse',
    what: 'statements per agenda item',
    table: 'statements',
    by: 'agenda_item_id',
  },
  'Statement.versions': {
    max: ListMax.VERSIONS_PER_STATEMENT,
    holds: 'refuse',
    what: 'versions per statement',
    table: 'statement_versions',
    by: 'statement_id',
  },
  'Statement.circulations': {
    max: ListMax.CIRCULATIONS_PER_STATEMENT,
    holds: 'refuse',
    what: 'circulations per statement',
    table: 'circulations',
    by: 'statement_id',
  },
  'Statement.amendments': { max: ListMax.AMENDMENTS_PER_STATEMENT, holds: 'refuse', what: 'amendments per statement', table: 'amendments', by: 'statement_id' },
  'Statement.positions': { max: ListMax.POSITIONS_SHOWN, holds: 'newest', what: 'positions shown' },
  'Statement.adoptionReservations': { max: ListMax.POSITIONS_SHOWN, holds: 'earliest', what: 'reservations listed with the adoption' },
  'Circulation.recipients': { max: ListMax.RECIPIENTS_PER_CIRCULATION, holds: 'bounded', what: 'named recipients, or the body’s members' },
  'Consensus.entries': { max: ListMax.MEMBER_DELEGATIONS_PER_BODY, holds: 'bounded', what: 'one per member delegation of the body' },
  'StatementVersion.paragraphs': { max: ListMax.PARAGRAPHS_PER_VERSION, holds: 'bounded', what: 'paragraphs per version (checked on every write)' },
  // Every change names a paragraph of the older or the newer version.
  'StatementVersion.diff': { max: 2 * ListMax.PARAGRAPHS_PER_VERSION, holds: 'bounded', what: 'changed paragraphs of two versions' },
  'StatementVersion.appliedAmendments': { max: ListMax.AMENDMENTS_APPLIED_PER_VERSION, holds: 'bounded', what: 'the applyAmendmentIds of one revision' },
  'StatementVersion.translations': {
    max: ListMax.TRANSLATIONS_PER_VERSION,
    holds: 'refuse',
    what: 'translations per version',
    table: 'statement_translations',
    by: 'version_id',
  },
  'StatementVersion.text': { max: ListMax.PARAGRAPHS_PER_VERSION, holds: 'bounded', what: 'the version’s paragraphs, in a language' },
  'StatementTranslation.paragraphs': { max: ListMax.PARAGRAPHS_PER_VERSION, holds: 'bounded', what: 'the version’s paragraphs (aligned by key)' },
  // One row per delegation at most (an endorsement is unique per statement and delegation; adopters are distinct recipients).
  'Statement.endorsements': { max: ListMax.DELEGATIONS, holds: 'bounded', what: 'one per delegation' },
  'Statement.signatories': { max: ListMax.DELEGATIONS, holds: 'bounded', what: 'one per delegation' },
  'PublicStatement.signatories': { max: ListMax.DELEGATIONS, holds: 'bounded', what: 'one per delegation' },
  'PublicStatement.endorsements': { max: ListMax.DELEGATIONS, holds: 'bounded', what: 'one per delegation' },
  'PublicStatement.paragraphs': { max: ListMax.PARAGRAPHS_PER_VERSION, holds: 'bounded', what: 'paragraphs of the adopted version' },
  'Statement.commitments': { max: ListMax.COMMITMENTS_SHOWN, holds: 'earliest', what: 'goals shown, in order' },
  'Statement.implementation': { max: ListMax.COMMITMENTS_SHOWN, holds: 'earliest', what: 'goals shown, in order' },
  'GoalImplementation.delegations': { max: ListMax.DELEGATIONS_PER_COMMITMENT, holds: 'earliest', what: 'delegations shown, by code' },
  'Commitment.delegations': { max: ListMax.DELEGATIONS_PER_COMMITMENT, holds: 'earliest', what: 'delegations shown, by code' },
  'Commitment.actionItems': { max: ListMax.ACTION_ITEMS_SHOWN_PER_COMMITMENT, holds: 'earliest', what: 'action items shown, soonest due first' },
  'ParagraphChange.words': { max: ListMax.WORD_CHANGES_SHOWN, holds: 'earliest', what: 'word-level parts shown' },
};

/** The declared maximum of an unpaged list field, or undefined when it has none. */
export const listCapOf = (typeName: string, fieldName: string): number | undefined => LIST_CAPS[`${typeName}.${fieldName}`]?.max;

/**
 * Call inside the write's transaction, after writing: serializes the writers of this owner's list
 * (a transaction-scoped advisory lock), then counts the list with every committed write of the
 * others included (READ COMMITTED: the count is a new statement). Over the maximum, CONFLICT naming
 * the limit: the transaction rolls back and nothing is written.
 */
export async function enforceListCap(em: EntityManager, list: string, ownerId: string | null = null, field?: string): Promise<void> {
  const cap = LIST_CAPS[list];
  if (!cap || cap.holds !== 'refuse') throw new Error(`enforceListCap: ${list} has no refusing cap`);
  await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`list-cap:${list}:${ownerId ?? ''}`]);
  const [{ n }]: { n: number }[] = cap.by
    ? await em.query(`SELECT count(*)::int AS n FROM ${cap.table} WHERE ${cap.by} = $1`, [ownerId])
    : await em.query(`SELECT count(*)::int AS n FROM ${cap.table}`);
  if (n > cap.max) {
    throw new AppError('CONFLICT', `At most ${cap.max} ${cap.what} (limit ${list}); this would make ${n}`, field, { limit: list, max: cap.max, count: n });
  }
}

/** `enforceListCap` for several owners, locked in a fixed order so two writers cannot deadlock. */
export async function enforceListCaps(em: EntityManager, list: string, ownerIds: Iterable<string>, field?: string): Promise<void> {
  for (const id of [...new Set(ownerIds)].sort()) await enforceListCap(em, list, id, field);
}
