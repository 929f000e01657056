import { AkomaNtosoController } from './akoma-ntoso.controller.js';
import { AkomaNtosoService } from './akoma-ntoso.service.js';
import { StatementTexts } from './statement-texts.js';
import { StatementAkomaNtosoResolver, StatementTranslationFieldsResolver, StatementVersionTranslationsResolver } from './statement-translations.resolver.js';
import { StatementTranslationsService } from './statement-translations.service.js';

export const TEXTS_PROVIDERS = [StatementTexts, StatementTranslationsService, StatementVersionTranslationsResolver, StatementTranslationFieldsResolver, AkomaNtosoService, StatementAkomaNtosoResolver];
export const TEXTS_CONTROLLERS = [AkomaNtosoController];
