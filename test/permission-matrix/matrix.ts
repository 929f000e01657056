import { Role } from '../../src/auth/role.enum.js';
import { createBody, hoursFromNow, invite, scheduleMeeting, setStatus } from '../support/meetings.js';
import { type TestApp, type TestUser } from '../support/test-app.js';

/**
 * The permission matrix: who may call which mutation. Each feature keeps its rows in a file of this
 * folder exporting `rows`; permission-matrix.e2e-spec.ts runs every row for every actor and fails
 * for a mutation of the schema that has no row.
 */

/** The platform roles, and for delegates a member of the target's delegation ("own") or of another. */
export const ACTORS = ['ADMIN', 'ORGANIZER', 'CLERK', 'DELEGATE_OWN', 'DELEGATE_OTHER', 'OBSERVER'] as const;
export type Actor = (typeof ACTORS)[number];
export type Outcome = 'ALLOWED' | 'FORBIDDEN' | 'NOT_FOUND';

export interface Operation {
  query: string;
  variables?: Record<string, unknown>;
  /** Act as this user instead of the actor's shared one (for calls that end the caller's own tokens). */
  as?: TestUser;
  /** Extra HTTP headers (a cookie). */
  headers?: Record<string, string>;
}

export interface MatrixRow {
  mutation: string;
  /** Distinguishes several rows of one mutation (e.g. the meeting visible to the other delegation or not). */
  scenario?: string;
  expected: Record<Actor, Outcome>;
  /** Builds a fresh target (as organizer or admin, before the actor acts) and returns the operation. */
  prepare(ctx: MatrixContext, actor: Actor): Promise<Operation>;
  /** Whether an allowed call records an audit event (default true). */
  audited?: boolean;
}

/** ALLOWED for the roles named, FORBIDDEN for everyone else. */
export function only(...allowed: Actor[]): Record<Actor, Outcome> {
  return Object.fromEntries(ACTORS.map((a) => [a, allowed.includes(a) ? 'ALLOWED' : 'FORBIDDEN'])) as Record<Actor, Outcome>;
}

export const everyone = (): Record<Actor, Outcome> => only(...ACTORS);

export const OWN = 'DK';
export const OTHER = 'FR';

/** What rows may use: the app, one signed-in user per actor, and builders of fresh targets. */
export class MatrixContext {
  private counter = 0;

  private constructor(
    readonly app: TestApp,
    readonly users: Record<Actor, TestUser>,
    readonly ownId: string,
    readonly otherId: string,
  ) {}

  static async create(app: TestApp): Promise<MatrixContext> {
    const [own, other] = [await app.delegation(OWN), await app.delegation(OTHER)];
    const users: Record<Actor, TestUser> = {
      ADMIN: await app.as(Role.ADMIN),
      ORGANIZER: await app.as(Role.ORGANIZER),
      CLERK: await app.as(Role.CLERK),
      DELEGATE_OWN: await app.as(Role.DELEGATE, OWN),
      DELEGATE_OTHER: await app.as(Role.DELEGATE, OTHER),
      OBSERVER: await app.as(Role.OBSERVER, OWN),
    };
    return new MatrixContext(app, users, own.id, other.id);
  }

  get organizer(): TestUser {
    return this.users.ORGANIZER;
  }

  get admin(): TestUser {
    return this.users.ADMIN;
  }

  /** A name no other call used. */
  unique(prefix: string): string {
    return `${prefix} ${++this.counter}`;
  }

  /** A meeting of a body whose member is the own delegation, invited (by default the own delegation only), in `status`. */
  /** A delegation code (2 to 5 letters) no other call used. */
  code(): string {
    let n = ++this.counter;
    let letters = '';
    do {
      letters = String.fromCharCode(65 + (n % 26)) + letters;
      n = Math.floor(n / 26);
    } while (n > 0);
    return `Q${letters.padStart(2, 'A')}`;
  }

  async meeting(options: { status?: 'PLANNED' | 'CONVENED' | 'IN_SESSION'; invite?: string[] } = {}): Promise<Record<string, any>> {
    const body = await createBody(this.organizer, this.app, { members: [OWN], name: this.unique('Matrix body') });
    const m = await scheduleMeeting(this.organizer, { bodyId: body.id, title: this.unique('Matrix meeting'), startsAt: hoursFromNow(24 * 60) });
    await invite(this.organizer, m.id, options.invite ?? [this.ownId]);
    let meeting = m;
    if (options.status === 'CONVENED' || options.status === 'IN_SESSION') meeting = await setStatus(this.organizer, m.id, 'CONVENED');
    if (options.status === 'IN_SESSION') meeting = await setStatus(this.organizer, m.id, 'IN_SESSION');
    return meeting;
  }

  async agendaItem(meetingId?: string): Promise<{ meetingId: string; id: string }> {
    const id = meetingId ?? (await this.meeting()).id;
    const { addAgendaItem } = await this.organizer.client.data('mutation($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { id } }', {
      i: { meetingId: id, title: this.unique('Item'), kind: 'FOR_DISCUSSION' },
    });
    return { meetingId: id, id: addAgendaItem.id };
  }

  /** A new user in the actor's role and delegation, for calls that end the caller's own sessions. */
  async fresh(actor: Actor): Promise<TestUser> {
    const of: Record<Actor, [Role, string | undefined]> = {
      ADMIN: [Role.ADMIN, undefined],
      ORGANIZER: [Role.ORGANIZER, undefined],
      CLERK: [Role.CLERK, undefined],
      DELEGATE_OWN: [Role.DELEGATE, OWN],
      DELEGATE_OTHER: [Role.DELEGATE, OTHER],
      OBSERVER: [Role.OBSERVER, OWN],
    };
    return this.app.as(...of[actor]);
  }

  /** A user nobody else acts on. */
  async user(): Promise<TestUser> {
    return this.app.as(Role.DELEGATE);
  }
}
