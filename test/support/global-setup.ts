import { randomBytes } from 'node:crypto';

/**
 * Jest globalSetup of the e2e project: names the run's template database (template-database.ts),
 * unique to the run so that parallel runs never share one. Jest's workers inherit the variable.
 * (No relative imports here: Jest loads this file without the `.js` → `.ts` mapping of tests.)
 */
export default function globalSetup(): void {
  process.env.TEST_DATABASE_TEMPLATE = `concordia_template_${process.pid}_${randomBytes(4).toString('hex')}`;
}
