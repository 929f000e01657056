import { Module } from '@nestjs/common';
import { AdoptionModule } from './adoption/adoption.module.js';
import { CirculationModule } from './circulation/circulation.module.js';
import { StatementsCoreModule } from './core/statements-core.module.js';
import { DraftingModule } from './drafting/drafting.module.js';
import { PublicationModule } from './publication/publication.module.js';
import { PUBLISHED_TEXTS, type PublishedTexts } from './publication/published-texts.port.js';
import { AkomaNtosoService } from './texts/akoma-ntoso.service.js';
import { StatementTexts } from './texts/statement-texts.js';
import { TextsModule } from './texts/texts.module.js';

/**
 * Joint statements: one Nest module per sub-feature (core, drafting, circulation, adoption,
 * publication, texts). Sub-features import core, adoption may import circulation, nothing else
 * crosses: where one needs another's service it declares a port, bound here (PUBLISHED_TEXTS) or
 * plugged in by the provider (ObjectionHooks, which SilenceService fills).
 */
@Module({
  imports: [
    StatementsCoreModule,
    DraftingModule,
    CirculationModule,
    AdoptionModule,
    TextsModule,
    PublicationModule.register({
      imports: [TextsModule],
      provider: {
        provide: PUBLISHED_TEXTS,
        inject: [StatementTexts, AkomaNtosoService],
        useFactory: (texts: StatementTexts, akn: AkomaNtosoService): PublishedTexts => ({
          paragraphsIn: (statement, version, language) => texts.paragraphsIn(statement, version, language),
          akomaNtoso: (statement, language) => akn.export(statement, language),
        }),
      },
    }),
  ],
  exports: [StatementsCoreModule, CirculationModule, AdoptionModule, TextsModule, PublicationModule],
})
export class StatementsModule {}
