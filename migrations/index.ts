import { type MigrationInterface } from 'typeorm';
import { Foundation1795956342971 } from './1795956342971-Foundation.js';
import { MeetingsAndNotifications1795956378247 } from './1795956378247-MeetingsAndNotifications.js';
import { ActionItems1795978277504 } from './1795978277504-ActionItems.js';
import { SecurityHardening1796000000000 } from './1796000000000-SecurityHardening.js';
import { Statements1797000000000 } from './1797000000000-Statements.js';
import { StatementAdoption1798000000000 } from './1798000000000-StatementAdoption.js';
import { SilenceProcedure1798000001000 } from './1798000001000-SilenceProcedure.js';
import { StatementPublication1798000002000 } from './1798000002000-StatementPublication.js';
import { StatementTranslations1798000003000 } from './1798000003000-StatementTranslations.js';
import { CommitmentsAndSearch1798000004000 } from './1798000004000-CommitmentsAndSearch.js';
import { DirectChangeGuards1799000000000 } from './1799000000000-DirectChangeGuards.js';
import { NotificationEventKey1799000001000 } from './1799000001000-NotificationEventKey.js';
import { NotificationLanguage1799000003000 } from './1799000003000-NotificationLanguage.js';
import { PasswordLogin1799000004000 } from './1799000004000-PasswordLogin.js';

/** Every migration, in order. An explicit list works the same for the app, Jest and the CLI. */
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  Foundation1795956342971,
  MeetingsAndNotifications1795956378247,
  ActionItems1795978277504,
  SecurityHardening1796000000000,
  Statements1797000000000,
  StatementAdoption1798000000000,
  SilenceProcedure1798000001000,
  StatementPublication1798000002000,
  StatementTranslations1798000003000,
  CommitmentsAndSearch1798000004000,
  DirectChangeGuards1799000000000,
  NotificationEventKey1799000001000,
  NotificationLanguage1799000003000,
  PasswordLogin1799000004000,
];
