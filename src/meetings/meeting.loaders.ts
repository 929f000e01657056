import { delegationIdsOf, type AuthUser } from '../auth/auth-user.js';
import { Policy } from '../auth/policy.js';
import { type Loaders } from '../common/loaders/loaders.js';
import { rawReader } from '../common/loaders/raw-reader.js';
import { visibleMeetingSql } from './meeting-access.js';
import { type MeetingConflict } from './meeting.model.js';
import { MinutesRevisionEntity } from './minutes-revision.entity.js';

export const HIDDEN_CONFLICT_TITLE = 'Another commitment';

/**
 * For each meeting, the other meetings that overlap it and share an accredited person. Viewers
 * who do not see all meetings only learn about the people of their own delegations, and a
 * meeting they may not open shows as "Another commitment" with its times only (no id, no title):
 * enough to plan around a colleague's absence, nothing about a meeting they cannot see.
 */
export function meetingConflictsLoader(loaders: Loaders, viewer: AuthUser) {
  return loaders.get<string, MeetingConflict[]>('meeting.conflicts', async (meetingIds) => {
    const restrict = !Policy.seeAllMeetings(viewer);
    const rows: { meeting_id: string; user_id: string; other_id: string; title: string; starts_at: Date; ends_at: Date; visible: boolean }[] =
      await loaders.dataSource.query(
        `SELECT a.meeting_id, a.user_id, o.id AS other_id, o.title, o.starts_at, o.ends_at,
              ($2::boolean = false OR ${visibleMeetingSql('o', '$3')}) AS visible
         FROM meeting_accreditations a
         JOIN meetings m ON m.id = a.meeting_id
         JOIN meeting_accreditations oa ON oa.user_id = a.user_id AND oa.meeting_id <> a.meeting_id
         JOIN meetings o ON o.id = oa.meeting_id
        WHERE a.meeting_id = ANY($1)
          AND o.starts_at < m.ends_at AND o.ends_at > m.starts_at
          AND o.status NOT IN ('CANCELLED', 'POSTPONED')
          AND ($2::boolean = false OR a.delegation_id = ANY($3))
        ORDER BY o.starts_at, o.id`,
        [meetingIds, restrict, delegationIdsOf(viewer)],
      );
    const groups = new Map<string, MeetingConflict[]>(meetingIds.map((id) => [id, []]));
    for (const r of rows) {
      groups.get(r.meeting_id)?.push({
        meetingId: r.visible ? r.other_id : null,
        title: r.visible ? r.title : HIDDEN_CONFLICT_TITLE,
        startsAt: r.starts_at,
        endsAt: r.ends_at,
        userId: r.user_id,
      });
    }
    return meetingIds.map((id) => groups.get(id) ?? []);
  });
}

/** Each meeting's latest outcome of proceedings (null: none yet), without reading the older revisions. */
export function latestMinutesLoader(loaders: Loaders) {
  return loaders.get<string, MinutesRevisionEntity | null>('meeting.minutes.latest', async (meetingIds) => {
    const reader = rawReader(loaders.dataSource.getMetadata(MinutesRevisionEntity))!;
    const rows: MinutesRevisionEntity[] = await loaders.dataSource.query(
      `${reader.select.replace(/^SELECT /, 'SELECT DISTINCT ON (meeting_id) ')} WHERE meeting_id = ANY($1::uuid[]) ORDER BY meeting_id, revision DESC`,
      [meetingIds],
    );
    const latest = new Map(rows.map((r) => [r.meetingId, r]));
    return meetingIds.map((id) => latest.get(id) ?? null);
  });
}
