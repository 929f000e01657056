import { Mutation, Query, Resolver } from '@nestjs/graphql';
import { type AuthUser } from '../../auth/auth-user.js';
import { CurrentUser } from '../../auth/current-user.decorator.js';
import { CalendarService } from './calendar.service.js';
import { CalendarFeed } from '../meeting.model.js';

@Resolver(() => CalendarFeed)
export class CalendarResolver {
  constructor(private readonly calendar: CalendarService) {}

  @Query(() => String, { description: 'Private URL of your iCalendar feed (created on first use)' })
  calendarFeedUrl(@CurrentUser() user: AuthUser): Promise<string> {
    return this.calendar.feedUrl(user);
  }

  @Mutation(() => CalendarFeed, { description: 'Replaces your feed URL; the old one stops working' })
  async resetCalendarFeed(@CurrentUser() user: AuthUser): Promise<CalendarFeed> {
    return { url: await this.calendar.reset(user) };
  }
}
