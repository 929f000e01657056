import { NotificationDeliveryEntity } from './notification-delivery.entity.js';
import { NotificationPreferenceEntity } from './notification-preference.entity.js';
import { NotificationEntity } from './notification.entity.js';

/** This feature's TypeORM entities; database/entities.ts collects every feature's list. */
export const NOTIFICATION_ENTITIES = [NotificationEntity, NotificationDeliveryEntity, NotificationPreferenceEntity];
