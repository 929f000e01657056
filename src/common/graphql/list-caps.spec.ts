import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, getNullableType, isListType, isObjectType } from 'graphql';
import { MAX_BULK_ITEMS } from '../../action-items/action-item.inputs.js';
import { LIST_CAPS, ListMax } from './list-caps.js';

// schema.gql is the running schema (a test fails when it is stale), so this covers every field.
const schema = buildSchema(readFileSync(join(__dirname, '../../../schema.gql'), 'utf8'));

/** Every list field that is not paged: not a connection's `edges` and without a `first` argument. */
function unpagedLists(): string[] {
  const found: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!isListType(getNullableType(field.type))) continue;
      if (field.name === 'edges' && type.name.endsWith('Connection')) continue;
      if (field.args.some((a) => a.name === 'first')) continue;
      found.push(`${type.name}.${field.name}`);
    }
  }
  return found.sort();
}

describe('list caps', () => {
  it('declares a maximum for every unpaged list field of the schema', () => {
    const lists = unpagedLists();
    expect(lists.length).toBeGreaterThan(10);
    expect(lists.filter((l) => !(l in LIST_CAPS))).toEqual([]);
  });

  it('declares nothing for fields the schema does not have', () => {
    const lists = new Set(unpagedLists());
    expect(Object.keys(LIST_CAPS).filter((l) => !lists.has(l))).toEqual([]);
  });

  it('lists bounded by construction stay within their maximum', () => {
    const enumSize = (name: string) => (schema.getType(name) as unknown as { getValues(): unknown[] }).getValues().length;
    expect(enumSize('NotificationKind')).toBeLessThanOrEqual(ListMax.NOTIFICATION_KINDS);
    expect(enumSize('NotificationChannel')).toBeLessThanOrEqual(ListMax.NOTIFICATION_CHANNELS);
    expect(MAX_BULK_ITEMS).toBeLessThanOrEqual(ListMax.BULK_ACTION_ITEMS);
  });

  it('docs/security.md states every maximum that is enforced or truncated', () => {
    const docs = readFileSync(join(__dirname, '../../../docs/security.md'), 'utf8');
    const rows = docs
      .split('### List maxima')[1]
      .split('\n')
      .filter((l) => l.startsWith('| `'));
    for (const [list, cap] of Object.entries(LIST_CAPS)) {
      if (cap.holds === 'bounded') continue;
      const row = rows.find((r) => r.includes(`\`${list}\``));
      expect([list, row?.includes(String(cap.max))]).toEqual([list, true]);
    }
  });

  it('every maximum is a positive whole number', () => {
    for (const [list, cap] of Object.entries(LIST_CAPS)) expect([list, Number.isInteger(cap.max) && cap.max > 0]).toEqual([list, true]);
  });
});
