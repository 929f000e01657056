import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'concordia:isPublic';

/** Marks the few operations and routes that need no token (login, health, metrics, feeds). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
