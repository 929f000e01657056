import { CONSENTING_STANCES, type Stance } from './statement.enums.js';

export interface ConsensusEntry {
  delegationId: string;
  /** null: no answer. */
  stance: Stance | null;
}

export interface ConsensusSummary {
  entries: ConsensusEntry[];
  /** Everyone answered SUPPORT or ABSTAIN (a body without members has no consensus). */
  holds: boolean;
  /** Delegations that have not answered or hold anything but SUPPORT/ABSTAIN. */
  outstanding: string[];
}

/** Per member delegation its current stance on a version, and whether consensus holds. */
export function consensusOf(memberIds: string[], current: Map<string, Stance>): ConsensusSummary {
  const entries = memberIds.map((delegationId) => ({ delegationId, stance: current.get(delegationId) ?? null }));
  const outstanding = entries.filter((e) => e.stance === null || !CONSENTING_STANCES.has(e.stance)).map((e) => e.delegationId);
  return { entries, holds: entries.length > 0 && outstanding.length === 0, outstanding };
}
