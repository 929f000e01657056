import { describe, expect, it } from '@jest/globals';
import { durationParts, notificationLanguage, textsFor } from './notification-texts.js';

describe('notification texts', () => {
  const instant = new Date('2012-06-21T07:30:00Z');

  it('reads the language of a locale, English for any other', () => {
    expect(['en', 'fr', 'fr-BE', 'de-CH', 'DE', 'pt-BR', 'nl', '', null].map(notificationLanguage)).toEqual([
      'en',
      'fr',
      'fr',
      'de',
      'de',
      'en',
      'en',
      'en',
      'en',
    ]);
    expect(textsFor('pt-BR').t('meeting.invitation.subject', { meeting: 'X' })).toBe('Invitation: X');
  });

  it('formats times through Intl in the reader’s zone, in the order of each catalogue', () => {
    expect(textsFor('en').dateTime(instant, 'Europe/Copenhagen')).toBe('Thu 21 Jun 2012, 09:30 CEST');
    expect(textsFor('en').dateTime(instant, 'America/New_York')).toBe('Thu 21 Jun 2012, 03:30 GMT-4');
    expect(textsFor('fr').dateTime(instant, 'Europe/Copenhagen')).toBe('jeu. 21 juin 2012, 09:30 UTC+2');
    expect(textsFor('de').dateTime(instant, 'Europe/Copenhagen')).toBe('Do., 21. Juni 2012, 09:30 MESZ');
    expect(textsFor('de').date(instant, 'Europe/Berlin')).toBe('21. Juni 2012');
  });

  it('gives the venue’s time and the reader’s when they differ', () => {
    expect(textsFor('en').at(instant, 'Europe/Copenhagen', 'America/New_York')).toBe(
      'Thu 21 Jun 2012, 03:30 GMT-4 your time (America/New_York); Thu 21 Jun 2012, 09:30 CEST (Europe/Copenhagen) at the venue',
    );
    expect(textsFor('en').at(instant, 'Europe/Copenhagen', 'Europe/Copenhagen')).toBe('Thu 21 Jun 2012, 09:30 CEST (Europe/Copenhagen)');
    expect(textsFor('fr').at(instant, 'Europe/Brussels', 'Europe/Paris')).toContain('votre heure (Europe/Paris)');
  });

  it('says durations with the plural rules of each language', () => {
    expect(durationParts(36 * 3600_000)).toEqual({ unit: 'day', count: 2 });
    expect(durationParts(90_000)).toEqual({ unit: 'minute', count: 2 });
    expect(textsFor('en').inDuration(24 * 3600_000)).toBe('in 1 day');
    expect(textsFor('en').inDuration(7 * 24 * 3600_000)).toBe('in 7 days');
    expect(textsFor('fr').inDuration(3600_000)).toBe('dans 1 heure');
    expect(textsFor('de').inDuration(2 * 24 * 3600_000)).toBe('in 2 Tagen');
    expect(textsFor('de').inDuration(3600_000)).toBe('in einer Stunde');
  });

  it('joins lists and fills plurals and selects', () => {
    expect(textsFor('en').list(['DK', 'FR', 'US'])).toBe('DK, FR and US');
    expect(textsFor('fr').list(['DK', 'US'])).toBe('DK et US');
    expect(textsFor('de').t('adoption.adopted.reservations', { count: 2, delegations: 'DK und US' })).toBe(
      'Zum angenommenen Text bestehen 2 Vorbehalte, von DK und US:',
    );
    expect(textsFor('fr').t('adoption.stance', { stance: 'SCRUTINY_RESERVATION' })).toBe('réserve d’examen');
    expect(textsFor('en').t('meeting.status', { status: 'SOMETHING_NEW' })).toBe('Status: SOMETHING_NEW');
  });
});
