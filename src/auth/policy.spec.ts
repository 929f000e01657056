import { describe, expect, it } from '@jest/globals';
import { DelegateRole } from '../delegations/delegation-kind.enum.js';
import { type AuthUser } from './auth-user.js';
import { Policy, type PolicyRule } from './policy.js';
import { Role } from './role.enum.js';

const user = (role: Role, delegations: string[] = []): AuthUser => ({
  id: `u-${role}`,
  email: `${role}@x`,
  name: role,
  role,
  timezone: 'UTC',
  memberships: delegations.map((delegationId) => ({ delegationId, delegateRole: DelegateRole.DELEGATE })),
});

/** Who may do what (DESIGN "Access rules"), one row per rule, columns in Role order. */
const MATRIX: Record<Exclude<PolicyRule, 'actForDelegation' | 'leadDelegation' | 'endorseFor'>, Record<Role, boolean>> = {
  manageUsers: { ADMIN: true, ORGANIZER: false, CLERK: false, DELEGATE: false, OBSERVER: false },
  manageDelegations: { ADMIN: true, ORGANIZER: true, CLERK: false, DELEGATE: false, OBSERVER: false },
  manageMeetings: { ADMIN: true, ORGANIZER: true, CLERK: false, DELEGATE: false, OBSERVER: false },
  writeMinutes: { ADMIN: true, ORGANIZER: true, CLERK: true, DELEGATE: false, OBSERVER: false },
  seeAllMeetings: { ADMIN: true, ORGANIZER: true, CLERK: true, DELEGATE: false, OBSERVER: false },
  manageStatements: { ADMIN: true, ORGANIZER: false, CLERK: true, DELEGATE: false, OBSERVER: false },
  seeAllStatements: { ADMIN: true, ORGANIZER: true, CLERK: true, DELEGATE: false, OBSERVER: false },
  seeAllEmails: { ADMIN: true, ORGANIZER: true, CLERK: true, DELEGATE: false, OBSERVER: false },
  readAudit: { ADMIN: true, ORGANIZER: false, CLERK: false, DELEGATE: false, OBSERVER: false },
  readDeliveryFailures: { ADMIN: true, ORGANIZER: false, CLERK: false, DELEGATE: false, OBSERVER: false },
  coordinateActionItems: { ADMIN: true, ORGANIZER: true, CLERK: true, DELEGATE: false, OBSERVER: false },
};

describe('access policy matrix', () => {
  for (const [rule, byRole] of Object.entries(MATRIX)) {
    for (const [role, allowed] of Object.entries(byRole)) {
      it(`${rule}: ${role} → ${allowed ? 'allowed' : 'denied'}`, () => {
        expect(Policy[rule as keyof typeof MATRIX](user(role as Role))).toBe(allowed);
      });
    }
  }

  it('lets only members act for a delegation, and never observers', () => {
    expect(Policy.actForDelegation(user(Role.DELEGATE, ['dk']), 'dk')).toBe(true);
    expect(Policy.actForDelegation(user(Role.DELEGATE, ['dk']), 'us')).toBe(false);
    expect(Policy.actForDelegation(user(Role.ADMIN), 'dk')).toBe(false);
    expect(Policy.actForDelegation(user(Role.OBSERVER, ['dk']), 'dk')).toBe(false);
  });

  it('lets the head or clerk of a delegation lead its follow-up, never other members or observers', () => {
    const member = (role: Role, delegateRole: DelegateRole): AuthUser => ({ ...user(role), memberships: [{ delegationId: 'dk', delegateRole }] });
    expect(Policy.leadDelegation(member(Role.DELEGATE, DelegateRole.HEAD_OF_DELEGATION), 'dk')).toBe(true);
    expect(Policy.leadDelegation(member(Role.DELEGATE, DelegateRole.CLERK), 'dk')).toBe(true);
    expect(Policy.leadDelegation(member(Role.DELEGATE, DelegateRole.HEAD_OF_DELEGATION), 'us')).toBe(false);
    expect(Policy.leadDelegation(member(Role.DELEGATE, DelegateRole.EXPERT), 'dk')).toBe(false);
    expect(Policy.leadDelegation(member(Role.OBSERVER, DelegateRole.HEAD_OF_DELEGATION), 'dk')).toBe(false);
  });

  it('lets a delegation’s head endorse for it, and the presidency or an admin on its behalf; nobody else', () => {
    const member = (role: Role, delegateRole: DelegateRole): AuthUser => ({ ...user(role), memberships: [{ delegationId: 'us', delegateRole }] });
    expect(Policy.endorseFor(member(Role.DELEGATE, DelegateRole.HEAD_OF_DELEGATION), 'us')).toBe(true);
    expect(Policy.endorseFor(member(Role.DELEGATE, DelegateRole.HEAD_OF_DELEGATION), 'dk')).toBe(false);
    expect(Policy.endorseFor(member(Role.DELEGATE, DelegateRole.DELEGATE), 'us')).toBe(false);
    expect(Policy.endorseFor(member(Role.DELEGATE, DelegateRole.CLERK), 'us')).toBe(false);
    expect(Policy.endorseFor(member(Role.OBSERVER, DelegateRole.HEAD_OF_DELEGATION), 'us')).toBe(false);
    expect(Policy.endorseFor(user(Role.ORGANIZER), 'us')).toBe(true);
    expect(Policy.endorseFor(user(Role.ADMIN), 'us')).toBe(true);
    expect(Policy.endorseFor(user(Role.CLERK), 'us')).toBe(false);
  });
});
