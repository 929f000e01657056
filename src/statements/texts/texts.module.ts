import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module.js';
import { StatementsCoreModule } from '../core/statements-core.module.js';
import { AkomaNtosoController } from './akoma-ntoso.controller.js';
import { AkomaNtosoService } from './akoma-ntoso.service.js';
import { StatementTexts } from './statement-texts.js';
import { StatementAkomaNtosoResolver, StatementTranslationFieldsResolver, StatementVersionTranslationsResolver } from './statement-translations.resolver.js';
import { StatementTranslationsService } from './statement-translations.service.js';

@Module({
  imports: [AuthModule, StatementsCoreModule],
  providers: [
    StatementTexts,
    StatementTranslationsService,
    StatementVersionTranslationsResolver,
    StatementTranslationFieldsResolver,
    AkomaNtosoService,
    StatementAkomaNtosoResolver,
  ],
  controllers: [AkomaNtosoController],
  exports: [StatementTexts, AkomaNtosoService],
})
export class TextsModule {}
