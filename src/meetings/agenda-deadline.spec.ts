import { describe, expect, it } from '@jest/globals';
import { agendaLateness } from './agenda-deadline.js';

const start = new Date('2012-06-21T07:30:00Z');
const daysBefore = (d: number) => new Date(start.getTime() - d * 86_400_000);

describe('late agenda', () => {
  it('accepts an agenda circulated 21 days ahead for a JHA body, and 14 for others', () => {
    expect(agendaLateness({ startsAt: start, agendaCirculatedAt: daysBefore(21) }, true, start).late).toBe(false);
    expect(agendaLateness({ startsAt: start, agendaCirculatedAt: daysBefore(14) }, false, start).late).toBe(false);
  });

  it('flags a JHA agenda circulated 15 days ahead, with the reason', () => {
    const r = agendaLateness({ startsAt: start, agendaCirculatedAt: daysBefore(15) }, true, start);
    expect(r.late).toBe(true);
    expect(r.reason).toBe('Agenda circulated 15 days before the meeting; JHA bodies circulate at least 21 days before the meeting');
  });

  it('flags a missing agenda once the deadline has passed, but not before', () => {
    expect(agendaLateness({ startsAt: start, agendaCirculatedAt: null }, false, daysBefore(15)).late).toBe(false);
    const r = agendaLateness({ startsAt: start, agendaCirculatedAt: null }, false, daysBefore(13));
    expect(r.late).toBe(true);
    expect(r.reason).toContain('not circulated and due since 2012-06-07');
  });
});
