import { ActionItemReferenceCounterEntity } from './action-item-reference.entity.js';
import { ActionItemUpdateEntity } from './action-item-update.entity.js';
import { ActionItemEntity } from './action-item.entity.js';

/** This feature's TypeORM entities; database/entities.ts collects every feature's list. */
export const ACTION_ITEM_ENTITIES = [ActionItemEntity, ActionItemUpdateEntity, ActionItemReferenceCounterEntity];
