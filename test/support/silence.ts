import { type Job } from 'bullmq';
import { QueueRegistry } from '../../src/queues/queue-registry.js';
import { silenceJobId } from '../../src/statements/adoption/silence-procedure.js';
import { type TestApp, type TestUser, waitFor } from './test-app.js';

export const SILENCE_FIELDS = `id status silenceDeadline adoptedAt adoptionMethod adoptedVersion { id }
  silenceProcedure { status deadline launchedAt endedAt circulationId version { id number } objection { delegation { code } reason recordedAt } }`;
export const LAUNCH_SILENCE = `mutation($i: LaunchSilenceProcedureInput!) { launchSilenceProcedure(input: $i) { ${SILENCE_FIELDS} } }`;
export const EXTEND_SILENCE = `mutation($i: ExtendSilenceDeadlineInput!) { extendSilenceDeadline(input: $i) { ${SILENCE_FIELDS} } }`;

/** Puts the statement's current version under silence until `deadline`; returns the statement as the mutation gave it. */
export async function launchSilence(clerk: TestUser, statement: Record<string, any>, deadline: Date): Promise<Record<string, any>> {
  const { launchSilenceProcedure } = await clerk.client.data(LAUNCH_SILENCE, {
    i: { statementId: statement.id, versionId: statement.currentVersion.id, deadline: deadline.toISOString() },
  });
  return launchSilenceProcedure;
}

/** The statement row, for assertions on database state. */
export async function statementRow(
  app: TestApp,
  id: string,
): Promise<{ status: string; adopted_at: Date | null; adoption_method: string | null; adopted_version_id: string | null; silence_deadline: Date | null }> {
  const [row] = await app.dataSource.query('SELECT status, adopted_at, adoption_method, adopted_version_id, silence_deadline FROM statements WHERE id = $1', [
    id,
  ]);
  return row;
}

/** The deadline job of a silence circulation, as BullMQ holds it (undefined until the relay added it). */
export function silenceJob(app: TestApp, circulationId: string, deadline: Date): Promise<Job | undefined> {
  return app.api.get(QueueRegistry).get('procedures').getJob(silenceJobId(circulationId, deadline));
}

/** Waits until the deadline job has run to completion; returns what it reported ('done' or 'skipped'). */
export async function silenceJobOutcome(app: TestApp, circulationId: string, deadline: Date, timeoutMs = 20_000): Promise<string> {
  await waitFor(
    async () => (await (await silenceJob(app, circulationId, deadline))?.getState()) === 'completed',
    timeoutMs,
    'the silence deadline job to complete',
  );
  // Read again once completed: a job read while it was still running carries no return value.
  return String((await silenceJob(app, circulationId, deadline))!.returnvalue);
}

/** Waits until the database clock has passed `at` (what the objection check compares with). */
export async function waitForDatabaseTime(app: TestApp, at: Date): Promise<void> {
  await waitFor(
    async () => (await app.dataSource.query('SELECT clock_timestamp() > $1::timestamptz AS past', [at]))[0].past,
    20_000,
    `the database clock to pass ${at.toISOString()}`,
  );
}
