import { type Answer, type GraphqlClient } from './http.js';

/** What every virtual user reads and answers on: the meeting, and the statement version the clerk circulated last. */
export interface World {
  meetingId: string;
  statementId: string;
  /** The latest circulated version and its circulation: positions and acknowledgments go there. */
  versionId: string;
  circulationId: string;
}

export interface ItemState {
  id: string;
  status: 'OPEN' | 'IN_PROGRESS' | 'BLOCKED' | 'DONE';
  moves: number;
}

/** A signed-in user of the bench: one request at a time, so the state of its own action items is known here. */
export interface VirtualUser {
  email: string;
  token: string;
  delegationId: string;
  items: ItemState[];
  turn: number;
}

export interface Operation {
  name: string;
  kind: 'read' | 'write';
  weight: number;
  run(client: GraphqlClient, u: VirtualUser, w: World): Promise<Answer>;
}

const INBOX = `query Inbox { notifications(first: 20) { totalCount pageInfo { hasNextPage endCursor }
  edges { node { id kind subject body createdAt readAt entity { type id } } } } }`;

const MY_ITEMS = `query MyActionItems { myActionItems(first: 20) { totalCount pageInfo { hasNextPage endCursor }
  edges { node { id reference title status priority dueAt overdue version ownerDelegation { code name } assignee { id name } } } } }`;

const STATEMENT = `query Statement($id: ID!) { statement(id: $id) { id reference title status classification
  currentVersion { id number label paragraphs { key kind text } }
  positions { stance reason recordedAt current delegation { code name } recordedBy { name } } } }`;

/** The nested read of `npm run bench`. */
const MEETING = `query NestedRead($id: ID!) { meeting(id: $id) { id title status startsAt endsAt timezone location
  agenda { position title kind outcome leadDelegation { code name } }
  participants { rsvp respondedAt delegation { code name kind } }
  outcomeOfProceedings { revision text createdAt } } }`;

const RECORD_POSITION = `mutation RecordPosition($i: RecordPositionInput!) { recordPosition(input: $i) { id stance current recordedAt } }`;
const ACKNOWLEDGE = `mutation Acknowledge($i: AcknowledgeCirculationInput!) { acknowledgeCirculation(input: $i) { id status acknowledgedAt } }`;
const SET_STATUS = `mutation SetStatus($i: SetActionItemStatusInput!) { setActionItemStatus(input: $i) { id status version updatedAt } }`;

/** Stances in turn; the reservations carry their reason. No OBJECTION: it is a refusal-prone path (silence) the bench leaves alone. */
const STANCES = [
  { stance: 'SUPPORT' },
  { stance: 'SCRUTINY_RESERVATION', reason: 'Parliamentary scrutiny reservation pending the committee meeting of tomorrow morning.' },
  { stance: 'ABSTAIN' },
  { stance: 'RESERVATION', reason: 'Reservation on paragraph 12 until the capital confirms the wording on data retention.' },
];

/** Each item's next status in a loop that every transition allows: OPEN → IN_PROGRESS → DONE/BLOCKED → IN_PROGRESS → … */
function nextStatus(item: ItemState): ItemState['status'] {
  if (item.status === 'IN_PROGRESS') return item.moves % 4 === 1 ? 'BLOCKED' : 'DONE';
  return 'IN_PROGRESS';
}

export const OPERATIONS: Operation[] = [
  { name: 'inbox (notifications)', kind: 'read', weight: 25, run: (c, u) => c.send(INBOX, {}, u.token) },
  { name: 'my action items', kind: 'read', weight: 20, run: (c, u) => c.send(MY_ITEMS, {}, u.token) },
  { name: 'statement, 40 ¶ + positions', kind: 'read', weight: 20, run: (c, u, w) => c.send(STATEMENT, { id: w.statementId }, u.token) },
  { name: 'meeting (nested read)', kind: 'read', weight: 20, run: (c, u, w) => c.send(MEETING, { id: w.meetingId }, u.token) },
  {
    name: 'record position',
    kind: 'write',
    weight: 6,
    run: (c, u, w) =>
      c.send(
        RECORD_POSITION,
        { i: { statementId: w.statementId, versionId: w.versionId, delegationId: u.delegationId, ...STANCES[u.turn++ % STANCES.length] } },
        u.token,
      ),
  },
  {
    name: 'acknowledge circulation',
    kind: 'write',
    weight: 5,
    run: (c, u, w) => c.send(ACKNOWLEDGE, { i: { circulationId: w.circulationId, delegationId: u.delegationId } }, u.token),
  },
  {
    name: 'action item status + note',
    kind: 'write',
    weight: 4,
    run: async (c, u) => {
      const item = u.items[u.turn++ % u.items.length];
      const status = nextStatus(item);
      const a = await c.send(
        SET_STATUS,
        { i: { actionItemId: item.id, status, note: `${item.status} → ${status}: checked with the capital before the ministerial` } },
        u.token,
      );
      if (!a.error) {
        item.status = status;
        item.moves++;
      }
      return a;
    },
  },
];

const TOTAL_WEIGHT = OPERATIONS.reduce((s, o) => s + o.weight, 0);

/** An operation drawn by weight. */
export function pick(random = Math.random()): Operation {
  let r = random * TOTAL_WEIGHT;
  for (const op of OPERATIONS) if ((r -= op.weight) < 0) return op;
  return OPERATIONS[OPERATIONS.length - 1];
}
