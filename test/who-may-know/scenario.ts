import { expect } from '@jest/globals';
import { SilenceService } from '../../src/statements/adoption/silence.service.js';
import { launchSilence } from '../support/silence.js';
import { adoptByConsensus, circulate, draft, POSITION, REVISE, WITHDRAW_STATEMENT } from '../support/statements.js';
import { type TestApp, type TestUser } from '../support/test-app.js';
import { type Classification } from './rule.js';

export const PUBLISH = 'mutation($i: PublishStatementInput!) { publishStatement(input: $i) { id status } }';
export const ENDORSE = 'mutation($i: EndorseStatementInput!) { endorseStatement(input: $i) { id } }';

/**
 * The facts of one classification's fixture, each a string found nowhere else, so an exit that
 * names it can be caught in any text (a GraphQL answer, a notice, an e-mail, a webhook, an export).
 */
export const marks = (c: Classification) => ({
  aTitle: `A-title-${c}`,
  aText: `A-text-${c}`,
  aWithdrawn: `A-withdrawn-${c}`,
  aDkReason: `A-dk-reason-${c}`,
  bTitle: `B-title-${c}`,
  bDraft: `B-draft-${c}`,
  bObjection: `B-objection-${c}`,
  bAdopted: `B-adopted-${c}`,
  bDkReservation: `B-dk-res-${c}`,
  bUsReservation: `B-us-res-${c}`,
  cTitle: `C-title-${c}`,
  cDraft: `C-draft-${c}`,
  cObjection: `C-objection-${c}`,
  cAdopted: `C-adopted-${c}`,
});
export type Mark = keyof ReturnType<typeof marks>;

export interface Scenario {
  classification: Classification;
  /** A: circulated to DK only, answered by DK, withdrawn — never published. */
  a: { id: string; versionId: string };
  /** B: silence broken by DK on version 1 (never adopted), version 2 adopted under silence with DK's and US's reservations, published. */
  b: Published;
  /** C: silence broken by DK on version 1 (never adopted, and the latest silence procedure), version 2 adopted by consensus, published. */
  c: Published;
}

export interface Published {
  id: string;
  draftVersionId: string;
  adoptedVersionId: string;
  pressReference: string;
}

export interface Cast {
  clerk: TestUser;
  dkHead: TestUser;
  usHead: TestUser;
  ids: Record<string, string>;
}

const paragraphs = (text: string) => [{ key: 'p1', kind: 'OPERATIVE', text }];
const hourFromNow = () => new Date(Date.now() + 3600_000);

/** Builds one classification's statements through the API (the silence deadline is brought forward in the database: no waiting on time). */
export async function buildScenario(app: TestApp, cast: Cast, bodyId: string, c: Classification, n: number): Promise<Scenario> {
  const m = marks(c);
  const { clerk, dkHead, usHead, ids } = cast;

  const a = await draft(clerk, { bodyId, classification: c, title: `Whomayknow ${m.aTitle}`, paragraphs: paragraphs(`Whomayknow ${m.aText}`) });
  await circulate(clerk, a, { delegationIds: [ids.DK] });
  await dkHead.client.data(POSITION, {
    i: { statementId: a.id, versionId: a.currentVersion.id, delegationId: ids.DK, stance: 'RESERVATION', reason: m.aDkReason },
  });
  await clerk.client.data(WITHDRAW_STATEMENT, { i: { statementId: a.id, reason: m.aWithdrawn } });

  const b = await draft(clerk, { bodyId, classification: c, title: `Whomayknow ${m.bTitle}`, paragraphs: paragraphs(`Whomayknow ${m.bDraft} never adopted`) });
  const draftVersionId = b.currentVersion.id;
  await launchSilence(clerk, b, hourFromNow());
  await dkHead.client.data(POSITION, { i: { statementId: b.id, versionId: draftVersionId, delegationId: ids.DK, stance: 'OBJECTION', reason: m.bObjection } });
  const { reviseStatement: revised } = await clerk.client.data(REVISE, {
    i: { statementId: b.id, baseVersionId: draftVersionId, paragraphs: paragraphs(`Whomayknow ${m.bAdopted} as adopted`) },
  });
  const adoptedVersionId = revised.currentVersion.id;
  await launchSilence(clerk, revised, hourFromNow());
  await dkHead.client.data(POSITION, {
    i: { statementId: b.id, versionId: adoptedVersionId, delegationId: ids.DK, stance: 'RESERVATION', reason: m.bDkReservation },
  });
  await usHead.client.data(POSITION, {
    i: { statementId: b.id, versionId: adoptedVersionId, delegationId: ids.US, stance: 'RESERVATION', reason: m.bUsReservation },
  });
  await concludeSilenceNow(app, b.id);
  const pressReference = `12-9${n}1`;
  await clerk.client.data(PUBLISH, { i: { statementId: b.id, pressReference } });

  const d = await draft(clerk, { bodyId, classification: c, title: `Whomayknow ${m.cTitle}`, paragraphs: paragraphs(`Whomayknow ${m.cDraft} never adopted`) });
  await launchSilence(clerk, d, hourFromNow());
  await dkHead.client.data(POSITION, {
    i: { statementId: d.id, versionId: d.currentVersion.id, delegationId: ids.DK, stance: 'OBJECTION', reason: m.cObjection },
  });
  const { reviseStatement: dRevised } = await clerk.client.data(REVISE, {
    i: { statementId: d.id, baseVersionId: d.currentVersion.id, paragraphs: paragraphs(`Whomayknow ${m.cAdopted} as adopted`) },
  });
  await adoptByConsensus(clerk, dRevised, [
    { user: dkHead, delegationId: ids.DK },
    { user: usHead, delegationId: ids.US },
  ]);
  await clerk.client.data(PUBLISH, { i: { statementId: d.id, pressReference: `12-9${n}2` } });
  return {
    classification: c,
    a: { id: a.id, versionId: a.currentVersion.id },
    b: { id: b.id, draftVersionId, adoptedVersionId, pressReference },
    c: { id: d.id, draftVersionId: d.currentVersion.id, adoptedVersionId: dRevised.currentVersion.id, pressReference: `12-9${n}2` },
  };
}

/** Ends the open silence procedure now: its deadline moved to the database's present, then the deadline job's work run. */
async function concludeSilenceNow(app: TestApp, statementId: string): Promise<void> {
  const [{ id: circulationId }]: { id: string }[] = await app.dataSource.query(
    `SELECT id FROM circulations WHERE statement_id = $1 AND purpose = 'SILENCE' AND status = 'OPEN'`,
    [statementId],
  );
  const [[{ deadline }]]: [{ deadline: Date }[]] = await app.dataSource.query(
    `UPDATE statements SET silence_deadline = date_trunc('milliseconds', clock_timestamp()) WHERE id = $1 RETURNING silence_deadline AS deadline`,
    [statementId],
  );
  await app.dataSource.query('UPDATE circulations SET deadline = $2 WHERE id = $1', [circulationId, deadline]);
  expect(await app.worker!.get(SilenceService).conclude({ statementId, circulationId, deadlineEpochMs: deadline.getTime() })).toBe('done');
}
