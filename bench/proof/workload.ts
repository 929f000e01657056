import { type Balancer } from './balancer.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const HOUR = 3600_000;

const DRAFT = `mutation($i: DraftStatementInput!) { draftStatement(input: $i) { id currentVersion { id } } }`;
const CIRCULATE = `mutation($i: CirculateStatementInput!) { circulateStatement(input: $i) { id } }`;
const CREATE_ITEM = `mutation($i: CreateActionItemInput!) { createActionItem(input: $i) { id dueAt } }`;
const SCHEDULE = `mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { id } }`;
const INVITE = `mutation($i: InviteDelegationsInput!) { inviteDelegations(input: $i) { id } }`;
const READS = [
  `query { statements(first: 20) { edges { node { id reference title status } } } }`,
  `query { notifications(first: 20) { edges { node { id kind subject createdAt } } } }`,
  `query { myActionItems(first: 20) { edges { node { id title dueAt status } } } }`,
  `query { myCirculations(first: 20) { edges { node { id status } } } }`,
  `query { meetings(first: 10) { edges { node { id title startsAt status } } } }`,
  `query { me { id name email } }`,
];
const PARAGRAPHS = [
  { key: 'pre1', kind: 'PREAMBLE', text: 'We, the Ministers of Justice and Home Affairs of the European Union and the United States,' },
  { key: 'g1', kind: 'GOAL', text: 'Enhance efforts to identify victims and ensure that they receive the necessary assistance, support and protection.' },
  { key: 'op1', kind: 'OPERATIVE', text: 'We invite partners worldwide to join this Global Alliance.' },
];

export interface Actors {
  clerk: string;
  organizer: string;
  bodyId: string;
  /** Heads of the Ministerial's delegations: owners, assignees and readers. */
  heads: { token: string; userId: string; delegationId: string }[];
}

export interface Volumes {
  circulations: number;
  actionItems: number;
  meetings: number;
  reads: number;
  /** Over how long the writes are spread (ms). */
  spreadMs: number;
  /** A reminder falls due this long (at most) after its item is created. */
  reminderLeadMs: [number, number];
}

/** What the writers could not do at all (after their retries); the checks read the rest from the database. */
export interface Outcome {
  gaveUp: string[];
}

/**
 * Retries a write while the service is unreachable or answers 5xx (the fault windows), as a client
 * would; stops at the first answer with a domain code (a retry after a lost answer may find the
 * write done). Returns the data or null.
 */
async function write(lb: Balancer, query: string, variables: Record<string, unknown>, token: string, out: Outcome, what: string): Promise<any> {
  for (let attempt = 0; attempt < 60; attempt++) {
    const a = await lb.send(query, variables, token, 'write');
    if (!a.error) return a.data;
    const transient = a.status === 0 || a.status >= 500 || /INTERNAL|UNAVAILABLE|SERVICE_UNAVAILABLE|TIMEOUT|ECONN|socket hang up/i.test(a.error);
    if (!transient) {
      out.gaveUp.push(`${what}: ${a.error}`);
      return null;
    }
    await sleep(250 + attempt * 100);
  }
  out.gaveUp.push(`${what}: still failing after 60 attempts`);
  return null;
}

/** Paced: `n` steps spread evenly over `spreadMs`, run one after the other. */
async function paced(n: number, spreadMs: number, step: (i: number) => Promise<void>): Promise<void> {
  const start = Date.now();
  for (let i = 0; i < n; i++) {
    const wait = start + (i * spreadMs) / n - Date.now();
    if (wait > 0) await sleep(wait);
    await step(i);
  }
}

export async function runWorkload(lb: Balancer, actors: Actors, v: Volumes): Promise<Outcome> {
  const out: Outcome = { gaveUp: [] };
  const delegationIds = actors.heads.map((h) => h.delegationId);

  const circulations = paced(v.circulations, v.spreadMs, async (i) => {
    const drafted = await write(
      lb,
      DRAFT,
      { i: { bodyId: actors.bodyId, title: `Proof statement ${i + 1}`, paragraphs: PARAGRAPHS } },
      actors.clerk,
      out,
      `draft ${i + 1}`,
    );
    if (!drafted) return;
    const s = drafted.draftStatement;
    await write(
      lb,
      CIRCULATE,
      { i: { statementId: s.id, versionId: s.currentVersion.id, purpose: 'COMMENTS', deadline: new Date(Date.now() + 14 * 24 * HOUR).toISOString() } },
      actors.clerk,
      out,
      `circulate ${i + 1}`,
    );
  });

  const items = paced(v.actionItems / 5, v.spreadMs, async (i) => {
    // Five writers at a time: 500 items over the run.
    await Promise.all(
      Array.from({ length: 5 }, async (_, k) => {
        const n = i * 5 + k;
        const head = actors.heads[n % actors.heads.length];
        const [lo, hi] = v.reminderLeadMs;
        const lead = lo + ((n * 7919) % (hi - lo));
        await write(
          lb,
          CREATE_ITEM,
          {
            i: {
              ownerDelegationId: head.delegationId,
              assigneeId: head.userId,
              title: `Proof follow-up ${n + 1}`,
              dueAt: new Date(Date.now() + HOUR + lead).toISOString(),
            },
          },
          actors.organizer,
          out,
          `action item ${n + 1}`,
        );
      }),
    );
  });

  const meetings = paced(v.meetings, v.spreadMs, async (i) => {
    const startsAt = new Date(Date.now() + (30 + i) * 24 * HOUR);
    const scheduled = await write(
      lb,
      SCHEDULE,
      {
        i: {
          bodyId: actors.bodyId,
          title: `Proof meeting ${i + 1}`,
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 3 * HOUR).toISOString(),
          timezone: 'Europe/Brussels',
        },
      },
      actors.organizer,
      out,
      `meeting ${i + 1}`,
    );
    if (scheduled) await write(lb, INVITE, { i: { meetingId: scheduled.scheduleMeeting.id, delegationIds } }, actors.organizer, out, `invite ${i + 1}`);
  });

  // Readers: 8 at a time until the reads are done, spread over the run too.
  let reads = 0;
  const readers = Array.from({ length: 8 }, async (_, r) => {
    const start = Date.now();
    while (reads < v.reads) {
      const n = reads++;
      const head = actors.heads[(n + r) % actors.heads.length];
      await lb.send(READS[n % READS.length], {}, head.token, 'read');
      // Keep pace with the writes: no faster than the reads' share of the spread.
      const due = start + (n / v.reads) * v.spreadMs - Date.now();
      if (due > 0) await sleep(Math.min(due, 50));
    }
  });

  await Promise.all([circulations, items, meetings, ...readers]);
  return out;
}
