import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/auth/role.enum.js';
import { DelegateRole } from '../src/delegations/delegation-kind.enum.js';
import { Jobs } from '../src/queues/jobs.js';
import { QueueRegistry } from '../src/queues/queue-registry.js';
import { SilenceService } from '../src/statements/adoption/silence.service.js';
import { createBody } from './support/meetings.js';
import { EXTEND_SILENCE, LAUNCH_SILENCE, launchSilence, silenceJob, silenceJobOutcome, statementRow, waitForDatabaseTime } from './support/silence.js';
import { circulate, draft, POSITION, REVISE } from './support/statements.js';
import { sleep, TestApp, type TestUser, waitFor } from './support/test-app.js';

/**
 * The silence procedure through the real app, outbox, BullMQ and worker, with deadlines a few
 * seconds away: adoption exactly at the deadline by the system, objections breaking silence before
 * it and refused after it, a moved deadline, and the objection racing the deadline job.
 */
describe('the silence procedure', () => {
  let app: TestApp;
  let clerk: TestUser;
  const codes = ['DK', 'FR', 'IE'];
  const heads: Record<string, TestUser> = {};
  const members: TestUser[] = [];
  const ids: Record<string, string> = {};
  let bodyId: string;

  const object = (code: string, s: Record<string, any>, reason = 'Paragraph g3 prejudges the negotiating mandate') =>
    heads[code].client.request(POSITION, { i: { statementId: s.id, versionId: s.currentVersion.id, delegationId: ids[code], stance: 'OBJECTION', reason } });
  const notes = (kind: string, statementId: string, user?: TestUser) =>
    app.count(
      'notifications',
      `kind = $1 AND entity_id = $2${user ? ' AND user_id = $3' : ''}`,
      user ? [kind, statementId, user.user.id] : [kind, statementId],
    );
  const adoptedAudits = (statementId: string) => app.count('audit_events', `entity_id = $1 AND action = 'statement.adopted'`, [statementId]);
  const inSeconds = (s: number) => new Date(Date.now() + s * 1000);
  const read = async (id: string) =>
    (
      await clerk.client.data(
        `query($id: ID!) { statement(id: $id) { ${'id status silenceDeadline adoptedAt adoptionMethod adoptedVersion { id } adoptionReservations { stance reason delegation { code } } silenceProcedure { status deadline endedAt version { id } circulation { purpose status recipients { delegation { code } } } objection { delegation { code } reason recordedAt } }'} } }`,
        { id },
      )
    ).statement;

  beforeAll(async () => {
    app = await TestApp.start({ env: { OUTBOX_POLL_MS: '100' } });
    const organizer = await app.as(Role.ORGANIZER);
    clerk = await app.as(Role.CLERK);
    for (const code of codes) {
      heads[code] = await app.as(Role.DELEGATE, code, DelegateRole.HEAD_OF_DELEGATION);
      members.push(heads[code], await app.as(Role.DELEGATE, code, DelegateRole.EXPERT));
      ids[code] = (await app.delegation(code)).id;
    }
    bodyId = (await createBody(organizer, app, { name: 'JHA Council', members: codes, kind: 'MINISTERIAL', jha: true })).id;
  });
  afterAll(() => app?.close());

  it('without objection adopts at the deadline exactly, once, as the system, telling each member once and listing the reservations', async () => {
    const s = await draft(clerk, { bodyId });
    await circulate(clerk, s, { purpose: 'COMMENTS' });
    await heads.IE.client.data(POSITION, {
      i: { statementId: s.id, versionId: s.currentVersion.id, delegationId: ids.IE, stance: 'RESERVATION', reason: 'Pending national consultation' },
    });
    const deadline = inSeconds(2.5);
    const launched = await launchSilence(clerk, s, deadline);
    expect(launched).toMatchObject({
      status: 'SILENCE_PROCEDURE',
      silenceDeadline: deadline.toISOString(),
      silenceProcedure: { status: 'OPEN', deadline: deadline.toISOString(), version: { id: s.currentVersion.id } },
    });
    const circulationId = launched.silenceProcedure.circulationId;
    expect(await app.count('circulations', `id = $1 AND purpose = 'SILENCE' AND status = 'OPEN' AND deadline = $2`, [circulationId, deadline])).toBe(1);
    expect(await app.count('circulation_recipients', 'circulation_id = $1', [circulationId])).toBe(codes.length);

    // A reservation does not break silence.
    await heads.FR.client.data(POSITION, {
      i: { statementId: s.id, versionId: s.currentVersion.id, delegationId: ids.FR, stance: 'SCRUTINY_RESERVATION', reason: 'Parliamentary scrutiny' },
    });
    expect((await statementRow(app, s.id)).status).toBe('SILENCE_PROCEDURE');

    expect(await silenceJobOutcome(app, circulationId, deadline)).toBe('done');
    const row = await statementRow(app, s.id);
    expect(row).toMatchObject({ status: 'ADOPTED', adoption_method: 'SILENCE', adopted_version_id: s.currentVersion.id });
    expect(row.adopted_at!.getTime()).toBe(deadline.getTime());
    const [audit] = await app.dataSource.query(`SELECT actor_id, after FROM audit_events WHERE entity_id = $1 AND action = 'statement.adopted'`, [s.id]);
    expect(audit.actor_id).toBeNull();
    expect(audit.after).toMatchObject({ method: 'SILENCE', adoptedVersionId: s.currentVersion.id });

    // The job again (a duplicate, a retry): nothing more.
    expect(await app.worker!.get(SilenceService).conclude({ statementId: s.id, circulationId, deadlineEpochMs: deadline.getTime() })).toBe('skipped');
    await app.drain();
    expect(await adoptedAudits(s.id)).toBe(1);
    for (const m of members) {
      expect(await notes('SILENCE_PROCEDURE_LAUNCHED', s.id, m)).toBe(1);
      expect(await notes('STATEMENT_ADOPTED', s.id, m)).toBe(1);
    }
    expect(await notes('STATEMENT_ADOPTED', s.id)).toBe(members.length);
    const [launchNote] = await app.dataSource.query(
      `SELECT subject, body FROM notifications WHERE kind = 'SILENCE_PROCEDURE_LAUNCHED' AND entity_id = $1 LIMIT 1`,
      [s.id],
    );
    expect(launchNote.subject).toBe(`Silence procedure: ${s.reference} ${s.title}`);
    expect(launchNote.body).toContain('Deadline:');

    const statement = await read(s.id);
    expect(statement).toMatchObject({
      status: 'ADOPTED',
      adoptedAt: deadline.toISOString(),
      adoptionMethod: 'SILENCE',
      silenceDeadline: deadline.toISOString(),
    });
    expect(statement.silenceProcedure).toMatchObject({
      status: 'CONCLUDED',
      endedAt: deadline.toISOString(),
      objection: null,
      circulation: { purpose: 'SILENCE', status: 'CLOSED' },
    });
    expect(statement.adoptionReservations.map((r: any) => [r.delegation.code, r.stance]).sort()).toEqual([
      ['FR', 'SCRUTINY_RESERVATION'],
      ['IE', 'RESERVATION'],
    ]);
  });

  it('an objection a second before the deadline breaks silence: CIRCULATED, announced with delegation and reason, nothing adopted after the job ran', async () => {
    const s = await draft(clerk, { bodyId }); // from DRAFTING straight under silence
    const deadline = inSeconds(3);
    const { silenceProcedure } = await launchSilence(clerk, s, deadline);
    await sleep(deadline.getTime() - 1000 - Date.now());
    const res = await object('FR', s, 'Goal 3 & its <annex> need more time');
    expect(res.errors).toBeUndefined();

    const row = await statementRow(app, s.id);
    expect(row).toMatchObject({ status: 'CIRCULATED', silence_deadline: null, adopted_at: null });
    const [c] = await app.dataSource.query(
      'SELECT c.status, c.closed_at, p.delegation_id, p.reason, p.recorded_at FROM circulations c JOIN positions p ON p.id = c.objection_position_id WHERE c.id = $1',
      [silenceProcedure.circulationId],
    );
    expect(c).toMatchObject({ status: 'BROKEN', delegation_id: ids.FR, reason: 'Goal 3 & its <annex> need more time' });
    expect(c.recorded_at.getTime()).toBeLessThan(deadline.getTime());

    // The deadline job still runs at the deadline, and finds nothing to adopt.
    expect(await silenceJobOutcome(app, silenceProcedure.circulationId, deadline)).toBe('skipped');
    await app.drain();
    expect(await statementRow(app, s.id)).toMatchObject({ status: 'CIRCULATED', adopted_at: null, adoption_method: null });
    expect(await adoptedAudits(s.id)).toBe(0);
    expect(await notes('STATEMENT_ADOPTED', s.id)).toBe(0);
    expect(
      await app.count('audit_events', `action = 'position.recorded' AND entity_id = $1 AND after->'silenceBroken'->>'circulationId' = $2`, [
        (res.data as any).recordPosition.id,
        silenceProcedure.circulationId,
      ]),
    ).toBe(1);

    // Everyone concerned hears who objected and why, once; and the clerk who launched it.
    for (const m of [...members, clerk]) expect(await notes('SILENCE_BROKEN', s.id, m)).toBe(1);
    const [n] = await app.dataSource.query(`SELECT subject, body FROM notifications WHERE kind = 'SILENCE_BROKEN' AND user_id = $1`, [heads.DK.user.id]);
    expect(n.subject).toBe(`Silence broken: ${s.reference} ${s.title} — objection by FR`);
    expect(n.body).toContain('Delegation FR (FR) objected');
    expect(n.body).toContain('Reason given by FR: Goal 3 & its <annex> need more time');

    const statement = await read(s.id);
    expect(statement).toMatchObject({ status: 'CIRCULATED', silenceDeadline: null, adoptedAt: null, adoptionReservations: [] });
    expect(statement.silenceProcedure).toMatchObject({
      status: 'BROKEN',
      deadline: deadline.toISOString(),
      objection: { delegation: { code: 'FR' }, reason: 'Goal 3 & its <annex> need more time' },
    });
    expect(new Date(statement.silenceProcedure.objection.recordedAt).getTime()).toBeLessThan(deadline.getTime());

    // Back in CIRCULATED, silence can be launched again, but not over a standing objection.
    const again = await clerk.client.error(
      LAUNCH_SILENCE,
      { i: { statementId: s.id, versionId: s.currentVersion.id, deadline: inSeconds(60).toISOString() } },
      'CONFLICT',
    );
    expect((again.extensions as any).objectingDelegationIds).toEqual([ids.FR]);
  });

  it('refuses an objection after the deadline even before the deadline job has run; the job adopts when the worker is back', async () => {
    const s = await draft(clerk, { bodyId });
    await app.drain();
    await app.stopWorker(); // no relay, no job: only the database clock decides
    try {
      const deadline = inSeconds(1.5);
      const { silenceProcedure } = await launchSilence(clerk, s, deadline);
      await waitForDatabaseTime(app, deadline);
      const refused = await heads.DK.client.error(
        POSITION,
        { i: { statementId: s.id, versionId: s.currentVersion.id, delegationId: ids.DK, stance: 'OBJECTION', reason: 'Too late' } },
        'CONFLICT',
      );
      expect(refused.message).toContain('silence procedure ended');
      await clerk.client.error(EXTEND_SILENCE, { i: { statementId: s.id, deadline: inSeconds(60).toISOString() } }, 'CONFLICT');
      expect(await statementRow(app, s.id)).toMatchObject({ status: 'SILENCE_PROCEDURE', adopted_at: null });
      expect(await app.count('positions', `statement_id = $1 AND stance = 'OBJECTION'`, [s.id])).toBe(0);
      expect(await silenceJob(app, silenceProcedure.circulationId, deadline)).toBeUndefined();

      await app.startWorker();
      expect(await silenceJobOutcome(app, silenceProcedure.circulationId, deadline)).toBe('done');
      const row = await statementRow(app, s.id);
      expect(row.status).toBe('ADOPTED');
      expect(row.adopted_at!.getTime()).toBe(deadline.getTime());
    } finally {
      if (!app.worker) await app.startWorker();
    }
  });

  it('extending the deadline moves the job: nothing at the old deadline, adopted at the new one', async () => {
    const s = await draft(clerk, { bodyId });
    const first = inSeconds(3);
    const { silenceProcedure } = await launchSilence(clerk, s, first);
    await clerk.client.error(EXTEND_SILENCE, { i: { statementId: s.id, deadline: new Date(first.getTime() - 1).toISOString() } }, 'BAD_USER_INPUT', 'deadline');
    const second = inSeconds(5);
    const extended = (await clerk.client.data(EXTEND_SILENCE, { i: { statementId: s.id, deadline: second.toISOString() } })).extendSilenceDeadline;
    expect(extended).toMatchObject({
      status: 'SILENCE_PROCEDURE',
      silenceDeadline: second.toISOString(),
      silenceProcedure: { status: 'OPEN', deadline: second.toISOString() },
    });
    expect(await app.count('circulations', 'id = $1 AND deadline = $2', [silenceProcedure.circulationId, second])).toBe(1);

    await app.drain();
    for (const m of members) expect(await notes('SILENCE_DEADLINE_EXTENDED', s.id, m)).toBe(1);
    const [n] = await app.dataSource.query(
      `SELECT subject, body FROM notifications WHERE kind = 'SILENCE_DEADLINE_EXTENDED' AND user_id = $1 AND entity_id = $2`,
      [heads.IE.user.id, s.id],
    );
    expect(n.subject).toBe(`Silence procedure extended: ${s.reference} ${s.title}`);
    expect(n.body).toContain('New deadline:');

    expect(await silenceJobOutcome(app, silenceProcedure.circulationId, first)).toBe('skipped');
    expect((await statementRow(app, s.id)).status).toBe('SILENCE_PROCEDURE');
    expect(await silenceJobOutcome(app, silenceProcedure.circulationId, second)).toBe('done');
    const row = await statementRow(app, s.id);
    expect(row.status).toBe('ADOPTED');
    expect(row.adopted_at!.getTime()).toBe(second.getTime());
    expect(await adoptedAudits(s.id)).toBe(1);
    await clerk.client.error(EXTEND_SILENCE, { i: { statementId: s.id, deadline: inSeconds(60).toISOString() } }, 'CONFLICT');
  });

  it('a deadline job that runs early never adopts early: it waits again and adopts at the deadline, once', async () => {
    const s = await draft(clerk, { bodyId });
    const deadline = inSeconds(2.5);
    const { silenceProcedure } = await launchSilence(clerk, s, deadline);
    const payload = { statementId: s.id, circulationId: silenceProcedure.circulationId, deadlineEpochMs: deadline.getTime() };
    await expect(app.worker!.get(SilenceService).conclude(payload)).rejects.toThrow(/early/);

    // A second job for the same deadline that runs at once (as if the clocks disagreed): back to delayed.
    const queue = app.api.get(QueueRegistry).get('procedures');
    const early = await queue.add(Jobs.concludeSilence.name, payload, { jobId: `early-${silenceProcedure.circulationId}` });
    await waitFor(async () => (await early.getState()) === 'delayed', 10_000, 'the early job to wait again');
    expect((await statementRow(app, s.id)).status).toBe('SILENCE_PROCEDURE');

    const outcomes = [await silenceJobOutcome(app, silenceProcedure.circulationId, deadline)];
    const reran = await waitFor(async () => ((await queue.getJob(early.id!))?.returnvalue as string | undefined) ?? null, 20_000, 'the early job to complete');
    outcomes.push(reran);
    expect(outcomes.sort()).toEqual(['done', 'skipped']);
    const row = await statementRow(app, s.id);
    expect(row.status).toBe('ADOPTED');
    expect(row.adopted_at!.getTime()).toBe(deadline.getTime());
    expect(await adoptedAudits(s.id)).toBe(1);
  });

  it('checks what is launched: a future deadline, the current version, a statement not already under silence; only member delegations break it', async () => {
    const s = await draft(clerk, { bodyId });
    const v1 = s.currentVersion;
    await clerk.client.error(
      LAUNCH_SILENCE,
      { i: { statementId: s.id, versionId: v1.id, deadline: inSeconds(-1).toISOString() } },
      'BAD_USER_INPUT',
      'deadline',
    );
    const { reviseStatement: revised } = await clerk.client.data(REVISE, {
      i: { statementId: s.id, baseVersionId: v1.id, paragraphs: [{ key: 'g1', kind: 'GOAL', text: 'Identify and protect victims.' }] },
    });
    await clerk.client.error(LAUNCH_SILENCE, { i: { statementId: s.id, versionId: v1.id, deadline: inSeconds(60).toISOString() } }, 'CONFLICT');
    await launchSilence(clerk, revised, inSeconds(60));
    await clerk.client.error(
      LAUNCH_SILENCE,
      { i: { statementId: s.id, versionId: revised.currentVersion.id, deadline: inSeconds(90).toISOString() } },
      'CONFLICT',
    );
    await clerk.client.error(
      'mutation($i: AdoptStatementInput!) { adoptStatement(input: $i) { id } }',
      { i: { statementId: s.id, versionId: revised.currentVersion.id } },
      'CONFLICT',
    );

    // A delegation outside the body that received the text for comments cannot break the members' silence.
    const outsider = await app.as(Role.DELEGATE, 'US', DelegateRole.HEAD_OF_DELEGATION);
    const other = await draft(clerk, { bodyId });
    await circulate(clerk, other, { delegationIds: [ids.DK, (await app.delegation('US')).id] });
    const { silenceProcedure } = await launchSilence(clerk, other, inSeconds(60));
    expect(silenceProcedure).toMatchObject({ status: 'OPEN' });
    const refused = await outsider.client.error(
      POSITION,
      {
        i: {
          statementId: other.id,
          versionId: other.currentVersion.id,
          delegationId: (await app.delegation('US')).id,
          stance: 'OBJECTION',
          reason: 'Not ours',
        },
      },
      'CONFLICT',
    );
    expect(refused.message).toContain('cannot break it');
    expect((await statementRow(app, other.id)).status).toBe('SILENCE_PROCEDURE');

    // Withdrawn while silence runs: the procedure shows WITHDRAWN and the job will find nothing.
    await clerk.client.data('mutation($i: WithdrawStatementInput!) { withdrawStatement(input: $i) { id } }', {
      i: { statementId: other.id, reason: 'Overtaken by events' },
    });
    expect((await read(other.id)).silenceProcedure.status).toBe('WITHDRAWN');
    const deadline = (await read(other.id)).silenceProcedure.deadline;
    expect(
      await app
        .worker!.get(SilenceService)
        .conclude({ statementId: other.id, circulationId: silenceProcedure.circulationId, deadlineEpochMs: new Date(deadline).getTime() }),
    ).toBe('skipped');
  });

  it('the objection racing the deadline job, 20 times: the side that takes the statement lock first wins, never both', async () => {
    const outcomes = { adopted: 0, broken: 0 };
    // The deadline leaves the launch room on a busy machine: four times the last launch's time, 0.8 s at least.
    let launchMs = 200;
    for (let i = 0; i < 20; i++) {
      const s = await draft(clerk, { bodyId, title: `Race ${i}` });
      const deadline = inSeconds(Math.max(0.8, (4 * launchMs) / 1000));
      const launchedAt = Date.now();
      const { silenceProcedure } = await launchSilence(clerk, s, deadline);
      launchMs = Date.now() - launchedAt;
      // Sent so that it commits around the deadline: from 60 ms before to 40 ms after, varying.
      await sleep(deadline.getTime() - Date.now() - 60 + (i % 6) * 20);
      const res = await object(codes[i % codes.length], s, `Race ${i}`);
      const jobOutcome = await silenceJobOutcome(app, silenceProcedure.circulationId, deadline);
      const row = await statementRow(app, s.id);
      const objections: { recorded_at: Date }[] = await app.dataSource.query(
        `SELECT recorded_at FROM positions WHERE statement_id = $1 AND stance = 'OBJECTION'`,
        [s.id],
      );
      const context = { i, status: row.status, job: jobOutcome, error: res.errors?.[0]?.extensions?.code ?? null };
      if (row.status === 'ADOPTED') {
        outcomes.adopted++;
        expect({ ...context, objections: objections.length, adoptedAt: row.adopted_at!.getTime() }).toEqual({
          ...context,
          error: 'CONFLICT',
          job: 'done',
          objections: 0,
          adoptedAt: deadline.getTime(),
        });
      } else {
        outcomes.broken++;
        expect({ ...context, objections: objections.length }).toEqual({ ...context, status: 'CIRCULATED', error: null, job: 'skipped', objections: 1 });
        expect(objections[0].recorded_at.getTime()).toBeLessThan(deadline.getTime());
        expect(row.adopted_at).toBeNull();
        expect(await app.count('circulations', `id = $1 AND status = 'BROKEN'`, [silenceProcedure.circulationId])).toBe(1);
      }
      expect(await adoptedAudits(s.id)).toBe(row.status === 'ADOPTED' ? 1 : 0);
    }
    expect(outcomes.adopted + outcomes.broken).toBe(20);
    if (process.env.SHOW_RACE) console.log('silence race outcomes', outcomes);
    await waitFor(async () => (await app.count('outbox_events', 'sent_at IS NULL')) === 0, 20_000, 'the outbox');
  }, 90_000);
});
