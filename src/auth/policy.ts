import { AppError } from '../common/errors/app-error.js';
import { DelegateRole } from '../delegations/delegation-kind.enum.js';
import { type AuthUser } from './auth-user.js';
import { Role } from './role.enum.js';

/**
 * Who may do what, in one place (DESIGN "Access rules"). Pure functions over the actor, so the
 * rules are testable as a matrix and services stay free of role lists.
 */
export const Policy = {
  /** Users and delegations of the platform. */
  manageUsers: (a: AuthUser) => a.role === Role.ADMIN,
  /** Delegations, memberships, bodies. */
  manageDelegations: (a: AuthUser) => a.role === Role.ADMIN || a.role === Role.ORGANIZER,
  /** Meetings, agendas, invitations, attendance. */
  manageMeetings: (a: AuthUser) => a.role === Role.ADMIN || a.role === Role.ORGANIZER,
  /** Outcome of proceedings (minutes). */
  writeMinutes: (a: AuthUser) => a.role === Role.ADMIN || a.role === Role.ORGANIZER || a.role === Role.CLERK,
  /** Sees every meeting regardless of invitations. */
  seeAllMeetings: (a: AuthUser) => a.role === Role.ADMIN || a.role === Role.ORGANIZER || a.role === Role.CLERK,
  /** Drafting, revising and circulating statements, deciding amendments. */
  manageStatements: (a: AuthUser) => a.role === Role.ADMIN || a.role === Role.CLERK,
  /** Reads every statement and every delegation's answers (the secretariat and the presidency). */
  seeAllStatements: (a: AuthUser) => a.role === Role.ADMIN || a.role === Role.ORGANIZER || a.role === Role.CLERK,
  /** E-mail addresses of everyone (others see their own and their delegations' members' only). */
  seeAllEmails: (a: AuthUser) => a.role === Role.ADMIN || a.role === Role.ORGANIZER || a.role === Role.CLERK,
  readAudit: (a: AuthUser) => a.role === Role.ADMIN,
  readDeliveryFailures: (a: AuthUser) => a.role === Role.ADMIN,
  /** Acting for a delegation (answering, accrediting) needs membership, whatever the platform role. */
  actForDelegation: (a: AuthUser, delegationId: string) => a.role !== Role.OBSERVER && a.memberships.some((m) => m.delegationId === delegationId),
  /** Follow-up across delegations: creating, editing and cancelling any delegation's action items. */
  coordinateActionItems: (a: AuthUser) => a.role === Role.ADMIN || a.role === Role.ORGANIZER || a.role === Role.CLERK,
  /** Speaking for a delegation's follow-up (creating its action items): its head or its clerk. */
  leadDelegation: (a: AuthUser, delegationId: string) =>
    a.role !== Role.OBSERVER &&
    a.memberships.some((m) => m.delegationId === delegationId && (m.delegateRole === DelegateRole.HEAD_OF_DELEGATION || m.delegateRole === DelegateRole.CLERK)),
  /**
   * Joining a published statement for a delegation: its head of delegation, or the presidency and
   * secretariat (ORGANIZER, ADMIN) recording an endorsement received by letter on its behalf.
   */
  endorseFor: (a: AuthUser, delegationId: string) =>
    a.role === Role.ADMIN ||
    a.role === Role.ORGANIZER ||
    (a.role !== Role.OBSERVER && a.memberships.some((m) => m.delegationId === delegationId && m.delegateRole === DelegateRole.HEAD_OF_DELEGATION)),
} as const;

export type PolicyRule = keyof typeof Policy;

/** Throws FORBIDDEN unless the rule allows the actor. */
export function authorize(allowed: boolean, message?: string): void {
  if (!allowed) throw AppError.forbidden(message);
}
