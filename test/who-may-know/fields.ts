import { readFileSync } from 'node:fs';
import {
  buildSchema,
  getNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLOutputType,
  parse,
} from 'graphql';
import { checkCost, type QueryLimits, validateWithLimits } from '../../src/common/graphql/query-limits.js';

/**
 * Where each field reachable from `Statement` stands in the read rule. Every field of every type
 * reachable from `Statement` in schema.gql must be placed here: a new field fails the matrix until
 * someone decides what it tells and to whom.
 * - public: part of the statement as published (readable by anyone once PUBLISHED); version fields
 *   of the public part serve the adopted text only to readers without full access;
 * - drafting: the drafting record, for full access only: null or [] for a reader of a published
 *   statement they may not otherwise read;
 * - answers: another delegation's answer (positions, amendments, acknowledgments, objection),
 *   shown by the answers rule (`seesAllAnswers`, else one's own delegations' only);
 * - elsewhere: another entity with its own read rule (users, delegations, bodies, action items),
 *   not walked into here (its id only).
 */
export type Placement = 'public' | 'drafting' | 'answers' | 'elsewhere';

export const PLACEMENT: Record<string, Placement> = {
  'Statement.adoptedAt': 'public',
  'Statement.adoptedVersion': 'public',
  'Statement.adoptionMethod': 'public',
  'Statement.adoptionReservations': 'answers',
  'Statement.agendaItemId': 'public',
  'Statement.akomaNtoso': 'public',
  'Statement.amendments': 'drafting',
  'Statement.body': 'elsewhere',
  'Statement.circulations': 'drafting',
  'Statement.classification': 'public',
  'Statement.commitments': 'elsewhere', // action items: ActionItemAccess (signatories who may read the statement)
  'Statement.consensus': 'drafting',
  'Statement.createdAt': 'public',
  'Statement.createdBy': 'elsewhere',
  'Statement.currentVersion': 'public',
  'Statement.endorsements': 'public',
  'Statement.id': 'public',
  'Statement.implementation': 'elsewhere', // counts of commitment items: ActionItemAccess
  'Statement.language': 'public',
  'Statement.meetingId': 'public',
  'Statement.positions': 'drafting',
  'Statement.pressReference': 'public',
  'Statement.publishedAt': 'public',
  'Statement.reference': 'public',
  'Statement.signatories': 'public',
  'Statement.silenceDeadline': 'public', // the adopting deadline is the adoption date
  'Statement.silenceProcedure': 'drafting',
  'Statement.status': 'public',
  'Statement.title': 'public',
  'Statement.updatedAt': 'public',
  'Statement.versions': 'public',
  // One of `versions` by id, the same StatementVersion walked there and under currentVersion: here its
  // id only (a whole second subtree would double the walk's reads and pushes), which the matrix
  // still checks against the versions the reader may see (a reader of the published text: the adopted one).
  'Statement.version': 'elsewhere',
  'Statement.withdrawalReason': 'public',
  'Statement.withdrawnAt': 'public',
  'StatementVersion.appliedAmendments': 'drafting',
  'StatementVersion.author': 'elsewhere',
  'StatementVersion.contentHash': 'public',
  'StatementVersion.createdAt': 'public',
  'StatementVersion.diff': 'public',
  'StatementVersion.id': 'public',
  'StatementVersion.label': 'public',
  'StatementVersion.number': 'public',
  'StatementVersion.paragraphs': 'public',
  'StatementVersion.text': 'public',
  'StatementVersion.translations': 'public',
  'Position.current': 'answers',
  'Position.delegation': 'elsewhere',
  'Position.id': 'answers',
  'Position.reason': 'answers',
  'Position.recordedAt': 'answers',
  'Position.recordedBy': 'elsewhere',
  'Position.stance': 'answers',
  'Amendment.action': 'answers',
  'Amendment.appliedInVersion': 'answers',
  'Amendment.createdAt': 'answers',
  'Amendment.decidedAt': 'answers',
  'Amendment.decisionReason': 'answers',
  'Amendment.delegation': 'elsewhere',
  'Amendment.id': 'answers',
  'Amendment.paragraphKey': 'answers',
  'Amendment.rationale': 'answers',
  'Amendment.status': 'answers',
  'Amendment.text': 'answers',
  'Amendment.version': 'answers',
  'Circulation.closedAt': 'drafting',
  'Circulation.createdAt': 'drafting',
  'Circulation.deadline': 'drafting',
  'Circulation.id': 'drafting',
  'Circulation.purpose': 'drafting',
  'Circulation.recipients': 'answers',
  'Circulation.statement': 'drafting',
  'Circulation.status': 'drafting',
  'Circulation.version': 'drafting',
  'Consensus.entries': 'answers',
  'Consensus.holds': 'answers',
  'Consensus.versionId': 'answers',
  'Endorsement.createdAt': 'public',
  'Endorsement.delegation': 'elsewhere',
  'Endorsement.endorsedAt': 'public',
  'Endorsement.endorsedBy': 'elsewhere',
  'Endorsement.id': 'public',
  'Endorsement.statement': 'public',
  'Signatory.delegation': 'elsewhere',
  'Signatory.kind': 'public',
  'Signatory.since': 'public',
  'SilenceProcedure.circulation': 'drafting',
  'SilenceProcedure.circulationId': 'drafting',
  'SilenceProcedure.deadline': 'drafting',
  'SilenceProcedure.endedAt': 'drafting',
  'SilenceProcedure.launchedAt': 'drafting',
  'SilenceProcedure.objection': 'answers',
  'SilenceProcedure.status': 'drafting',
  'SilenceProcedure.version': 'drafting',
  'SilenceObjection.delegation': 'elsewhere',
  'SilenceObjection.reason': 'answers',
  'SilenceObjection.recordedAt': 'answers',
  'ParagraphChange.coarse': 'public',
  'ParagraphChange.fromPosition': 'public',
  'ParagraphChange.key': 'public',
  'ParagraphChange.kind': 'public',
  'ParagraphChange.kindChanged': 'public',
  'ParagraphChange.moved': 'public',
  'ParagraphChange.newText': 'public',
  'ParagraphChange.oldText': 'public',
  'ParagraphChange.toPosition': 'public',
  'ParagraphChange.type': 'public',
  'ParagraphChange.words': 'public',
  'WordChange.op': 'public',
  'WordChange.text': 'public',
  'Paragraph.key': 'public',
  'Paragraph.kind': 'public',
  'Paragraph.text': 'public',
  'StatementTranslation.contentHash': 'public',
  'StatementTranslation.createdAt': 'public',
  'StatementTranslation.createdBy': 'elsewhere',
  'StatementTranslation.id': 'public',
  'StatementTranslation.language': 'public',
  'StatementTranslation.outdated': 'public',
  'StatementTranslation.paragraphs': 'public',
  'StatementTranslation.title': 'public',
  'StatementTranslation.version': 'public',
  'CirculationRecipient.acknowledgedAt': 'answers',
  'CirculationRecipient.acknowledgedBy': 'elsewhere',
  'CirculationRecipient.circulation': 'answers',
  'CirculationRecipient.delegation': 'elsewhere',
  'CirculationRecipient.deliveredAt': 'answers',
  'CirculationRecipient.failedAt': 'answers',
  'CirculationRecipient.id': 'answers',
  'CirculationRecipient.late': 'answers',
  'CirculationRecipient.status': 'answers',
  'ConsensusEntry.answered': 'answers',
  'ConsensusEntry.delegation': 'elsewhere',
  'ConsensusEntry.stance': 'answers',
};

/**
 * Arguments the walk passes (required ones must be here). Variables of the query: `$against`, a
 * version every reader of the statement may read; `$draft`, its first version (for a published
 * statement, one that was never adopted).
 */
const ARGS: Record<string, string> = {
  'StatementVersion.diff': '(against: $against)',
  'Statement.positions': '(history: true, versionId: $draft)',
  'Statement.consensus': '(versionId: $draft)',
  'Statement.version': '(id: $draft)',
  'StatementVersion.text': '(language: "fr")',
  'Statement.akomaNtoso': '',
};

export function loadSchema(): GraphQLSchema {
  return buildSchema(readFileSync(new URL('../../schema.gql', import.meta.url), 'utf8'));
}

/** Object types reachable from Statement without entering `elsewhere` fields, and their fields as `Type.field`. */
export function reachableFields(schema: GraphQLSchema): string[] {
  const seen = new Set<string>();
  const fields: string[] = [];
  const queue = ['Statement'];
  while (queue.length) {
    const name = queue.shift()!;
    if (seen.has(name)) continue;
    seen.add(name);
    for (const f of Object.values((schema.getType(name) as GraphQLObjectType).getFields())) {
      const key = `${name}.${f.name}`;
      fields.push(key);
      const target = getNamedType(f.type);
      if (isObjectType(target) && PLACEMENT[key] !== 'elsewhere') queue.push(target.name);
    }
  }
  return fields;
}

/** One field of the walk: its name with arguments, and its sub-selection when it is an object. */
interface FieldNode {
  key: string;
  head: string;
  children: FieldNode[] | null;
}

/**
 * Every placed field from `type`, each type entered once per path (a type already on the path, and
 * `elsewhere` fields, get their id only), so the selection stays within the depth limit.
 */
function fieldTree(schema: GraphQLSchema, type: string, path: string[] = []): FieldNode[] {
  return Object.values((schema.getType(type) as GraphQLObjectType).getFields()).map((f) => {
    const key = `${type}.${f.name}`;
    const target = getNamedType(f.type);
    const head = `${f.name}${ARGS[key] ?? ''}`;
    if (!isObjectType(target)) return { key, head, children: null };
    const id = 'id' in target.getFields() ? 'id' : '__typename';
    if (PLACEMENT[key] === 'elsewhere' || [...path, type].includes(target.name))
      return { key, head, children: [{ key: `${target.name}.${id}`, head: id, children: null }] };
    return { key, head, children: fieldTree(schema, target.name, [...path, type]) };
  });
}

const render = (nodes: FieldNode[]): string => nodes.map((n) => (n.children ? `${n.head} { ${render(n.children)} }` : n.head)).join(' ');

const keysOf = (node: FieldNode): string[] => [node.key, ...(node.children ?? []).flatMap(keysOf)];

/**
 * The selection of every field reachable from Statement, at every path the walk finds, cut into as
 * few parts as fit under the cost limit (the server's own estimate, lists at their maxima): where
 * one field's subtree is too dear, its fields are spread over several parts under the same path. A
 * field too dear even alone at some deep path (a list under lists) is left out there; `covered`
 * says which fields were asked somewhere, and the matrix requires all of them. One query per part.
 */
export function selectionParts(schema: GraphQLSchema, wrap: (selection: string) => string, limits: QueryLimits): { parts: string[]; covered: Set<string> } {
  const covered = new Set<string>();
  const fits = (selection: string) => {
    try {
      const document = parse(wrap(selection), { maxTokens: limits.maxTokens });
      return validateWithLimits(schema, document, limits).length === 0 && !checkCost(schema, document, { id: 'x', against: 'x', draft: 'x' }, null, limits);
    } catch {
      return false; // over the token cap
    }
  };
  // Parts of `nodes` under a path (`within` wraps a selection in the path's fields).
  const split = (nodes: FieldNode[], within: (selection: string) => string): string[] => {
    const parts: string[] = [];
    let current: FieldNode[] = [];
    const flush = () => current.length && parts.push(within(render(current)));
    for (const node of nodes) {
      if (fits(within(render([...current, node])))) {
        current.push(node);
        keysOf(node).forEach((k) => covered.add(k));
        continue;
      }
      flush();
      current = [];
      if (fits(within(render([node])))) {
        current = [node];
        keysOf(node).forEach((k) => covered.add(k));
      } else if (node.children) {
        const inner = split(node.children, (selection) => within(`${node.head} { ${selection} }`));
        if (inner.length) covered.add(node.key);
        parts.push(...inner);
      }
    }
    flush();
    return parts;
  };
  return { parts: split(fieldTree(schema, 'Statement'), (selection) => `id ${selection}`), covered };
}

/** Each value of a response with the field it came from (`Type.field`), walking it along the schema. */
export function* valuesOf(schema: GraphQLSchema, type: string, value: Record<string, unknown>): Generator<{ key: string; value: unknown }> {
  const fields = (schema.getType(type) as GraphQLObjectType).getFields();
  for (const [name, v] of Object.entries(value)) {
    const f = fields[name];
    if (!f) continue;
    yield { key: `${type}.${name}`, value: v };
    const target = getNamedType(f.type);
    if (!isObjectType(target) || v === null || v === undefined) continue;
    for (const item of isList(f.type) ? (v as Record<string, unknown>[]) : [v as Record<string, unknown>]) yield* valuesOf(schema, target.name, item);
  }
}

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}
