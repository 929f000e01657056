import { type EntityManager } from 'typeorm';
import { createCommitmentsForAdoption } from '../statements/adoption/commitments/commitments-for-adoption.js';
import { type UserEntity } from '../auth/user.entity.js';
import { type BodyEntity } from '../delegations/body.entity.js';
import { type DelegationEntity } from '../delegations/delegation.entity.js';
import { AgendaItemEntity } from '../meetings/agenda-item.entity.js';
import { MeetingEntity } from '../meetings/meeting.entity.js';
import { AmendmentEntity } from '../statements/core/amendment.entity.js';
import { CirculationEntity, CirculationRecipientEntity } from '../statements/core/circulation.entity.js';
import { EndorsementEntity } from '../statements/publication/endorsement.entity.js';
import { applyAmendments, contentHash } from '../statements/core/paragraphs.js';
import { PositionEntity } from '../statements/core/position.entity.js';
import { StatementTranslationEntity } from '../statements/texts/statement-translation.entity.js';
import { StatementVersionEntity } from '../statements/core/statement-version.entity.js';
import {
  AdoptionMethod,
  AmendmentAction,
  AmendmentStatus,
  CirculationPurpose,
  CirculationStatus,
  RecipientStatus,
  Stance,
  StatementClassification,
  StatementStatus,
} from '../statements/core/statement.enums.js';
import { StatementEntity } from '../statements/core/statement.entity.js';
import { allocateReferenceNumber } from '../statements/drafting/statements.service.js';
import { formatReference } from '../statements/core/statement-reference.js';
import { DEMO_PARTNERS, GLOBAL_ALLIANCE_LAUNCH, MINISTERIAL, STATEMENT_TITLE } from './demo-fixtures.js';
import { FRENCH_TITLE, FRENCH_V2, GLOBAL_ALLIANCE_V1, US_AMENDMENT_G3 } from './demo-statement-texts.js';

const at = (iso: string) => new Date(iso);

/** The silence deadline, midnight at the eve of the Ministerial in Copenhagen: adopted then, published at the meeting. */
export const ADOPTED_AT = '2012-06-20T22:00:00Z';
export const PUBLISHED_AT = '2012-06-21T16:00:00Z';
export const PRESS_REFERENCE = '12-784';

/**
 * The Global Alliance joint statement as circulated in June 2012: version 1 out for comments to the
 * delegations of the Ministerial, acknowledgments and positions (a scrutiny reservation among them),
 * the US amendment to goal 3, version 2 taking it in under the silence procedure until the eve of the
 * Ministerial; nobody objected, so it was adopted at the deadline (21 June 2012, 00:00 in Copenhagen),
 * published at the Ministerial as press reference 12-784, and endorsed by
 * partner countries at the launch of the Global Alliance. Returns the rows created (0 when it is there
 * already).
 */
export async function loadDemoStatement(
  em: EntityManager,
  bodies: Map<string, BodyEntity>,
  delegations: Map<string, DelegationEntity>,
  users: Map<string, UserEntity>,
): Promise<number> {
  const body = bodies.get(MINISTERIAL)!;
  if (await em.existsBy(StatementEntity, { bodyId: body.id, title: STATEMENT_TITLE })) return 0;
  const meeting = await em.findOneBy(MeetingEntity, { bodyId: body.id, title: 'EU-US Justice and Home Affairs Ministerial Meeting' });
  const item = meeting ? await em.findOne(AgendaItemEntity, { where: { meetingId: meeting.id, title: `Joint statement: ${STATEMENT_TITLE}` } }) : null;
  const clerk = users.get('clerk@concordia.test')!;
  const userOf = (code: string) => [...users.values()].find((u) => u.email === `delegate.${code.toLowerCase()}@concordia.test`) ?? null;
  const id = (code: string) => delegations.get(code)!.id;
  const members = (await em.query<{ delegation_id: string }[]>('SELECT delegation_id FROM body_members WHERE body_id = $1', [body.id])).map(
    (r) => r.delegation_id,
  );

  const number = await allocateReferenceNumber(em, 'JHA', 2012);
  const statement = await em.save(
    em.create(StatementEntity, {
      reference: formatReference('JHA', 2012, number),
      referenceYear: 2012,
      referenceNumber: number,
      bodyId: body.id,
      meetingId: meeting?.id ?? null,
      agendaItemId: item?.id ?? null,
      title: STATEMENT_TITLE,
      classification: StatementClassification.LIMITE,
      status: StatementStatus.CIRCULATED,
      language: 'en',
      paragraphSeq: 1,
      createdById: clerk.id,
      createdAt: at('2012-06-01T09:00:00Z'),
    }),
  );
  const v1 = await em.save(
    em.create(StatementVersionEntity, {
      statementId: statement.id,
      number: 1,
      paragraphs: GLOBAL_ALLIANCE_V1,
      contentHash: contentHash(GLOBAL_ALLIANCE_V1),
      authorId: clerk.id,
      createdAt: at('2012-06-01T09:00:00Z'),
    }),
  );

  // Version 1 for comments, answered by 11 June.
  const c1 = await circulateDemo(em, statement, v1, members, CirculationPurpose.COMMENTS, '2012-06-04T10:00:00Z', '2012-06-11T16:00:00Z', clerk);
  await acknowledge(em, c1, id('DK'), userOf('DK'), '2012-06-04T13:20:00Z');
  await acknowledge(em, c1, id('US'), userOf('US'), '2012-06-04T15:05:00Z');
  await acknowledge(em, c1, id('COM'), null, '2012-06-05T08:40:00Z');
  await acknowledge(em, c1, id('DE'), null, '2012-06-05T11:00:00Z');
  await acknowledge(em, c1, id('CY'), null, '2012-06-06T09:15:00Z');
  await position(em, statement, v1, id('DK'), Stance.SUPPORT, null, userOf('DK'), '2012-06-05T09:00:00Z');
  await position(em, statement, v1, id('COM'), Stance.SUPPORT, null, null, '2012-06-06T10:00:00Z');
  await position(
    em,
    statement,
    v1,
    id('DE'),
    Stance.SCRUTINY_RESERVATION,
    'Parliamentary scrutiny reservation pending consultation of the Bundestag.',
    null,
    '2012-06-08T14:00:00Z',
  );
  await position(
    em,
    statement,
    v1,
    id('US'),
    Stance.RESERVATION,
    'Goal 3 should cover convictions and law-enforcement cooperation; see our amendment.',
    userOf('US'),
    '2012-06-07T18:00:00Z',
  );
  const amendment = await em.save(
    em.create(AmendmentEntity, {
      statementId: statement.id,
      versionId: v1.id,
      delegationId: id('US'),
      paragraphKey: 'g3',
      action: AmendmentAction.REPLACE,
      text: US_AMENDMENT_G3,
      rationale: 'Prosecution alone is not the aim: offenders must be convicted, and that takes cooperation between our law-enforcement authorities.',
      status: AmendmentStatus.ACCEPTED,
      proposedById: userOf('US')?.id ?? null,
      decidedById: clerk.id,
      decidedAt: at('2012-06-12T10:00:00Z'),
      decisionReason: 'Agreed with the Presidency and the Commission.',
      createdAt: at('2012-06-07T17:45:00Z'),
    }),
  );

  // Version 2 takes the amendment in and goes out again.
  const { paragraphs } = applyAmendments(GLOBAL_ALLIANCE_V1, [amendment], 1);
  const v2 = await em.save(
    em.create(StatementVersionEntity, {
      statementId: statement.id,
      number: 2,
      paragraphs,
      contentHash: contentHash(paragraphs),
      baseVersionId: v1.id,
      authorId: clerk.id,
      createdAt: at('2012-06-13T09:00:00Z'),
    }),
  );
  await em.update(AmendmentEntity, { id: amendment.id }, { appliedInVersionId: v2.id });
  await em.update(StatementEntity, { id: statement.id }, { currentVersionId: v2.id });
  // Version 2 under the silence procedure until midnight before the Ministerial (Copenhagen time).
  const c2 = await circulateDemo(em, statement, v2, members, CirculationPurpose.SILENCE, '2012-06-13T10:00:00Z', ADOPTED_AT, clerk);
  for (const [code, ackAt] of [
    ['DK', '2012-06-13T11:00:00Z'],
    ['US', '2012-06-13T14:30:00Z'],
    ['COM', '2012-06-13T12:10:00Z'],
    ['DE', '2012-06-14T09:00:00Z'],
    ['CY', '2012-06-14T10:30:00Z'],
    ['FR', '2012-06-20T08:00:00Z'],
  ] as const) {
    await acknowledge(em, c2, id(code), userOf(code), ackAt);
  }
  await position(em, statement, v2, id('DK'), Stance.SUPPORT, null, userOf('DK'), '2012-06-13T11:05:00Z');
  await position(em, statement, v2, id('US'), Stance.SUPPORT, null, userOf('US'), '2012-06-13T14:35:00Z');
  await position(em, statement, v2, id('COM'), Stance.SUPPORT, null, null, '2012-06-13T12:15:00Z');
  await position(
    em,
    statement,
    v2,
    id('DE'),
    Stance.SCRUTINY_RESERVATION,
    'Scrutiny reservation maintained until the Bundestag committee meets on 18 June.',
    null,
    '2012-06-14T09:10:00Z',
  );
  await position(em, statement, v2, id('DE'), Stance.SUPPORT, null, null, '2012-06-18T15:00:00Z');
  await position(em, statement, v2, id('CY'), Stance.ABSTAIN, null, null, '2012-06-14T10:35:00Z');

  // Nobody broke silence: adopted at the deadline (the start of 21 June in Copenhagen), published
  // at the Ministerial the same day with press release 12-784.
  await em.update(
    StatementEntity,
    { id: statement.id },
    {
      status: StatementStatus.PUBLISHED,
      silenceDeadline: at(ADOPTED_AT),
      adoptedVersionId: v2.id,
      adoptedAt: at(ADOPTED_AT),
      adoptionMethod: AdoptionMethod.SILENCE,
      publishedAt: at(PUBLISHED_AT),
      pressReference: PRESS_REFERENCE,
    },
  );
  // The French version of the adopted text, published with it.
  const french = paragraphs.map((p) => ({ ...p, text: FRENCH_V2[p.key] }));
  await em.insert(StatementTranslationEntity, {
    statementId: statement.id,
    versionId: v2.id,
    language: 'fr',
    title: FRENCH_TITLE,
    paragraphs: french,
    contentHash: contentHash(french),
    createdById: clerk.id,
    createdAt: at('2012-06-19T15:00:00Z'),
  });
  // Its four goals become the commitments the delegations follow up (as adoption does).
  await createCommitmentsForAdoption({ em }, statement, v2);
  // Partners worldwide join at the launch of the Global Alliance in Brussels.
  await em.insert(
    EndorsementEntity,
    DEMO_PARTNERS.map((p) => ({ statementId: statement.id, delegationId: id(p.code), endorsedAt: at(GLOBAL_ALLIANCE_LAUNCH), endorsedById: null })),
  );
  return 1;
}

async function circulateDemo(
  em: EntityManager,
  statement: StatementEntity,
  version: StatementVersionEntity,
  delegationIds: string[],
  purpose: CirculationPurpose,
  sentAt: string,
  deadline: string,
  clerk: UserEntity,
): Promise<CirculationEntity> {
  const circulation = await em.save(
    em.create(CirculationEntity, {
      statementId: statement.id,
      versionId: version.id,
      purpose,
      deadline: at(deadline),
      status: CirculationStatus.CLOSED,
      closedAt: at(deadline),
      createdById: clerk.id,
      createdAt: at(sentAt),
    }),
  );
  const deliveredAt = new Date(at(sentAt).getTime() + 60_000);
  await em.insert(
    CirculationRecipientEntity,
    delegationIds.map((delegationId) => ({
      circulationId: circulation.id,
      delegationId,
      status: RecipientStatus.DELIVERED,
      deliveredAt,
      createdAt: at(sentAt),
    })),
  );
  return circulation;
}

async function acknowledge(em: EntityManager, c: CirculationEntity, delegationId: string, user: UserEntity | null, when: string): Promise<void> {
  await em.update(
    CirculationRecipientEntity,
    { circulationId: c.id, delegationId },
    { status: RecipientStatus.ACKNOWLEDGED, acknowledgedAt: at(when), acknowledgedById: user?.id ?? null },
  );
}

async function position(
  em: EntityManager,
  statement: StatementEntity,
  version: StatementVersionEntity,
  delegationId: string,
  stance: Stance,
  reason: string | null,
  user: UserEntity | null,
  when: string,
): Promise<void> {
  await em.update(PositionEntity, { versionId: version.id, delegationId, current: true }, { current: false });
  await em.insert(PositionEntity, {
    statementId: statement.id,
    versionId: version.id,
    delegationId,
    stance,
    reason,
    current: true,
    recordedById: user?.id ?? null,
    recordedAt: at(when),
  });
}
