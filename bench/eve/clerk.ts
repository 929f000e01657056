import { performance } from 'node:perf_hooks';
import { type Answer, type GraphqlClient } from './http.js';
import { type World } from './operations.js';

export const PARAGRAPHS = 40;
/** Circulations of one statement before the clerk drafts the next (the schema caps them at 20 per statement, versions at 30). */
const CIRCULATIONS_PER_STATEMENT = 10;

interface Paragraph {
  key?: string;
  kind: 'PREAMBLE' | 'OPERATIVE' | 'GOAL';
  text: string;
}

const DRAFT = `mutation Draft($i: DraftStatementInput!) { draftStatement(input: $i) { id reference currentVersion { id paragraphs { key kind text } } } }`;
const REVISE = `mutation Revise($i: ReviseStatementInput!) { reviseStatement(input: $i) { id currentVersion { id number paragraphs { key kind text } } } }`;
const CIRCULATE = `mutation Circulate($i: CirculateStatementInput!) { circulateStatement(input: $i) { id } }`;

/** A joint statement of 40 paragraphs (6 preamble, 28 operative, 6 goals), about 300 characters each. */
export function statementText(n: number): Paragraph[] {
  return Array.from({ length: PARAGRAPHS }, (_, i) => {
    const kind = i < 6 ? 'PREAMBLE' : i < 34 ? 'OPERATIVE' : 'GOAL';
    const text =
      kind === 'PREAMBLE'
        ? `Recalling the commitments made at earlier Ministerial meetings on justice and home affairs, and in particular those on the protection of children online (recital ${i + 1} of draft ${n}),`
        : kind === 'GOAL'
          ? `Goal ${i - 33}: enhance joint efforts to identify victims, to reduce the availability of abuse material online, to investigate and prosecute offenders, and to raise public awareness of the risks children face.`
          : `${i - 5}. The participants undertake to exchange information on best practices, to designate national contact points within three months, and to report on the measures taken at the next Ministerial meeting, with due regard to data protection and fundamental rights.`;
    return { kind, text };
  });
}

/**
 * The clerk of the eve: every call to `step` circulates a new revision of the statement to the body's
 * delegations (a fan-out on the worker), or a new statement once the current one has had its
 * circulations; the virtual users then answer on what was circulated last.
 */
export class Clerk {
  private paragraphs: Paragraph[] = [];
  private statementId = '';
  private versionId = '';
  private circulations = 0;
  private drafts = 0;

  constructor(
    private readonly client: GraphqlClient,
    private readonly token: string,
    private readonly bodyId: string,
    private readonly world: World,
    private readonly record: (op: string, ms: number, a: Answer) => void,
  ) {}

  /** The next circulation; false when a step failed (recorded as an error). */
  async step(): Promise<boolean> {
    let versionId: string;
    if (this.circulations === 0 || this.circulations >= CIRCULATIONS_PER_STATEMENT) {
      this.drafts++;
      const a = await this.timed('clerk: draft 40 ¶', DRAFT, {
        i: { bodyId: this.bodyId, title: `Joint statement on the protection of children online, draft ${this.drafts}`, paragraphs: statementText(this.drafts) },
      });
      if (a.error) return false;
      const s = a.data.draftStatement;
      this.statementId = s.id;
      versionId = s.currentVersion.id;
      this.paragraphs = s.currentVersion.paragraphs;
      this.circulations = 0;
      this.versionId = versionId;
    } else {
      // One paragraph reworded per revision, the others as they were (same keys).
      const at = (this.circulations * 7) % PARAGRAPHS;
      const paragraphs = this.paragraphs.map((p, i) => (i === at ? { ...p, text: `${p.text} [revised ${this.circulations}]` } : p));
      const a = await this.timed('clerk: revise', REVISE, { i: { statementId: this.statementId, baseVersionId: this.versionId, paragraphs } });
      if (a.error) return false;
      versionId = a.data.reviseStatement.currentVersion.id;
      this.paragraphs = a.data.reviseStatement.currentVersion.paragraphs;
      this.versionId = versionId;
    }
    const deadline = new Date(Date.now() + 2 * 24 * 3600 * 1000).toISOString();
    const c = await this.timed('clerk: circulate', CIRCULATE, { i: { statementId: this.statementId, versionId, purpose: 'COMMENTS', deadline } });
    if (c.error) return false;
    this.circulations++;
    // Reads and answers go to the version just circulated from now on.
    this.world.statementId = this.statementId;
    this.world.versionId = versionId;
    this.world.circulationId = c.data.circulateStatement.id;
    return true;
  }

  private async timed(op: string, query: string, variables: Record<string, unknown>): Promise<Answer> {
    const t = performance.now();
    const a = await this.client.send(query, variables, this.token);
    this.record(op, performance.now() - t, a);
    return a;
  }
}
