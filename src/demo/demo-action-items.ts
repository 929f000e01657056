import { type EntityManager } from 'typeorm';
import { formatReference } from '../action-items/action-item-reference.js';
import { ActionItemPriority, ActionItemStatus, ActionItemUpdateKind } from '../action-items/action-item.enums.js';
import { ActionItemReferenceCounterEntity } from '../action-items/action-item-reference.entity.js';
import { type UserEntity } from '../auth/user.entity.js';
import { type DelegationEntity } from '../delegations/delegation.entity.js';
import { AgendaItemEntity } from '../meetings/agenda-item.entity.js';
import { MeetingEntity } from '../meetings/meeting.entity.js';
import { STATEMENT_TITLE } from './demo-fixtures.js';

const DAY = 24 * 3600_000;
const MINISTERIAL_DAY = Date.parse('2012-06-21T15:00:00Z');

/**
 * Follow-up of the 21 June 2012 Ministerial, per goal of the joint statement: what the
 * Commission, the US, Denmark, Cyprus and some member states took on. Due dates are in 2012-13
 * (done, blocked or long overdue) and, for the review at the next Ministerial, relative to today,
 * so the dashboard always has something due soon. `due` is days after the Ministerial, or
 * `{ fromToday }` days from now.
 */
const ITEMS: {
  owner: string;
  title: string;
  description: string;
  due: number | { fromToday: number };
  status: ActionItemStatus;
  priority?: ActionItemPriority;
  assignee?: string;
  note?: string;
  /** The goal paragraph of the statement whose commitment the item serves. */
  goal?: string;
}[] = [
  {
    owner: 'COM',
    title: 'Launch the Global Alliance and invite partner countries to join',
    description: 'Goal 0: invitation to partners worldwide (statement press reference 12-784).',
    due: 30,
    status: ActionItemStatus.DONE,
    priority: ActionItemPriority.HIGH,
    note: 'Invitation letters sent to 48 countries.',
  },
  {
    owner: 'US',
    title: 'Designate a US point of contact for victim identification',
    goal: 'g1',
    description: 'Goal 1: identify and protect victims.',
    due: 60,
    status: ActionItemStatus.DONE,
    assignee: 'delegate.us@concordia.test',
    note: 'DHS/ICE Cyber Crimes Center designated.',
  },
  {
    owner: 'DK',
    title: 'Connect the Danish police to the Interpol ICSE database',
    goal: 'g1',
    description: 'Goal 1: increase the number of identified victims.',
    due: 120,
    status: ActionItemStatus.DONE,
    assignee: 'delegate.dk@concordia.test',
    note: 'Connected; first matches reported.',
  },
  {
    owner: 'CY',
    title: 'Put the Global Alliance on the agenda of the Cyprus Presidency JHA Council',
    description: 'Incoming presidency: report on progress at the December 2012 Council.',
    due: 150,
    status: ActionItemStatus.DONE,
    priority: ActionItemPriority.HIGH,
  },
  {
    owner: 'COM',
    title: 'Propose common reporting indicators per goal',
    description: 'Goals 1-4: indicators for the implementation report reviewed at the next Ministerial.',
    due: 90,
    status: ActionItemStatus.IN_PROGRESS,
    priority: ActionItemPriority.HIGH,
  },
  {
    owner: 'DE',
    title: 'Ratify the Lanzarote Convention',
    goal: 'g3',
    description: 'Goal 3: investigate and prosecute offenders.',
    due: 180,
    status: ActionItemStatus.BLOCKED,
    note: 'Waiting for the Bundestag to schedule the ratification law.',
  },
  {
    owner: 'FR',
    title: 'Notice-and-takedown agreement with hosting providers',
    goal: 'g2',
    description: 'Goal 2: reduce the availability of child sexual abuse material online.',
    due: 150,
    status: ActionItemStatus.OPEN,
  },
  {
    owner: 'NL',
    title: 'National awareness campaign on self-produced images',
    goal: 'g4',
    description: 'Goal 4: raise public awareness, including of the risks of self-produced images.',
    due: 200,
    status: ActionItemStatus.IN_PROGRESS,
  },
  {
    owner: 'US',
    title: 'Share prosecution statistics for the implementation report',
    goal: 'g3',
    description: 'Goal 3: figures per year since 2010.',
    due: { fromToday: 5 },
    status: ActionItemStatus.IN_PROGRESS,
    assignee: 'delegate.us@concordia.test',
  },
  {
    owner: 'DK',
    title: 'Draft the Danish contribution to the implementation report',
    description: 'All four goals; to the Commission before the review.',
    due: { fromToday: 12 },
    status: ActionItemStatus.OPEN,
    assignee: 'delegate.dk@concordia.test',
  },
  {
    owner: 'SE',
    title: 'Report on victim support services',
    goal: 'g1',
    description: 'Goal 1: protection and assistance for identified victims.',
    due: { fromToday: 3 },
    status: ActionItemStatus.OPEN,
    priority: ActionItemPriority.LOW,
  },
  {
    owner: 'CY',
    title: 'Collect endorsements from partner countries in the region',
    description: 'Goal 0: partners joining the Global Alliance.',
    due: { fromToday: 40 },
    status: ActionItemStatus.OPEN,
  },
];

/** Loads the items once (found by their first reference); returns how many rows it created. */
export async function loadDemoActionItems(em: EntityManager, delegations: Map<string, DelegationEntity>, users: Map<string, UserEntity>): Promise<number> {
  if (await em.query(`SELECT 1 FROM action_items WHERE reference = $1`, [formatReference(2012, 1)]).then((r: unknown[]) => r.length > 0)) return 0;
  const meeting = await em.findOneBy(MeetingEntity, { title: 'EU-US Justice and Home Affairs Ministerial Meeting' });
  const agendaItem = meeting ? await em.findOneBy(AgendaItemEntity, { meetingId: meeting.id, title: `Joint statement: ${STATEMENT_TITLE}` }) : null;
  const organizer = users.get('organizer@concordia.test')!;
  const commitments = new Map<string, string>(
    (
      await em.query<{ paragraph_key: string; id: string }[]>(
        `SELECT c.paragraph_key, c.id FROM statement_commitments c JOIN statements s ON s.id = c.statement_id WHERE s.title = $1`,
        [STATEMENT_TITLE],
      )
    ).map((r) => [r.paragraph_key, r.id]),
  );
  const createdAt = new Date(MINISTERIAL_DAY + DAY);
  let n = 0;
  for (const item of ITEMS) {
    n++;
    const dueAt = typeof item.due === 'number' ? new Date(MINISTERIAL_DAY + item.due * DAY) : new Date(Date.now() + item.due.fromToday * DAY);
    const done = item.status === ActionItemStatus.DONE;
    const changedAt = done ? new Date(dueAt.getTime() - 5 * DAY) : new Date(createdAt.getTime() + 20 * DAY);
    const [{ id }] = await em.query<{ id: string }[]>(
      `INSERT INTO action_items (reference, title, description, status, priority, due_at, owner_delegation_id, assignee_id, created_by_id, meeting_id, agenda_item_id, completed_at, version, created_at, updated_at, commitment_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
      [
        formatReference(2012, n),
        item.title,
        item.description,
        item.status,
        item.priority ?? ActionItemPriority.NORMAL,
        dueAt,
        delegations.get(item.owner)!.id,
        item.assignee ? users.get(item.assignee)!.id : null,
        organizer.id,
        meeting?.id ?? null,
        agendaItem?.id ?? null,
        done ? changedAt : null,
        item.status === ActionItemStatus.OPEN ? 1 : 2,
        createdAt,
        item.status === ActionItemStatus.OPEN ? createdAt : changedAt,
        (item.goal && commitments.get(item.goal)) ?? null,
      ],
    );
    await em.query(`INSERT INTO action_item_updates (action_item_id, author_id, kind, text, created_at) VALUES ($1, $2, $3, $4, $5)`, [
      id,
      organizer.id,
      ActionItemUpdateKind.CREATED,
      `Created ${formatReference(2012, n)}: ${item.title}`,
      createdAt,
    ]);
    if (item.status !== ActionItemStatus.OPEN) {
      await em.query(`INSERT INTO action_item_updates (action_item_id, author_id, kind, text, changes, created_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
        id,
        item.assignee ? users.get(item.assignee)!.id : organizer.id,
        ActionItemUpdateKind.STATUS,
        item.note ? `OPEN → ${item.status}: ${item.note}` : `OPEN → ${item.status}`,
        { status: { before: ActionItemStatus.OPEN, after: item.status } },
        changedAt,
      ]);
    }
  }
  await em.upsert(ActionItemReferenceCounterEntity, { year: 2012, last: n }, ['year']);
  return ITEMS.length;
}
