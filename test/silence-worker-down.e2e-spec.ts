import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/auth/role.enum.js';
import { DelegateRole } from '../src/delegations/delegation-kind.enum.js';
import { createBody } from './support/meetings.js';
import { startWorkerProcess, type Spawned } from './support/processes.js';
import { launchSilence, silenceJob, silenceJobOutcome, statementRow, waitForDatabaseTime } from './support/silence.js';
import { draft, POSITION } from './support/statements.js';
import { TestApp, type TestUser, waitFor } from './support/test-app.js';

/**
 * The worker runs as a real process and is stopped before the silence deadline: the delayed job
 * waits in Redis, an objection after the deadline is refused meanwhile, and a new worker process
 * adopts at once with `adoptedAt` = the deadline, telling each member once.
 */
describe('a worker down across the silence deadline', () => {
  let app: TestApp;
  const workers: Spawned[] = [];

  beforeAll(async () => {
    app = await TestApp.start({ worker: false, env: { OUTBOX_POLL_MS: '100' } });
  });
  afterAll(async () => {
    for (const w of workers) w.child.kill('SIGKILL');
    await app?.close();
  });

  it('adopts on restart with adoptedAt = the deadline, once', async () => {
    const organizer = await app.as(Role.ORGANIZER);
    const clerk = await app.as(Role.CLERK);
    const members: TestUser[] = [];
    for (const code of ['DK', 'FR'])
      members.push(await app.as(Role.DELEGATE, code, DelegateRole.HEAD_OF_DELEGATION), await app.as(Role.DELEGATE, code, DelegateRole.EXPERT));
    const body = await createBody(organizer, app, { members: ['DK', 'FR'], kind: 'MINISTERIAL' });
    const s = await draft(clerk, { bodyId: body.id });

    const first = await startWorkerProcess(app.env, workers);
    const deadline = new Date(Date.now() + 5000);
    const { silenceProcedure } = await launchSilence(clerk, s, deadline);
    // The relay of the first worker has handed the job to BullMQ, where it waits for the deadline.
    await waitFor(async () => (await (await silenceJob(app, silenceProcedure.circulationId, deadline))?.getState()) === 'delayed', 10_000, 'the delayed job');
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    await waitForDatabaseTime(app, new Date(deadline.getTime() + 500));
    expect(await statementRow(app, s.id)).toMatchObject({ status: 'SILENCE_PROCEDURE', adopted_at: null });
    const dk = await app.delegation('DK');
    await members[0].client.error(
      POSITION,
      { i: { statementId: s.id, versionId: s.currentVersion.id, delegationId: dk.id, stance: 'OBJECTION', reason: 'Too late' } },
      'CONFLICT',
    );

    const second = await startWorkerProcess(app.env, workers);
    await waitFor(async () => (await statementRow(app, s.id)).status === 'ADOPTED', 20_000, 'adoption after the restart');
    const row = await statementRow(app, s.id);
    expect(row.adopted_at!.getTime()).toBe(deadline.getTime());
    expect(row.adoption_method).toBe('SILENCE');
    expect(await silenceJobOutcome(app, silenceProcedure.circulationId, deadline)).toBe('done');
    expect(await app.count('audit_events', `entity_id = $1 AND action = 'statement.adopted' AND actor_id IS NULL`, [s.id])).toBe(1);
    await waitFor(
      async () => (await app.count('notifications', `kind = 'STATEMENT_ADOPTED' AND entity_id = $1`, [s.id])) === members.length,
      20_000,
      'the adoption notifications',
    );
    for (const m of members)
      expect(await app.count('notifications', `kind = 'STATEMENT_ADOPTED' AND entity_id = $1 AND user_id = $2`, [s.id, m.user.id])).toBe(1);

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
