import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/auth/role.enum.js';
import { loadDemoData } from '../src/demo/load-demo-data.js';
import { GraphQLClient } from './support/graphql-client.js';
import { TestApp } from './support/test-app.js';

/** The demo's follow-up of the Copenhagen Ministerial fills the dashboard and loads only once. */
describe('demo action items', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start({ demo: true, worker: false });
  });
  afterAll(() => app.close());

  it('gives the dashboard done, blocked, overdue and soon-due items of COM, US, DK, CY and member states', async () => {
    const clerk = await app.as(Role.CLERK);
    const { actionItemSummary } = await clerk.client.data('{ actionItemSummary { delegation { code } done blocked overdue dueIn7Days total } }');
    const byCode = Object.fromEntries(actionItemSummary.map((s: any) => [s.delegation.code, s]));
    expect(Object.keys(byCode)).toEqual(expect.arrayContaining(['COM', 'US', 'DK', 'CY', 'DE', 'FR', 'NL', 'SE']));
    const sum = (k: string) => actionItemSummary.reduce((n: number, s: any) => n + s[k], 0);
    expect(sum('done')).toBeGreaterThanOrEqual(3);
    expect(sum('blocked')).toBe(1);
    expect(sum('overdue')).toBeGreaterThanOrEqual(3);
    expect(sum('dueIn7Days')).toBeGreaterThanOrEqual(1);

    // The Danish head of delegation signs in with the demo password and sees Denmark's items first.
    const { login } = await app.anonymous.data('mutation { login(input: { email: "delegate.dk@concordia.test", password: "concordia" }) { accessToken } }');
    const dk = new GraphQLClient(app.url, login.accessToken);
    const { myActionItems } = await dk.data('{ myActionItems(first: 20) { edges { node { reference ownerDelegation { code } meeting { title } } } } }');
    expect(myActionItems.edges.length).toBeGreaterThan(0);
    expect(myActionItems.edges[0].node.reference).toMatch(/^AI-2012-\d{4}$/);

    const before = await app.count('action_items');
    expect(await loadDemoData(app.dataSource, 'concordia')).toBe(0);
    expect(await app.count('action_items')).toBe(before);
  });
});
