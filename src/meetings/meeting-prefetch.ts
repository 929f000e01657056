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

interface Asked {
  agenda: boolean;
  participants: boolean;
  outcome: boolean;
  leads: boolean;
  delegations: boolean;
}
type Readers = Record<'agenda' | 'participants' | 'minutes' | 'delegations', RawReader>;
type Json = Record<string, unknown>;

/** By the agenda's reader (one per data source's metadata): the columns of each combination of lists, built once. */
const built = new WeakMap<RawReader, Map<number, readonly string[]>>();

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
  const [agendaR, participantsR, minutesR, delegationsR] = [
    reader(AgendaItemEntity),
    reader(MeetingInvitationEntity),
    reader(MinutesRevisionEntity),
    reader(DelegationEntity),
  ];
  if (!agendaR || !participantsR || !minutesR || !delegationsR) return null;
  const readers: Readers = { agenda: agendaR, participants: participantsR, minutes: minutesR, delegations: delegationsR };
  const agenda = selectionOf(info, 'agenda');
  const participants = selectionOf(info, 'participants');
  const asked: Asked = {
    agenda: agenda.fieldNodes.length > 0,
    participants: participants.fieldNodes.length > 0,
    outcome: selects(info, 'outcomeOfProceedings'),
    leads: agenda.fieldNodes.length > 0 && selects(agenda, 'leadDelegation'),
    delegations: participants.fieldNodes.length > 0 && selects(participants, 'delegation'),
  };
  const key = Object.values(asked).reduce((k: number, on, i) => k | (Number(on) << i), 0);
  let statements = built.get(agendaR);
  if (!statements) built.set(agendaR, (statements = new Map<number, readonly string[]>()));
  let columns = statements.get(key);
  if (!columns) statements.set(key, (columns = childColumns(asked, readers)));
  if (columns.length === 0) return null;
  return { columns, prime: (row) => prime(row, loaders, readers) };
}

function childColumns(asked: Asked, r: Readers): readonly string[] {
  const columns: string[] = [];
  if (asked.agenda) {
    columns.push(`(SELECT coalesce(json_agg(${r.agenda.jsonObject('a', AgendaItem.columns)} ORDER BY a.position), '[]')
      FROM agenda_items a WHERE a.meeting_id = m.id) AS ${AGENDA}`);
  }
  if (asked.participants) {
    columns.push(`(SELECT coalesce(json_agg(${r.participants.jsonObject('i', MeetingParticipant.columns)} ORDER BY i.created_at), '[]')
      FROM meeting_invitations i WHERE i.meeting_id = m.id) AS ${PARTICIPANTS}`);
  }
  if (asked.outcome) {
    columns.push(`(SELECT ${r.minutes.jsonObject('r')} FROM meeting_minutes_revisions r
      WHERE r.meeting_id = m.id ORDER BY r.revision DESC LIMIT 1) AS ${OUTCOME}`);
  }
  if (asked.leads || asked.delegations) {
    const referenced = [
      ...(asked.leads ? ['SELECT lead_delegation_id FROM agenda_items WHERE meeting_id = m.id'] : []),
      ...(asked.delegations ? ['SELECT delegation_id FROM meeting_invitations WHERE meeting_id = m.id'] : []),
    ];
    columns.push(`(SELECT coalesce(json_agg(${r.delegations.jsonObject('d')}), '[]')
      FROM delegations d WHERE d.id IN (${referenced.join(' UNION ')})) AS ${DELEGATIONS}`);
  }
  return columns;
}

/** Hands the lists to the loaders the field resolvers read them with, and takes them off the meeting's row. */
function prime(row: ObjectLiteral & { id: string }, loaders: Loaders, r: Readers): void {
  const take = <T>(key: string): T => {
    const value = row[key] as T;
    delete row[key];
    return value;
  };
  if (AGENDA in row)
    agendaLoader(loaders).prime(
      row.id,
      take<Json[]>(AGENDA).map((j) => r.agenda.fromJson(j)),
    );
  if (PARTICIPANTS in row)
    participantsLoader(loaders).prime(
      row.id,
      take<Json[]>(PARTICIPANTS).map((j) => r.participants.fromJson(j)),
    );
  if (OUTCOME in row) {
    const latest = take<Json | null>(OUTCOME);
    latestMinutesLoader(loaders).prime(row.id, latest ? r.minutes.fromJson<MinutesRevisionEntity>(latest) : null);
  }
  if (DELEGATIONS in row)
    loaders.primeById(
      DelegationEntity,
      take<Json[]>(DELEGATIONS).map((j) => r.delegations.fromJson<DelegationEntity>(j)),
    );
}
