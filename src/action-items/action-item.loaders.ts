import { type AuthUser } from '../auth/auth-user.js';
import { type Loaders } from '../common/loaders/loaders.js';
import { type MeetingAccess } from '../meetings/meeting-access.js';
import { MeetingEntity } from '../meetings/meeting.entity.js';

/**
 * Meetings by id, as the viewer may read them (null otherwise): an action item seen through its
 * owner delegation must not reveal a meeting its reader may not open. One query per request.
 */
export function visibleMeetingLoader(loaders: Loaders, viewer: AuthUser, access: MeetingAccess) {
  return loaders.get<string, MeetingEntity | null>('actionItem.visibleMeeting', async (ids) => {
    const rows = await access
      .restrict(
        loaders.dataSource
          .getRepository(MeetingEntity)
          .createQueryBuilder('m')
          .where('m.id = ANY(:ids)', { ids: [...ids] }),
        'm',
        viewer,
      )
      .getMany();
    const byId = new Map(rows.map((m) => [m.id, m]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
