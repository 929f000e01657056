import { BodyEntity } from './body.entity.js';
import { DelegationMembershipEntity } from './delegation-membership.entity.js';
import { DelegationEntity } from './delegation.entity.js';

/** This feature's TypeORM entities; database/entities.ts collects every feature's list. */
export const DELEGATION_ENTITIES = [DelegationEntity, DelegationMembershipEntity, BodyEntity];
