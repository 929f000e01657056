import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/auth/role.enum.js';
import { MAX_OPERATION_LABELS } from '../src/metrics/metrics.service.js';
import { createBody, scheduleMeeting, hoursFromNow } from './support/meetings.js';
import { TestApp } from './support/test-app.js';
import { GRAPHQL_ACCEPT } from './support/graphql-client.js';

const METRICS_TOKEN = 'metrics-scrape-token-for-tests';

describe('resource limits: metrics, document size, body size', () => {
  let app: TestApp;

  const scrape = (token: string | null = METRICS_TOKEN) => fetch(`${app.url}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const post = (body: string) => fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept: GRAPHQL_ACCEPT }, body });
  const operationLabels = (text: string) =>
    new Set([...text.matchAll(/concordia_graphql_operation_duration_seconds_count\{operation="([^"]*)"/g)].map((m) => m[1]));

  /** `n` anonymous requests, each with a made-up operation name, 20 at a time. */
  async function madeUpOperations(n: number, offset: number): Promise<void> {
    for (let i = 0; i < n; i += 20) {
      await Promise.all(
        Array.from({ length: Math.min(20, n - i) }, (_, j) =>
          post(JSON.stringify({ query: `query Made_up_${offset + i + j} { __typename }` })).then((r) => r.arrayBuffer()),
        ),
      );
    }
  }

  beforeAll(async () => {
    app = await TestApp.start({ worker: false, env: { METRICS_TOKEN } });
  });
  afterAll(() => app.close());

  it('serves /metrics only with METRICS_TOKEN', async () => {
    expect((await scrape(null)).status).toBe(404);
    expect((await scrape('wrong-token-of-some-length')).status).toBe(404);
    const ok = await scrape();
    expect(ok.status).toBe(200);
    expect(await ok.text()).toMatch(/concordia_http_request_duration_seconds/);
  });

  it('keeps /metrics bounded after 2,000 made-up operation names (later names become "other")', async () => {
    await madeUpOperations(2000, 0);
    const first = await (await scrape()).text();
    const labels = operationLabels(first);
    expect(labels.size).toBeLessThanOrEqual(MAX_OPERATION_LABELS + 3);
    expect(labels).toContain('other');
    await madeUpOperations(500, 2000);
    const second = await (await scrape()).text();
    expect(operationLabels(second)).toEqual(labels);
    // Only counters move; no new series appear.
    expect(Math.abs(second.length - first.length)).toBeLessThan(2_000);
  }, 120_000);

  it('refuses a 90 KB anonymous document while parsing, before any validation runs', async () => {
    const alias = (i: number) => `a${i}: delegations(first: 100) { edges { node { members { user { email } } } } }`;
    const parts: string[] = [];
    for (let i = 0; parts.join(' ').length < 90_000; i++) parts.push(alias(i));
    const query = `{ ${parts.join(' ')} }`;
    expect(query.length).toBeGreaterThan(90_000);
    const res = await post(JSON.stringify({ query }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    // A parse failure: Apollo answers before its validation step ever starts.
    expect(body.errors).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/more th(an|at) 5000 tokens/), extensions: { code: 'GRAPHQL_PARSE_FAILED' } }),
    ]);
    expect((await fetch(`${app.url}/health`)).status).toBe(200);
  });

  it('lets the longest minutes (200,000 characters) through the body limit, and refuses bodies over 1 MiB', async () => {
    const organizer = await app.as(Role.ORGANIZER);
    const body = await createBody(organizer, app, { members: ['DK'] });
    const m = await scheduleMeeting(organizer, { bodyId: body.id, startsAt: hoursFromNow(48) });
    const text = 'Ministers agreed – ἀγορά. '.repeat(200_000 / 26 + 1).slice(0, 200_000);
    const save = 'mutation($i: SaveOutcomeOfProceedingsInput!) { saveOutcomeOfProceedings(input: $i) { revision } }';
    expect((await organizer.client.data(save, { i: { meetingId: m.id, text, baseRevision: 0 } })).saveOutcomeOfProceedings.revision).toBe(1);
    const [row] = await app.dataSource.query('SELECT length(text) AS n FROM meeting_minutes_revisions WHERE meeting_id = $1', [m.id]);
    expect(row.n).toBe(200_000);

    const revisions = await app.count('meeting_minutes_revisions');
    const tooBig = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${organizer.token}` },
      body: JSON.stringify({ query: save, variables: { i: { meetingId: m.id, text: 'x'.repeat(1_100_000), baseRevision: 1 } } }),
    });
    expect(tooBig.status).toBe(413);
    expect(await app.count('meeting_minutes_revisions')).toBe(revisions);
  });

  it('stores only a hash of the calendar-feed token, and the URL still works', async () => {
    const user = await app.as(Role.DELEGATE, 'DK');
    const url = (await user.client.data('{ calendarFeedUrl }')).calendarFeedUrl as string;
    const token = /\/calendar\/feed\/([^/]+)\.ics$/.exec(url)![1];
    expect((await app.anonymous.get(new URL(url).pathname)).status).toBe(200);
    const [row] = await app.dataSource.query('SELECT to_jsonb(u.*)::text AS json, calendar_token_hash FROM users u WHERE id = $1', [user.user.id]);
    expect(row.calendar_token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(row.json).not.toContain(token);
    // Shown again on request (derived, not stored), until reset.
    expect((await user.client.data('{ calendarFeedUrl }')).calendarFeedUrl).toBe(url);
  });
});
