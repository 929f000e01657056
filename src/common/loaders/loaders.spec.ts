import { describe, expect, it } from '@jest/globals';
import { type DataSource } from 'typeorm';
import { Loaders } from './loaders.js';

const later = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('per-request loaders', () => {
  it('send the references of sibling lists that return at different moments as one batch', async () => {
    const loaders = new Loaders({} as DataSource);
    const batches: string[][] = [];
    const delegations = () =>
      loaders.get<string, string>('delegations', async (ids) => {
        batches.push([...ids]);
        return ids.map((id) => `delegation ${id}`);
      });
    // Two lists asked for together; the first answers at once, the second a little later.
    const agenda = loaders.get<string, string[]>('agenda', async (keys) => keys.map(() => ['A', 'B']));
    const participants = loaders.get<string, string[]>('participants', async (keys) => {
      await later(30);
      return keys.map(() => ['B', 'C']);
    });
    const resolveList = async (list: Promise<string[]>) => Promise.all((await list).map((id) => delegations().load(id)));
    const [leads, invited] = await Promise.all([resolveList(agenda.load('m1')), resolveList(participants.load('m1'))]);
    expect(leads).toEqual(['delegation A', 'delegation B']);
    expect(invited).toEqual(['delegation B', 'delegation C']);
    expect(batches).toEqual([['A', 'B', 'C']]);
  });

  it('never holds a batch for long, even when a batch function waits for another loader', async () => {
    const loaders = new Loaders({} as DataSource);
    const inner = loaders.get<string, string>('inner', async (keys) => keys.map((k) => k.toUpperCase()));
    const outer = loaders.get<string, string>('outer', async (keys) => Promise.all(keys.map((k) => inner.load(k))));
    expect(await outer.loadMany(['a', 'b'])).toEqual(['A', 'B']);
  });
});
