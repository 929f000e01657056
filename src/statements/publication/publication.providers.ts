import { PublicStatementsController } from './public-statements.controller.js';
import { PublicStatementsService } from './public-statements.service.js';
import { PublicationNotifications } from './publication.notifications.js';
import { EndorsementFieldsResolver, PublicationResolver, SignatoryFieldsResolver } from './publication.resolver.js';
import { PublicationService } from './publication.service.js';

/** PUBLISHED_TEXTS, which PublicStatementsService injects, is bound by statements.module.ts (texts provides it). */
export const PUBLICATION_PROVIDERS = [PublicationService, PublicStatementsService, PublicationNotifications, PublicationResolver, EndorsementFieldsResolver, SignatoryFieldsResolver];
export const PUBLICATION_CONTROLLERS = [PublicStatementsController];
