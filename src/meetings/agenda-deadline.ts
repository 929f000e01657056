const DAY_MS = 24 * 3600 * 1000;

export const AGENDA_NOTICE_DAYS = { standard: 14, jha: 21 } as const;

export interface AgendaLateness {
  late: boolean;
  reason: string | null;
  dueAt: Date;
}

/**
 * Agendas go out 14 days before the meeting, 21 for Justice and Home Affairs bodies. Late when
 * circulated after that, or not circulated while the deadline has passed.
 */
export function agendaLateness(meeting: { startsAt: Date; agendaCirculatedAt: Date | null }, jha: boolean, now: Date): AgendaLateness {
  const days = jha ? AGENDA_NOTICE_DAYS.jha : AGENDA_NOTICE_DAYS.standard;
  const dueAt = new Date(meeting.startsAt.getTime() - days * DAY_MS);
  const rule = `${jha ? 'JHA bodies circulate' : 'agendas are circulated'} at least ${days} days before the meeting`;
  if (meeting.agendaCirculatedAt) {
    if (meeting.agendaCirculatedAt <= dueAt) return { late: false, reason: null, dueAt };
    const daysBefore = Math.max(0, Math.floor((meeting.startsAt.getTime() - meeting.agendaCirculatedAt.getTime()) / DAY_MS));
    return { late: true, reason: `Agenda circulated ${daysBefore} day${daysBefore === 1 ? '' : 's'} before the meeting; ${rule}`, dueAt };
  }
  if (now > dueAt) return { late: true, reason: `Agenda not circulated and due since ${dueAt.toISOString().slice(0, 10)}; ${rule}`, dueAt };
  return { late: false, reason: null, dueAt };
}
