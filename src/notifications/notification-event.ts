/**
 * Domain events that notify people, as carried by `notify` jobs: ids and the facts that identify
 * the occurrence (never copies of state, which the composer reloads).
 */
export type NotificationEvent =
  | { event: 'delegation.member-added'; membershipId: string }
  | { event: 'meeting.invited'; meetingId: string; delegationIds: string[] }
  | { event: 'meeting.updated'; meetingId: string; sequence: number }
  | { event: 'meeting.cancelled'; meetingId: string; sequence: number }
  | { event: 'meeting.agenda-circulated'; meetingId: string; circulatedAtEpochMs: number }
  | { event: 'action-item.assigned'; actionItemId: string; assigneeId: string; version: number }
  | { event: 'statement.adopted'; statementId: string }
  | { event: 'statement.withdrawn'; statementId: string }
  | { event: 'statement.published'; statementId: string }
  | { event: 'statement.endorsed'; endorsementId: string }
  | { event: 'statement.silence-broken'; circulationId: string }
  | { event: 'statement.silence-extended'; circulationId: string; deadlineEpochMs: number };

export type NotificationEventName = NotificationEvent['event'];
export type EventOf<N extends NotificationEventName> = Extract<NotificationEvent, { event: N }>;
