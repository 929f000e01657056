import { type GraphQLResolveInfo } from 'graphql';
import { type ObjectLiteral, type EntityTarget } from 'typeorm';
import { type Loaders } from '../common/loaders/loaders.js';
import { rawReader, type RawReader } from '../common/loaders/raw-reader.js';
import { selectionOf, selects } from '../common/loaders/selects.js';
import { DelegationEntity } from '../delegations/delegation.entity.js';
import { AgendaItemEntity } from './agenda-item.entity.js';
import { MeetingInvitationEntity } from './meeting-invitation.entity.js';
import { latestMinutesLoader } from './meeting.loaders.js';
import { AgendaItem, MeetingParticipant } from './meeting.model.js';
import { MinutesRevisionEntity } from './minutes-revision.entity.js';

/** The loaders the Meeting field resolvers read a meeting's lists with: prefetching primes these same ones. */
export const agendaLoader = (loaders: Loaders) => loaders.manyBy(AgendaItemEntity, 'meetingId', { position: 'ASC' }, AgendaItem.columns);
export const participantsLoader = (loaders: Loaders) => loaders.manyBy(MeetingInvitationEntity, 'meetingId', { createdAt: 'ASC' }, MeetingParticipant.columns);

/** What a meeting's own statement reads besides the meeting, and how to hand it to the loaders. */
export interface MeetingChildren {
  /** SQL select expressions on the meeting aliased `m`, each `AS` one of the keys `prime` reads. */
  readonly columns: readonly string[];
  /** Hands what the statement read to the request's loaders; removes those columns from the row. */
  prime(row: ObjectLiteral & { id: string }): void;
}

const AGENDA = '_agenda';
const PARTICIPANTS = '_participants';
const OUTCOME = '_outcome';
const DELEGATIONS = '_delegations';

/**
 * The lists of one meeting that the query asks for, read in the meeting's own statement as JSON
 * (one round trip instead of one per list and one for their delegations): its agenda, its
 * participants, its latest outcome of proceedings, and the delegations they refer to when asked.
 * They are primed into the request's loaders, so the field resolvers run as they always do, with
 * the same checks, and find the rows without SQL. Nothing of it is read for a meeting the viewer
 * may not see: the statement's visibility predicate then returns no row at all. Null when the
 * query asks for none of these (or an entity needs TypeORM's conversions, see raw-reader.ts).
 */
export function meetingChildren(info: GraphQLResolveInfo, loaders: Loaders): MeetingChildren | null {
  const reader = <E extends ObjectLiteral>(e: EntityTarget<E>): RawReader | null => rawReader(loaders.dataSource.getMetadata(e));
  const [agendaR, participantR, minutesR, delegationR] = [
    reader(AgendaItemEntity),
    reader(MeetingInvitationEntity),
    reader(MinutesRevisionEntity),
    reader(DelegationEntity),
  ];
  if (!agendaR || !participantR || !minutesR || !delegationR) return null;
  const agenda = selectionOf(info, 'agenda');
  const participants = selectionOf(info, 'participants');
  const outcome = selects(info, 'outcomeOfProceedings');
  const leads = agenda.fieldNodes.length > 0 && selects(agenda, 'leadDelegation');
  const delegations = participants.fieldNodes.length > 0 && selects(participants, 'delegation');
  const columns: string[] = [];
  if (agenda.fieldNodes.length > 0) {
    columns.push(`(SELECT coalesce(json_agg(${agendaR.jsonObject('a', AgendaItem.columns)} ORDER BY a.position), '[]')
      FROM agenda_items a WHERE a.meeting_id = m.id) AS ${AGENDA}`);
  }
  if (participants.fieldNodes.length > 0) {
    columns.push(`(SELECT coalesce(json_agg(${participantR.jsonObject('i', MeetingParticipant.columns)} ORDER BY i.created_at), '[]')
      FROM meeting_invitations i WHERE i.meeting_id = m.id) AS ${PARTICIPANTS}`);
  }
  if (outcome) {
    columns.push(
      `(SELECT ${minutesR.jsonObject('r')} FROM meeting_minutes_revisions r WHERE r.meeting_id = m.id ORDER BY r.revision DESC LIMIT 1) AS ${OUTCOME}`,
    );
  }
  if (leads || delegations) {
    const referenced = [
      ...(leads ? ['SELECT lead_delegation_id FROM agenda_items WHERE meeting_id = m.id'] : []),
      ...(delegations ? ['SELECT delegation_id FROM meeting_invitations WHERE meeting_id = m.id'] : []),
    ];
    columns.push(`(SELECT coalesce(json_agg(${delegationR.jsonObject('d')}), '[]')
      FROM delegations d WHERE d.id IN (${referenced.join(' UNION ')})) AS ${DELEGATIONS}`);
  }
  if (columns.length === 0) return null;
  type Json = Record<string, unknown>;
  return {
    columns,
    prime(row) {
      const take = (key: string) => {
        const value = row[key] as unknown;
        delete row[key];
        return value;
      };
      if (AGENDA in row)
        agendaLoader(loaders).prime(
          row.id,
          (take(AGENDA) as Json[]).map((j) => agendaR.fromJson(j)),
        );
      if (PARTICIPANTS in row)
        participantsLoader(loaders).prime(
          row.id,
          (take(PARTICIPANTS) as Json[]).map((j) => participantR.fromJson(j)),
        );
      if (OUTCOME in row) {
        const latest = take(OUTCOME) as Json | null;
        latestMinutesLoader(loaders).prime(row.id, latest ? minutesR.fromJson<MinutesRevisionEntity>(latest) : null);
      }
      if (DELEGATIONS in row)
        loaders.primeById(
          DelegationEntity,
          (take(DELEGATIONS) as Json[]).map((j) => delegationR.fromJson<DelegationEntity>(j)),
        );
    },
  };
}
