import { describe, expect, it } from '@jest/globals';
import { reservationsAtAdoption } from './adoption-reservations.js';
import { remainingMs, silenceJobId, SilenceStatus, silenceStatusOf } from './silence-procedure.js';
import { AdoptionMethod, CirculationStatus, Stance, StatementStatus } from '../core/statement.enums.js';

const at = (iso: string) => new Date(iso);

describe('silence procedure rules', () => {
  it('names the deadline in the job id, so a moved deadline is a new job and the old one is stale', () => {
    const deadline = at('2012-06-20T16:00:00Z');
    expect(silenceJobId('c1', deadline)).toBe(`silence-c1-${deadline.getTime()}`);
    expect(silenceJobId('c1', deadline)).toBe(silenceJobId('c1', new Date(deadline.getTime())));
    expect(silenceJobId('c1', at('2012-06-20T18:00:00Z'))).not.toBe(silenceJobId('c1', deadline));
    expect(silenceJobId('c2', deadline)).not.toBe(silenceJobId('c1', deadline));
  });

  it('derives the procedure status from the circulation and the statement', () => {
    const c = (status: CirculationStatus) => ({ status, versionId: 'v2' });
    const s = (status: StatementStatus, adoptionMethod: AdoptionMethod | null = null, adoptedVersionId: string | null = null) => ({
      status,
      adoptionMethod,
      adoptedVersionId,
    });
    expect(silenceStatusOf(c(CirculationStatus.OPEN), s(StatementStatus.SILENCE_PROCEDURE))).toBe(SilenceStatus.OPEN);
    expect(silenceStatusOf(c(CirculationStatus.BROKEN), s(StatementStatus.CIRCULATED))).toBe(SilenceStatus.BROKEN);
    expect(silenceStatusOf(c(CirculationStatus.BROKEN), s(StatementStatus.ADOPTED, AdoptionMethod.CONSENSUS, 'v2'))).toBe(SilenceStatus.BROKEN);
    expect(silenceStatusOf(c(CirculationStatus.CLOSED), s(StatementStatus.ADOPTED, AdoptionMethod.SILENCE, 'v2'))).toBe(SilenceStatus.CONCLUDED);
    expect(silenceStatusOf(c(CirculationStatus.CLOSED), s(StatementStatus.PUBLISHED, AdoptionMethod.SILENCE, 'v2'))).toBe(SilenceStatus.CONCLUDED);
    // Withdrawal closes open circulations: the silence did not conclude.
    expect(silenceStatusOf(c(CirculationStatus.CLOSED), s(StatementStatus.WITHDRAWN))).toBe(SilenceStatus.WITHDRAWN);
    expect(silenceStatusOf(c(CirculationStatus.OPEN), s(StatementStatus.WITHDRAWN))).toBe(SilenceStatus.WITHDRAWN);
  });

  it('lists the reservations standing at adoption: latest stance per delegation up to adoptedAt', () => {
    const adoptedAt = at('2012-06-20T16:00:00Z');
    const p = (delegationId: string, stance: Stance, iso: string) => ({ delegationId, stance, recordedAt: at(iso) });
    const positions = [
      p('DK', Stance.SCRUTINY_RESERVATION, '2012-06-10T10:00:00Z'),
      p('FR', Stance.RESERVATION, '2012-06-11T10:00:00Z'),
      p('FR', Stance.SUPPORT, '2012-06-12T10:00:00Z'), // lifted before adoption
      p('IE', Stance.ABSTAIN, '2012-06-12T10:00:00Z'),
      p('US', Stance.RESERVATION, '2012-06-20T16:00:00Z'), // at the very deadline: stands
      p('CY', Stance.RESERVATION, '2012-06-21T10:00:00Z'), // after adoption: not part of it
    ];
    expect(
      reservationsAtAdoption([...positions].reverse(), adoptedAt)
        .map((r) => r.delegationId)
        .sort(),
    ).toEqual(['DK', 'US']);
  });

  it('never lets an early job wait a negative time', () => {
    expect(remainingMs(10_000, 9_250)).toBe(750);
    expect(remainingMs(10_000, 10_500)).toBe(0);
  });
});
