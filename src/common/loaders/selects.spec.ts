import { describe, expect, it } from '@jest/globals';
import { type FieldNode, type FragmentDefinitionNode, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { selectionOf, selects } from './selects.js';

/** The info of the first field of the query (`agenda`), as graphql-js hands it to its resolver. */
function infoOf(query: string) {
  const doc = parse(query);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  return { fieldNodes: [op.selectionSet.selections[0] as FieldNode], fragments };
}

describe('selects', () => {
  it('finds a field asked for directly, under an alias, in inline fragments and in (nested) fragment spreads', () => {
    expect(selects(infoOf('{ agenda { title leadDelegation { code } } }'), 'leadDelegation')).toBe(true);
    expect(selects(infoOf('{ agenda { lead: leadDelegation { code } } }'), 'leadDelegation')).toBe(true);
    expect(selects(infoOf('{ agenda { ... on AgendaItem { leadDelegation { code } } } }'), 'leadDelegation')).toBe(true);
    expect(
      selects(infoOf('{ agenda { ...A } } fragment A on AgendaItem { ...B } fragment B on AgendaItem { leadDelegation { code } }'), 'leadDelegation'),
    ).toBe(true);
  });

  it('does not find a field that is not asked for on this level, and survives cyclic fragments', () => {
    expect(selects(infoOf('{ agenda { title } }'), 'leadDelegation')).toBe(false);
    expect(selects(infoOf('{ agenda { meeting { leadDelegation { code } } } }'), 'leadDelegation')).toBe(false);
    expect(selects(infoOf('{ agenda { ...A } } fragment A on AgendaItem { ...A title }'), 'leadDelegation')).toBe(false);
  });
});

describe('selectionOf', () => {
  it('gives the nodes of a field one level down, through aliases and fragments, so selects can look further', () => {
    const info = infoOf('{ meeting { a: agenda { title } ...M } } fragment M on Meeting { agenda { leadDelegation { code } } participants { rsvp } }');
    const agenda = selectionOf(info, 'agenda');
    expect(agenda.fieldNodes).toHaveLength(2);
    expect(selects(agenda, 'leadDelegation')).toBe(true);
    expect(selects(selectionOf(info, 'participants'), 'delegation')).toBe(false);
    expect(selectionOf(info, 'outcomeOfProceedings').fieldNodes).toHaveLength(0);
  });
});
