import { type DataSource } from 'typeorm';

/** Rows for the benchmarks, written with SQL (set-up speed matters here, not the API). */
export interface Seed {
  organizer: { id: string; role: 'ORGANIZER' };
  bodyId: string;
  /** A meeting per size: n agenda items with lead delegations, n participants (p = n unless given), outcome of proceedings. */
  meetings: Map<string, string>;
  /** Delegations with five active members each, for the fan-out. */
  fanOutDelegationIds: string[];
  recipients: number;
}

const ZONES = ['Europe/Brussels', 'America/New_York', 'Europe/Copenhagen', 'Asia/Tokyo'];
const OUTCOME = 'The Council took note of the presentation by the Presidency and of the comments made by delegations. ';

export const sizeKey = (items: number, participants: number) => `${items}/${participants}`;

export async function seed(
  ds: DataSource,
  sizes: Array<[items: number, participants: number]>,
  fanOut: { delegations: number; members: number },
): Promise<Seed> {
  const [organizer] = await ds.query(
    `INSERT INTO users (email, name, password_hash, role, timezone) VALUES ('bench.organizer@bench.concordia', 'Bench Organizer', 'x', 'ORGANIZER', 'Europe/Brussels') RETURNING id`,
  );
  const [body] = await ds.query(`INSERT INTO bodies (kind, name, jha) VALUES ('MINISTERIAL', 'Bench Ministerial', true) RETURNING id`);
  const most = Math.max(...sizes.flat());
  const delegations: { id: string }[] = await ds.query(
    `INSERT INTO delegations (code, name, kind, timezone)
     SELECT 'D' || lpad(g::text, 3, '0'), 'Delegation of the Republic of Benchland ' || g, 'MEMBER_STATE'::delegation_kind, 'Europe/Brussels'
       FROM generate_series(0, $1 - 1) g ORDER BY g RETURNING id`,
    [most],
  );

  const meetings = new Map<string, string>();
  for (const [items, participants] of sizes) {
    const [m] = await ds.query(
      `INSERT INTO meetings (body_id, title, kind, starts_at, ends_at, timezone, location, version)
       VALUES ($1, $2, 'IN_PERSON', '2027-06-21T07:30:00Z', '2027-06-21T15:00:00Z', 'Europe/Copenhagen', 'Eigtveds Pakhus, Copenhagen', 1) RETURNING id`,
      [body.id, `EU-US Justice and Home Affairs Ministerial Meeting (${items} items)`],
    );
    const ids = delegations.map((d) => d.id);
    await ds.query(
      `INSERT INTO agenda_items (meeting_id, position, title, kind, lead_delegation_id, outcome)
       SELECT $1, g, 'Item ' || g || ': Global Alliance against Child Sexual Abuse Online, exchange of views and adoption', 
              (ARRAY['FOR_INFORMATION','FOR_DISCUSSION','FOR_DECISION'])[1 + g % 3]::agenda_item_kind, ($2::uuid[])[g], $3
         FROM generate_series(1, $4) g`,
      [m.id, ids, OUTCOME, items],
    );
    // Distinct creation times: participants are listed in that order, by both servers.
    await ds.query(
      `INSERT INTO meeting_invitations (meeting_id, delegation_id, rsvp, responded_at, created_at)
       SELECT $1, ($2::uuid[])[g], CASE WHEN g % 2 = 0 THEN 'ACCEPTED'::rsvp ELSE 'INVITED'::rsvp END,
              CASE WHEN g % 2 = 0 THEN timestamptz '2027-05-01T10:00:00Z' + g * interval '1 minute' END,
              timestamptz '2027-04-01T10:00:00Z' + g * interval '1 second'
         FROM generate_series(1, $3) g`,
      [m.id, ids, participants],
    );
    await ds.query(`INSERT INTO meeting_minutes_revisions (meeting_id, revision, text, author_id) VALUES ($1, 1, $2, $3)`, [
      m.id,
      OUTCOME.repeat(8),
      organizer.id,
    ]);
    meetings.set(sizeKey(items, participants), m.id);
  }

  const fan: { id: string }[] = await ds.query(
    `INSERT INTO delegations (code, name, kind, timezone)
     SELECT 'F' || lpad(g::text, 3, '0'), 'Fan-out delegation ' || g, 'MEMBER_STATE'::delegation_kind, 'Europe/Brussels'
       FROM generate_series(1, $1) g ORDER BY g RETURNING id`,
    [fanOut.delegations],
  );
  for (const [i, d] of fan.entries()) {
    await ds.query(
      `WITH u AS (
         INSERT INTO users (email, name, password_hash, role, timezone)
         SELECT 'member.' || $2::int || '.' || g || '@bench.concordia', 'Member ' || g || ' of F' || $2::int, 'x', 'DELEGATE', ($3::text[])[1 + (g + $2::int) % 4]
           FROM generate_series(1, $4) g RETURNING id)
       INSERT INTO delegation_memberships (user_id, delegation_id, delegate_role) SELECT id, $1, 'DELEGATE' FROM u`,
      [d.id, i, ZONES, fanOut.members],
    );
  }
  return {
    organizer: { id: organizer.id, role: 'ORGANIZER' },
    bodyId: body.id,
    meetings,
    fanOutDelegationIds: fan.map((d) => d.id),
    recipients: fanOut.delegations * fanOut.members,
  };
}
