import { AdoptionResolver } from './adoption.resolver.js';
import { AdoptionService } from './adoption.service.js';
import { LifecycleNotifications } from './lifecycle.notifications.js';
import { SilenceNotifications } from './silence.notifications.js';
import { ProceduresProcessor } from './silence.processor.js';
import { SilenceObjectionFieldsResolver, SilenceProcedureFieldsResolver, SilenceResolver } from './silence.resolver.js';
import { SilenceService } from './silence.service.js';

/** Commitments, created at adoption, have their own module (commitments/commitments.module.ts). */
export const ADOPTION_PROVIDERS = [
  AdoptionService,
  AdoptionResolver,
  LifecycleNotifications,
  SilenceService,
  SilenceNotifications,
  ProceduresProcessor,
  SilenceResolver,
  SilenceProcedureFieldsResolver,
  SilenceObjectionFieldsResolver,
];
