import { createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { DataSource, In } from 'typeorm';
import { type AuthUser } from '../../auth/auth-user.js';
import { UserEntity } from '../../auth/user.entity.js';
import { UsersService } from '../../auth/users.service.js';
import { AppError } from '../../common/errors/app-error.js';
import { AppConfig } from '../../config/app-config.js';
import { TransactionService } from '../../database/transaction.service.js';
import { BodyEntity } from '../../delegations/body.entity.js';
import { MeetingAccess } from '../meeting-access.js';
import { MeetingStatus } from '../meeting.enums.js';
import { MeetingEntity } from '../meeting.entity.js';

const FEED_HISTORY_DAYS = 400;
const FEED_MAX_EVENTS = 2000;

/** Only this goes into the database: a feed token is looked up by its SHA-256. */
export function hashFeedToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * iCalendar for meetings: a stable UID per meeting, SEQUENCE from the meeting, times with the
 * venue's TZID and its VTIMEZONE, STATUS:CANCELLED once cancelled. Readable under the same rules
 * as GraphQL.
 */
@Injectable()
export class CalendarService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: MeetingAccess,
    private readonly users: UsersService,
    private readonly tx: TransactionService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {
    // A key of its own, derived from the server secret: feed tokens are not JWT signatures.
    this.feedKey = Buffer.from(hkdfSync('sha256', config.jwt.secret, 'concordia', 'calendar-feed-token', 32));
  }

  private readonly feedKey: Buffer;

  async meetingIcs(actor: AuthUser, meetingId: string): Promise<string> {
    const meeting = await this.access.findVisible(actor, meetingId);
    return this.render([meeting], meeting.title);
  }

  /** The personal feed behind a token: every meeting the token's owner may see, recent and upcoming. */
  async feedIcs(token: string): Promise<string> {
    const owner = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .where('u.calendar_token_hash = :hash AND u.active', { hash: hashFeedToken(token) })
      .getOne();
    const actor = owner ? await this.users.loadAuthUser(owner.id) : null;
    if (!actor?.active) throw AppError.notFound('Calendar feed');
    const since = new Date(Date.now() - FEED_HISTORY_DAYS * 24 * 3600 * 1000);
    const meetings = await this.access
      .restrict(this.dataSource.getRepository(MeetingEntity).createQueryBuilder('m'), 'm', actor)
      .andWhere('m.ends_at > :since', { since })
      .orderBy('m.starts_at')
      .limit(FEED_MAX_EVENTS)
      .getMany();
    return this.render(meetings, `Concordia – ${actor.name}`);
  }

  async feedUrl(actor: AuthUser): Promise<string> {
    const row = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.calendarFeedNonce')
      .where('u.id = :id', { id: actor.id })
      .getOneOrFail();
    return this.urlFor(row.calendarFeedNonce ? this.tokenFor(actor.id, row.calendarFeedNonce) : await this.rotate(actor, false));
  }

  /** A new token; the old URL stops working at once. */
  async reset(actor: AuthUser): Promise<string> {
    return this.urlFor(await this.rotate(actor, true));
  }

  /**
   * The token is an HMAC of a random per-user nonce under a server key: the URL can be shown again,
   * yet the database holds neither the token nor enough to compute it (only the nonce and a hash).
   */
  private tokenFor(userId: string, nonce: string): string {
    return createHmac('sha256', this.feedKey).update(`${userId}:${nonce}`).digest('base64url').slice(0, 32);
  }

  private async rotate(actor: AuthUser, replace: boolean): Promise<string> {
    const nonce = randomBytes(24).toString('base64url');
    const token = this.tokenFor(actor.id, nonce);
    return this.tx.mutate(actor, async ({ em, audit }) => {
      const qb = em
        .createQueryBuilder()
        .update(UserEntity)
        .set({ calendarFeedNonce: nonce, calendarTokenHash: hashFeedToken(token) })
        .where('id = :id', { id: actor.id });
      // Two first requests racing: the second keeps the first one's token.
      if (!replace) qb.andWhere('calendar_feed_nonce IS NULL');
      const { affected } = await qb.execute();
      audit(replace ? 'calendar-feed.reset' : 'calendar-feed.created', 'User', actor.id, { after: { rotated: Boolean(affected) } });
      if (affected) return token;
      const current = await em.createQueryBuilder(UserEntity, 'u').addSelect('u.calendarFeedNonce').where('u.id = :id', { id: actor.id }).getOneOrFail();
      return this.tokenFor(actor.id, current.calendarFeedNonce!);
    });
  }

  private urlFor(token: string): string {
    return `${this.config.publicUrl}/calendar/feed/${token}.ics`;
  }

  private async render(meetings: MeetingEntity[], name: string): Promise<string> {
    const bodyIds = [...new Set(meetings.map((m) => m.bodyId))];
    const bodies = new Map((bodyIds.length ? await this.dataSource.getRepository(BodyEntity).findBy({ id: In(bodyIds) }) : []).map((b) => [b.id, b]));
    const calendar = ical({
      name,
      prodId: { company: 'Concordia', product: 'Meetings', language: 'EN' },
      timezone: { name: null, generator: getVtimezoneComponent },
    });
    for (const m of meetings) {
      const url = `${this.config.publicUrl}/calendar/meetings/${m.id}.ics`;
      calendar.createEvent({
        id: `${m.id}@concordia`,
        sequence: m.sequence,
        // Zoned values, so ical-generator writes the venue's wall-clock time next to its TZID.
        start: DateTime.fromJSDate(m.startsAt).setZone(m.timezone),
        end: DateTime.fromJSDate(m.endsAt).setZone(m.timezone),
        timezone: m.timezone,
        stamp: m.updatedAt,
        lastModified: m.updatedAt,
        summary: m.title,
        location: m.location ?? undefined,
        description: `${bodies.get(m.bodyId)?.name ?? ''}\nStatus: ${m.status}\n${url}`,
        status:
          m.status === MeetingStatus.CANCELLED
            ? ICalEventStatus.CANCELLED
            : m.status === MeetingStatus.POSTPONED
              ? ICalEventStatus.TENTATIVE
              : ICalEventStatus.CONFIRMED,
        url,
      });
    }
    return calendar.toString();
  }
}
