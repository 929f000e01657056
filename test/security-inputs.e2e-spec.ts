import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/auth/role.enum.js';
import { createBody, hoursFromNow, scheduleMeeting } from './support/meetings.js';
import { TestApp, type TestUser } from './support/test-app.js';

const CREATE_DELEGATION = 'mutation($i: CreateDelegationInput!) { createDelegation(input: $i) { id } }';

describe('inputs: control characters, page sizes, cursors', () => {
  let app: TestApp;
  let organizer: TestUser;
  let bodyId: string;

  beforeAll(async () => {
    app = await TestApp.start({ worker: false });
    organizer = await app.as(Role.ORGANIZER);
    bodyId = (await createBody(organizer, app, { members: ['DK'] })).id;
  });
  afterAll(() => app.close());

  it.each([
    ['NUL', 'Malta\u0000'],
    ['BEL', 'Malta\u0007'],
    ['a right-to-left override', 'Malta \u202Eatlam'],
    ['a bidi isolate', 'Malta \u2066x\u2069'],
    ['a C1 control', 'Malta\u0085'],
  ])('refuses %s in any text input with BAD_USER_INPUT naming the field, writing nothing', async (_what, name) => {
    const before = await app.count('delegations');
    const audits = await app.count('audit_events');
    const error = await organizer.client.error(CREATE_DELEGATION, { i: { code: 'MT', name, kind: 'MEMBER_STATE' } }, 'BAD_USER_INPUT', 'name');
    expect(error.message).toMatch(/control or bidirectional-override character \(U\+[0-9A-F]{4}\)/);
    expect(await app.count('delegations')).toBe(before);
    expect(await app.count('audit_events')).toBe(audits);
  });

  it('checks nested inputs and plain arguments the same way', async () => {
    await organizer.client.error('{ delegations(filter: { search: "D\\u0000K" }) { totalCount } }', undefined, 'BAD_USER_INPUT', 'search');
    const m = await scheduleMeeting(organizer, { bodyId, startsAt: hoursFromNow(30) });
    await organizer.client.error(
      'mutation($i: SaveOutcomeOfProceedingsInput!) { saveOutcomeOfProceedings(input: $i) { revision } }',
      { i: { meetingId: m.id, text: 'Agreed\u0008', baseRevision: 0 } },
      'BAD_USER_INPUT',
      'text',
    );
  });

  it('keeps tabs, newlines and right-to-left marks in text', async () => {
    const m = await scheduleMeeting(organizer, { bodyId, startsAt: hoursFromNow(40) });
    const text = 'Point 1:\tagreed.\r\nPoint 2: the name \u200Fשלום\u200F was read.\n';
    const { saveOutcomeOfProceedings } = await organizer.client.data(
      'mutation($i: SaveOutcomeOfProceedingsInput!) { saveOutcomeOfProceedings(input: $i) { text } }',
      {
        i: { meetingId: m.id, text, baseRevision: 0 },
      },
    );
    expect(saveOutcomeOfProceedings.text).toBe(text);
  });

  it('reads first: null as the default page size', async () => {
    for (let i = 0; i < 22; i++) await app.delegation(`Q${String.fromCharCode(65 + i)}`);
    const total = await app.count('delegations');
    const res = await organizer.client.data('{ delegations(first: null) { totalCount edges { cursor } pageInfo { hasNextPage } } }');
    expect(res.delegations.totalCount).toBe(total);
    expect(res.delegations.edges).toHaveLength(20);
    expect(res.delegations.pageInfo.hasNextPage).toBe(true);
  });

  it('answers a forged cursor with BAD_USER_INPUT on after, never a database error', async () => {
    await scheduleMeeting(organizer, { bodyId, startsAt: hoursFromNow(50) });
    const forged = [
      Buffer.from(JSON.stringify(['not a timestamp', randomUUID()])).toString('base64url'),
      Buffer.from(JSON.stringify(['2026-01-01 00:00:00+00', 'not-an-id'])).toString('base64url'),
      'garbage',
    ];
    for (const after of forged) {
      const error = await organizer.client.error('query($a: String) { meetings(first: 5, after: $a) { totalCount } }', { a: after }, 'BAD_USER_INPUT', 'after');
      expect(error.message).not.toMatch(/invalid input syntax|timestamp|uuid/i);
    }
  });
});
