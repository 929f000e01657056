import { RevokedTokenEntity } from './revoked-token.entity.js';
import { UserEntity } from './user.entity.js';

/** This feature's TypeORM entities; database/entities.ts collects every feature's list. */
export const AUTH_ENTITIES = [UserEntity, RevokedTokenEntity];
