import { describe, expect, it } from '@jest/globals';
import { type QueueProcessor } from './queue-processor.js';
import { buildHandlerTable } from './queue-workers.js';

const ok = async () => 'done' as const;
const notifications = { queue: 'notifications', handlers: { notify: ok, deliver: ok } } as unknown as QueueProcessor;
const reminders = { queue: 'reminders', handlers: { meetingReminder: ok } } as unknown as QueueProcessor;
// A second processor on the same queue (features share `reminders`).
const actionItems = { queue: 'reminders', handlers: { actionItemReminder: ok, actionItemEscalation: ok, actionItemDigest: ok } } as unknown as QueueProcessor;
const circulation = {
  queue: 'circulation',
  handlers: { circulate: ok, deliverCirculation: ok, circulationReminder: ok, closeCirculation: ok },
} as unknown as QueueProcessor;
const procedures = { queue: 'procedures', handlers: { concludeSilence: ok } } as unknown as QueueProcessor;

describe('start-up check of job handlers', () => {
  it('maps every job name to its one handler', () => {
    const table = buildHandlerTable([notifications, reminders, actionItems, circulation, procedures]);
    expect([...table.get('notifications')!.keys()]).toEqual(['notify', 'deliver']);
    expect([...table.get('reminders')!.keys()]).toEqual(['meeting-reminder', 'action-item-reminder', 'action-item-escalation', 'action-item-digest']);
    expect([...table.get('circulation')!.keys()]).toEqual(['circulate', 'deliver-circulation', 'circulation-reminder', 'close-circulation']);
    expect([...table.get('procedures')!.keys()]).toEqual(['conclude-silence']);
  });

  it('fails when a job has no handler', () => {
    expect(() => buildHandlerTable([notifications, actionItems, circulation, procedures])).toThrow('Job reminders/meeting-reminder has no handler');
  });

  it('fails when a job has two handlers', () => {
    expect(() => buildHandlerTable([notifications, reminders, actionItems, circulation, procedures, reminders])).toThrow('has two handlers');
  });

  it('fails on a handler for a job that does not exist or sits in another queue', () => {
    const stray = { queue: 'reminders', handlers: { notify: ok } } as unknown as QueueProcessor;
    expect(() => buildHandlerTable([notifications, reminders, actionItems, circulation, procedures, stray])).toThrow('handles unknown job "notify"');
  });
});
