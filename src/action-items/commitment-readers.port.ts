import { type EntityManager } from 'typeorm';
import { type AuthUser } from '../auth/auth-user.js';

/**
 * Who may follow an action item that serves a statement commitment is a statements rule (the
 * signatory delegations' members who may read the statement). Action items declare what they need
 * here and statements provide it (statements/adoption/commitments/commitment-readers.ts), so that
 * action items import nothing from statements.
 */
export interface CommitmentReaders {
  /** The commitments whose action items the viewer follows; none without a delegation. Read with `em` (a transaction's, where there is one). */
  followedCommitmentIds(actor: AuthUser, em: EntityManager): Promise<string[]>;
}

export const COMMITMENT_READERS = Symbol('CommitmentReaders');
