import { Role } from '../auth/role.enum.js';
import { BodyKind, DelegateRole, DelegationKind } from '../delegations/delegation-kind.enum.js';
import { AgendaItemKind } from '../meetings/meeting.enums.js';

/** The 27 member states of June 2012 (ISO 3166-1 alpha-2) with the zone of their capital. */
export const MEMBER_STATES_2012: [code: string, name: string, timezone: string][] = [
  ['AT', 'Austria', 'Europe/Vienna'],
  ['BE', 'Belgium', 'Europe/Brussels'],
  ['BG', 'Bulgaria', 'Europe/Sofia'],
  ['CY', 'Cyprus', 'Asia/Nicosia'],
  ['CZ', 'Czech Republic', 'Europe/Prague'],
  ['DE', 'Germany', 'Europe/Berlin'],
  ['DK', 'Denmark', 'Europe/Copenhagen'],
  ['EE', 'Estonia', 'Europe/Tallinn'],
  ['ES', 'Spain', 'Europe/Madrid'],
  ['FI', 'Finland', 'Europe/Helsinki'],
  ['FR', 'France', 'Europe/Paris'],
  ['GR', 'Greece', 'Europe/Athens'],
  ['HU', 'Hungary', 'Europe/Budapest'],
  ['IE', 'Ireland', 'Europe/Dublin'],
  ['IT', 'Italy', 'Europe/Rome'],
  ['LT', 'Lithuania', 'Europe/Vilnius'],
  ['LU', 'Luxembourg', 'Europe/Luxembourg'],
  ['LV', 'Latvia', 'Europe/Riga'],
  ['MT', 'Malta', 'Europe/Malta'],
  ['NL', 'Netherlands', 'Europe/Amsterdam'],
  ['PL', 'Poland', 'Europe/Warsaw'],
  ['PT', 'Portugal', 'Europe/Lisbon'],
  ['RO', 'Romania', 'Europe/Bucharest'],
  ['SE', 'Sweden', 'Europe/Stockholm'],
  ['SI', 'Slovenia', 'Europe/Ljubljana'],
  ['SK', 'Slovakia', 'Europe/Bratislava'],
  ['GB', 'United Kingdom', 'Europe/London'],
];

export const DEMO_DELEGATIONS = [
  ...MEMBER_STATES_2012.map(([code, name, timezone]) => ({ code, name, timezone, kind: DelegationKind.MEMBER_STATE })),
  { code: 'EU', name: 'European Union', timezone: 'Europe/Brussels', kind: DelegationKind.EU_INSTITUTION },
  { code: 'COM', name: 'European Commission', timezone: 'Europe/Brussels', kind: DelegationKind.EU_INSTITUTION },
  { code: 'GSC', name: 'General Secretariat of the Council', timezone: 'Europe/Brussels', kind: DelegationKind.EU_INSTITUTION },
  { code: 'US', name: 'United States', timezone: 'America/New_York', kind: DelegationKind.THIRD_COUNTRY },
];

/**
 * Partner countries that joined the Global Alliance at its launch in Brussels on 5 December 2012 by
 * endorsing the statement; they are not members of the Ministerial.
 */
export const DEMO_PARTNERS = [
  { code: 'NO', name: 'Norway', timezone: 'Europe/Oslo', kind: DelegationKind.THIRD_COUNTRY },
  { code: 'CH', name: 'Switzerland', timezone: 'Europe/Zurich', kind: DelegationKind.THIRD_COUNTRY },
  { code: 'AU', name: 'Australia', timezone: 'Australia/Sydney', kind: DelegationKind.THIRD_COUNTRY },
  { code: 'JP', name: 'Japan', timezone: 'Asia/Tokyo', kind: DelegationKind.THIRD_COUNTRY },
  { code: 'KR', name: 'Republic of Korea', timezone: 'Asia/Seoul', kind: DelegationKind.THIRD_COUNTRY },
  { code: 'NZ', name: 'New Zealand', timezone: 'Pacific/Auckland', kind: DelegationKind.THIRD_COUNTRY },
];
export const GLOBAL_ALLIANCE_LAUNCH = '2012-12-05T10:00:00Z';

export const MINISTERIAL = 'EU-US Justice and Home Affairs Ministerial';
export const WORKING_PARTY = 'Working Party on JHA-RELEX (JAIEX)';

export const DEMO_BODIES = [
  { name: MINISTERIAL, kind: BodyKind.MINISTERIAL, parent: null, chair: 'DK', jha: true },
  { name: WORKING_PARTY, kind: BodyKind.WORKING_PARTY, parent: MINISTERIAL, chair: 'DK', jha: true },
];

export const DEMO_USERS: { email: string; name: string; role: Role; timezone: string; delegation?: [code: string, role: DelegateRole] }[] = [
  { email: 'admin@concordia.test', name: 'Ada Admin', role: Role.ADMIN, timezone: 'Europe/Brussels' },
  {
    email: 'organizer@concordia.test',
    name: 'Ole Organizer (Danish Presidency)',
    role: Role.ORGANIZER,
    timezone: 'Europe/Copenhagen',
    delegation: ['DK', DelegateRole.CLERK],
  },
  {
    email: 'clerk@concordia.test',
    name: 'Clara Clerk (Council Secretariat)',
    role: Role.CLERK,
    timezone: 'Europe/Brussels',
    delegation: ['GSC', DelegateRole.CLERK],
  },
  {
    email: 'delegate.dk@concordia.test',
    name: 'Dorte Delegate (Denmark)',
    role: Role.DELEGATE,
    timezone: 'Europe/Copenhagen',
    delegation: ['DK', DelegateRole.HEAD_OF_DELEGATION],
  },
  {
    email: 'delegate.us@concordia.test',
    name: 'Dan Delegate (United States)',
    role: Role.DELEGATE,
    timezone: 'America/New_York',
    delegation: ['US', DelegateRole.HEAD_OF_DELEGATION],
  },
  {
    email: 'observer@concordia.test',
    name: 'Olga Observer (Cyprus, incoming presidency)',
    role: Role.OBSERVER,
    timezone: 'Asia/Nicosia',
    delegation: ['CY', DelegateRole.EXPERT],
  },
];

export const STATEMENT_TITLE = 'Global Alliance against Child Sexual Abuse Online';

export const DEMO_MEETINGS = [
  {
    body: WORKING_PARTY,
    title: 'JAIEX: preparation of the EU-US JHA Ministerial',
    startsAt: '2012-06-07T08:00:00Z', // 10:00 in Brussels
    endsAt: '2012-06-07T11:00:00Z',
    timezone: 'Europe/Brussels',
    location: 'Justus Lipsius building, Brussels',
    agendaCirculatedAt: '2012-05-16T09:00:00Z',
    invite: 'EU_SIDE' as const,
    agenda: [
      { title: 'Preparation of the EU-US JHA Ministerial Meeting, Copenhagen, 21 June 2012', kind: AgendaItemKind.FOR_DISCUSSION, lead: 'DK' },
      { title: `Draft joint statement: ${STATEMENT_TITLE}`, kind: AgendaItemKind.FOR_DISCUSSION, lead: 'COM' },
    ],
    minutes:
      'The Working Party agreed the EU line for the Ministerial and welcomed the draft joint statement, to be finalised by the Commission with the US side.',
  },
  {
    body: MINISTERIAL,
    title: 'EU-US Justice and Home Affairs Ministerial Meeting',
    startsAt: '2012-06-21T07:30:00Z', // 09:30 in Copenhagen
    endsAt: '2012-06-21T15:00:00Z',
    timezone: 'Europe/Copenhagen',
    location: 'Eigtveds Pakhus, Copenhagen',
    agendaCirculatedAt: '2012-05-25T10:00:00Z',
    invite: 'ALL' as const,
    agenda: [
      { title: 'Opening by the Danish Presidency and adoption of the agenda', kind: AgendaItemKind.FOR_INFORMATION, lead: 'DK' },
      { title: 'Data protection and information sharing', kind: AgendaItemKind.FOR_DISCUSSION, lead: 'COM' },
      { title: 'Migration, mobility and visa reciprocity', kind: AgendaItemKind.FOR_DISCUSSION, lead: 'US' },
      {
        title: `Joint statement: ${STATEMENT_TITLE}`,
        kind: AgendaItemKind.FOR_DECISION,
        lead: 'COM',
        outcome: 'Ministers adopted the joint statement (press reference 12-784) and invited partners worldwide to join the Global Alliance.',
      },
      { title: 'Counter-terrorism and violent extremism', kind: AgendaItemKind.FOR_DISCUSSION, lead: 'US' },
      { title: 'Any other business; next Ministerial under the Cyprus Presidency', kind: AgendaItemKind.FOR_INFORMATION, lead: 'CY' },
    ],
    minutes:
      'The Ministerial was chaired by the Danish Presidency with the US Attorney General and the Secretary of Homeland Security. ' +
      `Ministers adopted the joint statement "${STATEMENT_TITLE}", setting four shared goals, and agreed to review its implementation at the next Ministerial.`,
  },
];

/**
 * The one meeting still ahead: placed relative to the moment the demo data is loaded, so that a new
 * user sees an open invitation (the US has not answered yet), a meeting in the calendar feed and,
 * within the hour, the first reminder (it starts one hour boundary plus the longest reminder offset
 * from now).
 */
export const UPCOMING_MEETING = {
  body: MINISTERIAL,
  title: 'EU-US Senior Officials: follow-up of the Global Alliance',
  timezone: 'Europe/Brussels',
  location: 'Video conference hosted by the Council Secretariat, Brussels',
  durationMs: 2 * 3600_000,
  accepted: ['DK', 'GSC', 'COM'],
  agenda: [
    { title: 'Implementation report per goal and delegation', kind: AgendaItemKind.FOR_DISCUSSION, lead: 'COM' },
    { title: 'Partners who joined the Global Alliance since June 2012', kind: AgendaItemKind.FOR_INFORMATION, lead: 'US' },
    { title: 'Preparation of the next Ministerial under the Cyprus Presidency', kind: AgendaItemKind.FOR_DECISION, lead: 'CY' },
  ],
};

export function upcomingMeetingStart(now: Date, reminderOffsetsMs: readonly number[]): Date {
  const nextHour = Math.ceil((now.getTime() + 1) / 3600_000) * 3600_000;
  return new Date(nextHour + Math.max(3600_000, ...reminderOffsetsMs));
}
