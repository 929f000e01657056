import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../config/app-config.js';

const DAY = 24 * 3600_000;

describe('action item configuration', () => {
  it('defaults to reminders 7 and 1 days ahead, escalation a day after, digest checks every 15 minutes', () => {
    expect(loadConfig({}).actionItems).toEqual({ reminderOffsetsMs: [7 * DAY, DAY], escalationAfterMs: DAY, digestPattern: '*/15 * * * *' });
  });

  it('takes shortened offsets (as tests do), sorted and without repeats', () => {
    const c = loadConfig({ ACTION_ITEM_REMINDER_OFFSETS: '2s, 1h,2s', ACTION_ITEM_ESCALATION_AFTER: '500ms', ACTION_ITEM_DIGEST_PATTERN: '* * * * * *' });
    expect(c.actionItems).toEqual({ reminderOffsetsMs: [3600_000, 2000], escalationAfterMs: 500, digestPattern: '* * * * * *' });
  });

  it.each([
    [{ ACTION_ITEM_REMINDER_OFFSETS: '7d,soon' }, 'ACTION_ITEM_REMINDER_OFFSETS'],
    [{ ACTION_ITEM_ESCALATION_AFTER: 'tomorrow' }, 'ACTION_ITEM_ESCALATION_AFTER'],
    [{ ACTION_ITEM_DIGEST_PATTERN: 'every monday' }, 'ACTION_ITEM_DIGEST_PATTERN'],
  ])('names the bad variable: %o', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(variable);
  });
});
