/**
 * The read rule written out again, independently of src/, as the matrix's oracle: who may read a
 * statement (full access: its drafting record too), and who sees every delegation's answers.
 */
export type Classification = 'PUBLIC' | 'LIMITE' | 'RESTRICTED';
export type ViewerName = 'ADMIN' | 'ORGANIZER' | 'CLERK' | 'recipientHead' | 'bodyMember' | 'outsider' | 'OBSERVER';

export interface ViewerFacts {
  role: 'ADMIN' | 'ORGANIZER' | 'CLERK' | 'DELEGATE' | 'OBSERVER';
  /** Delegation codes. */
  delegations: string[];
}

/** DK and US are the body's members; FR is outside it; the observer is an (expert) member of DK. */
export const BODY = ['DK', 'US'];
export const VIEWERS: Record<ViewerName, ViewerFacts> = {
  ADMIN: { role: 'ADMIN', delegations: [] },
  ORGANIZER: { role: 'ORGANIZER', delegations: [] },
  CLERK: { role: 'CLERK', delegations: [] },
  recipientHead: { role: 'DELEGATE', delegations: ['DK'] },
  bodyMember: { role: 'DELEGATE', delegations: ['US'] },
  outsider: { role: 'DELEGATE', delegations: ['FR'] },
  OBSERVER: { role: 'OBSERVER', delegations: ['DK'] },
};

const secretariat = (v: ViewerFacts) => v.role === 'ADMIN' || v.role === 'ORGANIZER' || v.role === 'CLERK';
const any = (v: ViewerFacts, codes: readonly string[]) => v.delegations.some((d) => codes.includes(d));

/** Full access: the statement and its drafting record. */
export function full(v: ViewerFacts, c: Classification, recipients: readonly string[]): boolean {
  if (secretariat(v) || c === 'PUBLIC') return true;
  if (v.role === 'OBSERVER') return false;
  if (c === 'LIMITE') return any(v, BODY) || any(v, recipients);
  return any(v, recipients);
}

/** Sees every delegation's answers (else their own delegations' only). */
export function seesAll(v: ViewerFacts, c: Classification, recipients: readonly string[]): boolean {
  if (secretariat(v)) return true;
  if (c === 'PUBLIC' || v.role === 'OBSERVER') return false;
  return any(v, recipients);
}

/** May know the answer of `delegation` on a statement they may read (at the level the exit serves). */
export function answer(v: ViewerFacts, c: Classification, recipients: readonly string[], delegation: string): boolean {
  return seesAll(v, c, recipients) || v.delegations.includes(delegation);
}

/** A delegation's webhook stands for a DELEGATE of that delegation alone. */
export const delegationAsViewer = (code: string): ViewerFacts => ({ role: 'DELEGATE', delegations: [code] });
