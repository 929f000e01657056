import { type DelegateRole } from '../delegations/delegation-kind.enum.js';
import { Role } from './role.enum.js';

export interface AuthMembership {
  delegationId: string;
  delegateRole: DelegateRole;
}

/** The signed-in user as every service sees it: identity, platform role and delegations. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  timezone: string;
  memberships: AuthMembership[];
  /** Id of the HTTP request (or socket operation) acting, copied into audit events. */
  requestId?: string;
  /** The access token this user was authenticated with (sign-out revokes it; sockets close at its expiry). */
  session?: { tokenId: string; expiresAt: Date };
}

export function delegationIdsOf(user: AuthUser): string[] {
  return user.memberships.map((m) => m.delegationId);
}
