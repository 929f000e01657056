import type { Me } from '../../app/me';

/** Mirrors the API's Policy.manageMeetings: only shows the controls; the API decides (FORBIDDEN otherwise). */
export function canManageMeetings(me: Me | null): boolean {
  return me?.role === 'ORGANIZER' || me?.role === 'ADMIN';
}

/** Mirrors Policy.writeMinutes: the outcome of proceedings is written by organizers and clerks. */
export function canWriteMinutes(me: Me | null): boolean {
  return canManageMeetings(me) || me?.role === 'CLERK';
}

/** The participants (invited delegations) the user answers for: their own delegations (observers answer for none). */
export function myParticipants<P extends { delegation: { id: string } }>(me: Me | null, participants: readonly P[]): P[] {
  if (!me || me.role === 'OBSERVER') return [];
  const ids = new Set(me.memberships.map((m) => m.delegation.id));
  return participants.filter((p) => ids.has(p.delegation.id));
}

/** Mirrors src/meetings/meeting-lifecycle.ts (MEETING_TRANSITIONS), to offer only the moves the API allows. */
export const MEETING_TRANSITIONS: Record<string, readonly string[]> = {
  PLANNED: ['CONVENED', 'POSTPONED', 'CANCELLED'],
  CONVENED: ['IN_SESSION', 'POSTPONED', 'CANCELLED'],
  IN_SESSION: ['CONCLUDED'],
  POSTPONED: ['PLANNED', 'CANCELLED'],
  CONCLUDED: [],
  CANCELLED: [],
};

/** Time, place and agenda can still change (src/meetings/meeting-lifecycle.ts isEditable). */
export function isEditable(status: string): boolean {
  return status === 'PLANNED' || status === 'CONVENED' || status === 'POSTPONED';
}

/** Participants may still change their answer (isUpcoming). */
export function isUpcoming(status: string): boolean {
  return status === 'PLANNED' || status === 'CONVENED';
}
