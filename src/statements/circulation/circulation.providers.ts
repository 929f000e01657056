import { AnswersService } from './answers.service.js';
import { CirculationProcessor } from './circulation.processor.js';
import {
  AmendmentFieldsResolver,
  CirculationRecipientFieldsResolver,
  CirculationResolver,
  ConsensusEntryFieldsResolver,
  PositionFieldsResolver,
  StatementVersionFieldsResolver,
} from './circulation.resolver.js';
import { CirculationService } from './circulation.service.js';
import { MyCirculationsService } from './my-circulations.service.js';
import { StatementNotifications } from './statement.notifications.js';

/** OBJECTION_HOOK, which AnswersService injects, is bound by statements.module.ts (adoption provides it). */
export const CIRCULATION_PROVIDERS = [
  CirculationService,
  AnswersService,
  MyCirculationsService,
  StatementNotifications,
  CirculationProcessor,
  CirculationResolver,
  CirculationRecipientFieldsResolver,
  StatementVersionFieldsResolver,
  AmendmentFieldsResolver,
  PositionFieldsResolver,
  ConsensusEntryFieldsResolver,
];
